import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Config } from "../config.js";
import { PrismaClient } from "./generated/client.js";
import { pgliteAdapter } from "./pgliteAdapter.js";

export { Prisma, PrismaClient } from "./generated/client.js";

/** A plain SQL connection, used where Prisma cannot help: migrations and health checks. */
export interface SqlConnection {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  release(): Promise<void>;
}

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** A dedicated connection; release it when done. */
  connect(): Promise<SqlConnection>;
  close(): Promise<void>;
}

export async function openDatabase(database: Config["database"], options: { pglite?: PGlite } = {}): Promise<Database> {
  return database.kind === "postgres" ? openPostgres(database.url) : openPGlite(options.pglite ?? (await startPGlite(database.dataDir)));
}

async function startPGlite(dataDir: string): Promise<PGlite> {
  fs.mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir);
}

function openPGlite(pglite: PGlite): Database {
  // PGlite has a single connection; the migration runner and Prisma take turns on it.
  const connection: SqlConnection = {
    query: async (sql, params) => (await pglite.query(sql, params)).rows as never[],
    exec: async (sql) => void (await pglite.exec(sql)),
    release: async () => {},
  };
  return {
    kind: "pglite",
    prisma: new PrismaClient({ adapter: pgliteAdapter(pglite) }),
    connect: async () => connection,
    close: async () => {
      await connection.release();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    connect: async () => {
      const client = await pool.connect();
      return {
        query: async (sql, params) => (await client.query(sql, params)).rows,
        exec: async (sql) => void (await client.query(sql)),
        release: async () => client.release(),
      };
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

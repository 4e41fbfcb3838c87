import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Config } from "@server/config.js";
import { PrismaClient } from "./generated/client.js";
import { pgliteAdapter } from "./pgliteAdapter.js";
import { serialTransactions } from "./serialTransactions.js";
import { type QueryObserver, timingQueries } from "@server/observability/queryTiming.js";

export { Prisma, PrismaClient } from "./generated/client.js";

/** A plain SQL connection, used where Prisma cannot help: migrations and health checks. */
export interface SqlConnection {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  release(): Promise<void>;
}

/** Plain SQL inside a transaction. */
export type SqlTransaction = Pick<SqlConnection, "query">;

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** The embedded database itself (PGlite mode only), for a copy of its data folder in backups. */
  embedded?: PGlite;
  /** The connection pool's figures (PostgreSQL only; PGlite has one connection). */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /** A dedicated connection; release it when done. */
  connect(): Promise<SqlConnection>;
  /**
   * Runs `work` in one transaction of plain SQL, committed when it resolves and rolled back when it
   * throws. For hot paths with large parameters, where Prisma's planning of each query costs more than the query.
   */
  transaction<T>(work: (sql: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** observeQuery: told of every Prisma query (the Prometheus metrics). */
export async function openDatabase(
  database: Config["database"],
  options: { pglite?: PGlite; observeQuery?: QueryObserver } = {},
): Promise<Database> {
  const timed = <T extends object>(adapter: T) =>
    options.observeQuery ? timingQueries(adapter, options.observeQuery) : adapter;
  return database.kind === "postgres"
    ? openPostgres(database.url, timed)
    : openPGlite(options.pglite ?? (await startPGlite(database.dataDir)), timed);
}

type AdapterWrapper = <T extends object>(adapter: T) => T;

async function startPGlite(dataDir: string): Promise<PGlite> {
  fs.mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir);
}

function openPGlite(pglite: PGlite, timed: AdapterWrapper): Database {
  // PGlite has a single connection; the migration runner and Prisma take turns on it.
  const connection: SqlConnection = {
    query: async (sql, params) => (await pglite.query(sql, params)).rows as never[],
    exec: async (sql) => void (await pglite.exec(sql)),
    release: async () => {},
  };
  return {
    kind: "pglite",
    prisma: new PrismaClient({ adapter: timed(pgliteAdapter(pglite)) }),
    embedded: pglite,
    connect: async () => connection,
    // PGlite runs every other query (Prisma's too) after the transaction, so it has the connection to itself.
    transaction: (work) =>
      pglite.transaction((tx) => work({ query: async (sql, params) => (await tx.query(sql, params)).rows as never[] })),
    close: async () => {
      await connection.release();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function openPostgres(url: string, timed: AdapterWrapper): Database {
  // Idle connections stay open (no idle timeout): a new one costs a handshake and a backend that
  // loads the catalogue again, which the first dashboard after a quiet spell would otherwise pay.
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 0, allowExitOnIdle: true });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: timed(serialTransactions(new PrismaPg(pool))) });
  return {
    kind: "postgres",
    prisma,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    connect: async () => {
      const client = await pool.connect();
      return {
        query: async (sql, params) => (await client.query(sql, params)).rows,
        exec: async (sql) => void (await client.query(sql)),
        release: async () => client.release(),
      };
    },
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work({ query: async (sql, params) => (await client.query(sql, params)).rows });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A connection that cannot even roll back is closed rather than returned to the pool.
        await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { parse } from "pg-connection-string";
import type { Database } from "@server/db/client.js";

const run = promisify(execFile);

/** The database's file in an archive: pg_dump's custom format, or PGlite's data folder as a gzipped tarball. */
export const DATABASE_FILE = { postgres: "database.pgdump", pglite: "database.pglite.tar.gz" } as const;

/**
 * libpq's variables for pg_dump and pg_restore, so the password is never on a command line
 * (where `ps` would show it).
 */
function libpqEnvironment(url: string): NodeJS.ProcessEnv {
  const { host, port, user, password, database, sslmode } = parse(url) as Record<string, string | undefined>;
  const parts: Record<string, string | undefined> = {
    PGHOST: host,
    PGPORT: port,
    PGUSER: user,
    PGPASSWORD: password,
    PGDATABASE: database,
    PGSSLMODE: sslmode,
  };
  const defined = Object.entries(parts).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return { ...process.env, ...Object.fromEntries(defined) };
}

/** Writes the database to `file`: pg_dump's custom format, or PGlite's own dump of its data folder. */
export async function dumpDatabase(db: Database, databaseUrl: string | undefined, file: string): Promise<void> {
  if (db.embedded) {
    const dump = await db.embedded.dumpDataDir("gzip");
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return;
  }
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`], {
    env: libpqEnvironment(databaseUrl!),
  });
}

/** Whether the database holds any table yet (a started Siar has made its tables). */
export async function databaseHasTables(db: Database): Promise<boolean> {
  const conn = await db.connect();
  try {
    const [row] = await conn.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
    );
    return row!.n > 0;
  } finally {
    await conn.release();
  }
}

/** Empties the PostgreSQL database's public schema (what `--force` replaces), then loads the dump. */
export async function restorePostgres(databaseUrl: string, db: Database, file: string): Promise<void> {
  const conn = await db.connect();
  try {
    await conn.exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
  } finally {
    await conn.release();
  }
  const env = libpqEnvironment(databaseUrl);
  const options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"];
  // A bare database name: host, user and password come from the environment.
  await run("pg_restore", [...options, `--dbname=${env.PGDATABASE}`, file], { env }).catch(
    (error: { stderr?: string }) => {
      throw new Error(`pg_restore failed: ${error.stderr?.trim() || String(error)}`);
    },
  );
}

/** Makes PGlite's data folder `dataDir` from its dump. */
export async function restorePGlite(dataDir: string, file: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await pglite.waitReady;
  await pglite.close();
}

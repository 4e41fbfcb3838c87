import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database, SqlConnection } from "./client.js";
import { MIGRATION_LOCK_KEY, withAdvisoryLock } from "./locks.js";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(
      `Migration ${migration} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = "MigrationError";
  }
}

export type MigrationStatus = { name: string; applied: boolean; checksumMatches: boolean };

type LocalMigration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): LocalMigration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// Prisma's own bookkeeping table, so that `prisma migrate status` with native engines agrees.
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type HistoryRow = { migration_name: string; checksum: string };

async function appliedHistory(conn: SqlConnection): Promise<HistoryRow[]> {
  await conn.exec(CREATE_HISTORY_TABLE);
  return conn.query<HistoryRow>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
}

/**
 * Applies every migration not yet recorded, each in its own transaction: a failing one is
 * rolled back whole and stops the run, leaving the database as it was before it.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const local = readMigrations(dir);
  return withAdvisoryLock(db, MIGRATION_LOCK_KEY, async (conn) => {
    const done = new Set((await appliedHistory(conn)).map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of local.filter((m) => !done.has(m.name))) {
      const startedAt = new Date();
      try {
        await conn.exec("BEGIN");
        await conn.exec(migration.sql);
        await conn.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await conn.exec("COMMIT");
      } catch (error) {
        await conn.exec("ROLLBACK").catch(() => {});
        throw new MigrationError(migration.name, error);
      }
      applied.push(migration.name);
    }
    return { applied };
  });
}

export async function migrationStatus(db: Database, dir = MIGRATIONS_DIR): Promise<MigrationStatus[]> {
  const conn = await db.connect();
  try {
    const history = new Map((await appliedHistory(conn)).map((row) => [row.migration_name, row.checksum]));
    return readMigrations(dir).map((m) => ({
      name: m.name,
      applied: history.has(m.name),
      checksumMatches: !history.has(m.name) || history.get(m.name) === m.checksum,
    }));
  } finally {
    await conn.release();
  }
}

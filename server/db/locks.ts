import type { Database, SqlConnection } from "./client.js";

// Prisma's own migrate uses this key, so our runner and the Prisma CLI exclude each other.
export const MIGRATION_LOCK_KEY = 72707369;
export const FIRST_DATA_LOCK_KEY = 72707370;
export const DEADLINE_SWEEP_LOCK_KEY = 72707371;
export const ENGAGEMENT_REFRESH_LOCK_KEY = 72707372;
export const REPORT_LOCK_KEY = 72707380;
export const SITE_REMINDER_LOCK_KEY = 72707390;
export const BACKUP_LOCK_KEY = 72707391;
// Creating the socket.io PostgreSQL adapter's table (server/realtime/cluster.ts).
export const SOCKET_CLUSTER_LOCK_KEY = 72707393;
// Importing official areas: two admins importing at once take turns, the second finds the first's units.
export const AREA_IMPORT_LOCK_KEY = 72707382;
// Counting the rollups again after a change of reporting zone: one process at a time.
export const REPORTING_RECOUNT_LOCK_KEY = 72707394;
// 72707381: folding the inbox daily counts, taken inside SQL (inbox_daily_count_fold, migration
// 20261121152642_dashboard_daily_counts); the recount holds it too, for the whole recount.
export const DAILY_COUNT_FOLD_LOCK_KEY = 72707381;

/**
 * Runs `work` on one connection while holding a PostgreSQL session advisory lock, so that
 * server processes starting together take turns. PGlite has one process and needs none.
 */
export async function withAdvisoryLock<T>(
  db: Database,
  key: number,
  work: (conn: SqlConnection) => Promise<T>,
): Promise<T> {
  const conn = await db.connect();
  const locks = db.kind === "postgres";
  try {
    if (locks) await conn.query("SELECT pg_advisory_lock($1)", [key]);
    return await work(conn);
  } finally {
    if (locks) await conn.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => {});
    await conn.release();
  }
}

/** Like withAdvisoryLock, but skips the work (returns null) when another process holds the lock. */
export async function ifAdvisoryLockFree<T>(db: Database, key: number, work: () => Promise<T>): Promise<T | null> {
  if (db.kind !== "postgres") return work();
  const conn = await db.connect();
  try {
    const [row] = await conn.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [key]);
    if (!row?.locked) return null;
    try {
      return await work();
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => {});
    }
  } finally {
    await conn.release();
  }
}

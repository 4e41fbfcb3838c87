import {
  DAILY_COUNT_FOLD_LOCK_KEY,
  REPORTING_RECOUNT_LOCK_KEY,
  ifAdvisoryLockFree,
  withAdvisoryLock,
} from "@server/db/locks.js";
import type { Services } from "@server/services.js";
import { RECOUNT_REQUEST_KEY } from "./settings.js";

// After the reporting zone or the on-time tolerance changed, the rollups (InboxDailyCount,
// InboxMonthlyCount, PublishingDay) are counted again in the background while the app runs. The
// request is a row of the Setting table; one process at a time does it (advisory lock), and the
// request is removed only when done, so a process stopped halfway leaves it for the next.

/** Counts the rollups again when asked to; returns whether it did. */
export async function recountRollups({ db, prisma }: Pick<Services, "db" | "prisma">): Promise<boolean> {
  const done = await ifAdvisoryLockFree(db, REPORTING_RECOUNT_LOCK_KEY, async () => {
    const request = await prisma.setting.findUnique({ where: { key: RECOUNT_REQUEST_KEY } });
    if (!request) return false;
    if (db.kind === "pglite") {
      // One connection: nothing writes while this runs.
      await db.transaction((sql) => sql.query("SELECT inbox_daily_count_recount()"));
    } else {
      // Folds wait; writers that began before the change (and may still count in the old zone)
      // are waited for; then the counts are taken from one snapshot, and deltas written after it
      // stay for the next fold.
      await withAdvisoryLock(db, DAILY_COUNT_FOLD_LOCK_KEY, async (conn) => {
        await conn.exec(`BEGIN; LOCK TABLE "InboxItem" IN SHARE MODE; COMMIT`);
        await conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
        try {
          await conn.query("SELECT inbox_daily_count_recount()");
          await conn.exec("COMMIT");
        } catch (error) {
          await conn.exec("ROLLBACK").catch(() => {});
          throw error;
        }
      });
    }
    await db.transaction((sql) => sql.query("SELECT publishing_day_recount()"));
    // Asked again meanwhile (another change): the next run counts once more.
    await prisma.setting.deleteMany({ where: { key: RECOUNT_REQUEST_KEY, updatedAt: request.updatedAt } });
    return true;
  });
  return done ?? false;
}

import { recordAudit } from "@server/audit/record.js";
import { createBackup, pruneBackups } from "@server/backup/archive.js";
import { BACKUP_LOCK_KEY, ifAdvisoryLockFree } from "@server/db/locks.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

export const BACKUP_MADE_ACTION = "backup.made";

// PGlite takes no advisory locks: runs in one process take turns here instead.
let inProcess: Promise<unknown> = Promise.resolve();

/**
 * The backup of one scheduled minute, made once across processes: under an advisory lock, and
 * claimed by its audit event ("backup.made", target the minute), which a second process finds.
 * Then the archives beyond BACKUP_KEEP go, oldest first.
 */
export async function runScheduledBackup(services: Services, now = new Date()): Promise<string | null> {
  const { prisma, config, db, logger } = services;
  const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
  const run = inProcess.then(() =>
    ifAdvisoryLockFree(db, BACKUP_LOCK_KEY, async () => {
      const done = await prisma.auditEvent.findFirst({
        where: { action: BACKUP_MADE_ACTION, targetType: "backup", targetId: slot },
        select: { id: true },
      });
      if (done) return null;
      const archive = await createBackup(config, db, now);
      await recordAudit(
        prisma,
        { actor: null, label: "backup schedule" },
        { action: BACKUP_MADE_ACTION, targetType: "backup", targetId: slot, changes: { archive } },
      );
      const pruned = pruneBackups(config.backup.dir, config.backup.keep);
      logger.info({ archive, pruned: pruned.length }, "scheduled backup written");
      return archive;
    }),
  );
  inProcess = run.catch(() => {});
  return run;
}

/** Off without BACKUP_SCHEDULE. */
export const scheduledBackup = (services: Services, schedule: string): ScheduledJob => ({
  name: "scheduled backup",
  trigger: { schedule, timezone: "Asia/Jakarta" },
  run: () => runScheduledBackup(services),
});

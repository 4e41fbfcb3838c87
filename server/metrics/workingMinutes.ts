import type { Logger } from "pino";
import { Prisma, type PrismaClient } from "@server/db/client.js";
import { durationMinutes } from "./definitions.js";

// Working minutes need each unit's office calendar (hours, weekends, holidays), which SQL does not
// have: they are computed here once per item and stored on it, so that the figures are plain SQL
// percentiles. A trigger clears them when the item's times or unit change (migration
// 20261121121407_dashboard_working_minutes), whoever writes the item; whatever is missing is filled
// before figures are read, so they are always exact. A unit's changed time zone applies to items
// answered or resolved after the change.

const BATCH = 2_000;

/** Items whose stored working minutes are missing; the same predicate as the partial index that finds them. */
const MISSING = Prisma.sql`(i."firstRespondedAt" IS NOT NULL AND i."firstResponseWorkingMinutes" IS NULL) OR (i."resolvedAt" IS NOT NULL AND i."resolutionWorkingMinutes" IS NULL)`;

type Pending = {
  id: string;
  receivedAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  timezone: string | null;
};

/**
 * Fills every missing working-minute figure (or stops between batches once `stop` says so);
 * returns how many items were filled, 0 at once when none are missing.
 */
export async function fillWorkingMinutes(prisma: PrismaClient, stop = () => false): Promise<number> {
  let filled = 0;
  while (
    !stop() &&
    (
      await prisma.$queryRaw<
        { missing: boolean }[]
      >`SELECT EXISTS (SELECT 1 FROM "InboxItem" i WHERE ${MISSING}) AS "missing"`
    )[0]?.missing
  ) {
    filled += await prisma.$transaction(fillBatch, { timeout: 60_000 });
  }
  return filled;
}

/**
 * At start-up, fills in the background what is missing (rows from before the upgrade, or written
 * while no process ran), so that the first dashboard request need not. Stopping waits for the batch.
 */
export function backfillWorkingMinutes(prisma: PrismaClient, logger: Logger): () => Promise<void> {
  let stopped = false;
  const started = performance.now();
  const running = fillWorkingMinutes(prisma, () => stopped).then(
    (filled) =>
      filled > 0 &&
      logger.info({ filled, ms: Math.round(performance.now() - started) }, "working minutes of inbox items filled"),
    (error: unknown) => logger.error({ err: error }, "filling working minutes failed"),
  );
  return async () => {
    stopped = true;
    await running;
  };
}

async function fillBatch(tx: Prisma.TransactionClient): Promise<number> {
  // Locked in id order: another process filling the same rows waits, then finds them filled.
  const rows = await tx.$queryRaw<Pending[]>`
    SELECT i."id", i."receivedAt", i."firstRespondedAt", i."resolvedAt", u."timezone"
    FROM "InboxItem" i LEFT JOIN "Unit" u ON u."id" = i."unitId"
    WHERE ${MISSING} ORDER BY i."id" LIMIT ${BATCH} FOR UPDATE OF i`;
  if (rows.length === 0) return 0;
  const working = (to: Date | null, row: Pending) =>
    to ? durationMinutes(row.receivedAt, to, row.timezone).working : null;
  await tx.$executeRaw`
    UPDATE "InboxItem" i SET "firstResponseWorkingMinutes" = w."firstResponse", "resolutionWorkingMinutes" = w."resolution"
    FROM unnest(${rows.map((row) => row.id)}::uuid[], ${rows.map((row) => working(row.firstRespondedAt, row))}::int[], ${rows.map((row) => working(row.resolvedAt, row))}::int[])
      AS w("id", "firstResponse", "resolution")
    WHERE i."id" = w."id"`;
  return rows.length;
}

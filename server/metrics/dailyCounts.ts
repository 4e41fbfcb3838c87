import { Prisma, type PrismaClient } from "../db/client.js";
import { REPORTING_OFFSET_MINUTES } from "./definitions.js";
import type { Period } from "./scope.js";

// Inbox items counted per day of receipt (WIB) and per dimension the figures filter or group by:
// "InboxDailyCount", kept exact by triggers on InboxItem that append deltas, which a job folds in
// (migration 20261121152642_dashboard_daily_counts). A period's whole days are read from the
// counts and the deltas not yet folded; its partial first and last day are counted from the items.

const DAY_MS = 24 * 60 * 60_000;
const OFFSET_MS = REPORTING_OFFSET_MINUTES * 60_000;

/** The WIB midnight at or before `t`. */
const midnightBefore = (t: number) => Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
const dateOf = (midnight: number) => new Date(midnight + OFFSET_MS).toISOString().slice(0, 10);

/**
 * The day cells of the items received in the period, as a row source aliased `i` with the columns
 * of InboxDailyCount (day, unitId, placeUnitId, source, channelId, category, kind, urgency and the
 * counts), so that the items' filters (scope.ts) apply to it unchanged.
 */
export function dailyCells({ from, to }: Period): Prisma.Sql {
  const firstWhole = midnightBefore(from.getTime() - 1) + DAY_MS;
  const endWhole = midnightBefore(to.getTime());
  const parts: Prisma.Sql[] = [];
  if (firstWhole < endWhole) {
    const days = Prisma.sql`"day" >= ${dateOf(firstWhole)}::date AND "day" < ${dateOf(endWhole)}::date`;
    parts.push(Prisma.sql`SELECT * FROM "InboxDailyCount" WHERE ${days}`, Prisma.sql`SELECT * FROM "InboxDailyCountDelta" WHERE ${days}`);
    if (from.getTime() < firstWhole) parts.push(countedBetween(from, new Date(firstWhole)));
    if (endWhole < to.getTime()) parts.push(countedBetween(new Date(endWhole), to));
  } else {
    parts.push(countedBetween(from, to));
  }
  return Prisma.sql`(${Prisma.join(parts, " UNION ALL ")}) i`;
}

const countedBetween = (from: Date, to: Date) => Prisma.sql`SELECT * FROM inbox_daily_counts_between(${from}::timestamp, ${to}::timestamp)`;

/** Moves the pending deltas into the counts; returns how many cells changed (0 when another process is folding). */
export async function foldDailyCounts(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ folded: number }[]>`SELECT inbox_daily_count_fold() AS "folded"`;
  return row?.folded ?? 0;
}

import { Prisma, type PrismaClient } from "../db/client.js";
import { REPORTING_OFFSET_MINUTES } from "./definitions.js";
import type { Period } from "./scope.js";

// Inbox items counted per day of receipt (WIB) and per dimension the figures filter or group by:
// "InboxDailyCount", and per month "InboxMonthlyCount", kept exact by triggers on InboxItem that
// append deltas, which a job folds in (migration 20261121152642_dashboard_daily_counts).

const DAY_MS = 24 * 60 * 60_000;
const OFFSET_MS = REPORTING_OFFSET_MINUTES * 60_000;

/** The WIB midnight at or before `t`. */
const midnightBefore = (t: number) => Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
const dateOf = (midnight: number) => new Date(midnight + OFFSET_MS).toISOString().slice(0, 10);
/** The WIB midnight starting the month of this WIB midnight, and the one starting the next month. */
const monthStart = (midnight: number, monthsLater = 0) => {
  const local = new Date(midnight + OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + monthsLater, 1) - OFFSET_MS;
};

/**
 * The counted cells of the items received in the period, as a row source aliased `i` with the
 * columns of InboxDailyCount (day, unitId, placeUnitId, source, channelId, category, kind, urgency
 * and the counts), so that the items' filters (scope.ts) apply to it unchanged. Whole months come
 * from the monthly counts (their "day" is the month's first) unless `byDay`; other whole days
 * from the daily counts; the partial first and last day are counted from the items.
 */
export function dailyCells({ from, to }: Period, { byDay = false } = {}): Prisma.Sql {
  const firstWhole = midnightBefore(from.getTime() - 1) + DAY_MS;
  const endWhole = midnightBefore(to.getTime());
  if (firstWhole >= endWhole) return Prisma.sql`(${countedBetween(from, to)}) i`;
  const parts: Prisma.Sql[] = [];
  const counts = (table: string, start: number, end: number) => {
    if (start >= end) return;
    const days = Prisma.sql`"day" >= ${dateOf(start)}::date AND "day" < ${dateOf(end)}::date`;
    parts.push(Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} WHERE ${days}`);
    // Deltas not yet folded, by their own day, even within a month read from the monthly counts.
    parts.push(Prisma.sql`SELECT * FROM "InboxDailyCountDelta" WHERE ${days}`);
  };
  const firstMonth = monthStart(firstWhole) === firstWhole ? firstWhole : monthStart(firstWhole, 1);
  const endMonth = monthStart(endWhole);
  if (!byDay && firstMonth < endMonth) {
    counts("InboxDailyCount", firstWhole, firstMonth);
    counts("InboxMonthlyCount", firstMonth, endMonth);
    counts("InboxDailyCount", endMonth, endWhole);
  } else {
    counts("InboxDailyCount", firstWhole, endWhole);
  }
  if (from.getTime() < firstWhole) parts.push(countedBetween(from, new Date(firstWhole)));
  if (endWhole < to.getTime()) parts.push(countedBetween(new Date(endWhole), to));
  return Prisma.sql`(${Prisma.join(parts, " UNION ALL ")}) i`;
}

const countedBetween = (from: Date, to: Date) => Prisma.sql`SELECT * FROM inbox_daily_counts_between(${from}::timestamp, ${to}::timestamp)`;

/** Moves the pending deltas into the daily and monthly counts; returns how many it moved (0 when another process is folding). */
export async function foldDailyCounts(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ folded: number }[]>`SELECT inbox_daily_count_fold() AS "folded"`;
  return row?.folded ?? 0;
}

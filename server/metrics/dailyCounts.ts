import { Prisma, type PrismaClient } from "../db/client.js";
import { REPORTING_OFFSET_MINUTES } from "./definitions.js";
import { reportingDate, splitByWholeDays, type Period } from "./scope.js";

// Inbox items counted per day of receipt (WIB) and per dimension the figures filter or group by:
// "InboxDailyCount", and per month "InboxMonthlyCount", kept exact by triggers on InboxItem that
// append deltas, which a job folds in (migration 20261121152642_dashboard_daily_counts).

const OFFSET_MS = REPORTING_OFFSET_MINUTES * 60_000;

/** The WIB midnight starting the month of this WIB midnight, or the one `monthsLater`. */
const monthStart = (midnight: Date, monthsLater = 0) => {
  const local = new Date(midnight.getTime() + OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + monthsLater, 1) - OFFSET_MS);
};

/**
 * The counted cells of the items received in the period, as a row source aliased `i` with the
 * columns of InboxDailyCount (day, unitId, placeUnitId, source, channelId, category, kind, urgency
 * and the counts), so that the items' filters (scope.ts) apply to it unchanged. Whole months come
 * from the monthly counts (their "day" is the month's first) unless `byDay`; other whole days
 * from the daily counts; the partial first and last day are counted from the items.
 */
export function dailyCells(period: Period, { byDay = false } = {}): Prisma.Sql {
  const { days, edges } = splitByWholeDays(period);
  const parts = edges.map((edge) => countedBetween(edge.from, edge.to));
  const counts = (table: string, from: Date, to: Date) => {
    if (from >= to) return;
    const within = Prisma.sql`"day" >= ${reportingDate(from)}::date AND "day" < ${reportingDate(to)}::date`;
    parts.push(Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} WHERE ${within}`);
    // Deltas not yet folded, by their own day, even within a month read from the monthly counts.
    parts.push(Prisma.sql`SELECT * FROM "InboxDailyCountDelta" WHERE ${within}`);
  };
  if (days) {
    const firstMonth = monthStart(days.from).getTime() === days.from.getTime() ? days.from : monthStart(days.from, 1);
    const endMonth = monthStart(days.to);
    if (!byDay && firstMonth < endMonth) {
      counts("InboxDailyCount", days.from, firstMonth);
      counts("InboxMonthlyCount", firstMonth, endMonth);
      counts("InboxDailyCount", endMonth, days.to);
    } else {
      counts("InboxDailyCount", days.from, days.to);
    }
  }
  return Prisma.sql`(${Prisma.join(parts, " UNION ALL ")}) i`;
}

const countedBetween = (from: Date, to: Date) => Prisma.sql`SELECT * FROM inbox_daily_counts_between(${from}::timestamp, ${to}::timestamp)`;

/** Moves the pending deltas into the daily and monthly counts; returns how many it moved (0 when another process is folding). */
export async function foldDailyCounts(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ folded: number }[]>`SELECT inbox_daily_count_fold() AS "folded"`;
  return row?.folded ?? 0;
}

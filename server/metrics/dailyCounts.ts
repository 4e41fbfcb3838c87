import { Prisma, type PrismaClient } from "@server/db/client.js";
import { CLOSED_STATUSES } from "@server/inbox/lifecycle.js";
import { REPORTING_OFFSET_MINUTES } from "./definitions.js";
import { reportingDate, splitByWholeDays, type Period } from "./scope.js";

// Inbox items counted per day of receipt (WIB) and per dimension the figures filter or group by:
// "InboxDailyCount", and per month "InboxMonthlyCount", kept exact by triggers on InboxItem that
// append deltas, which a job folds in (migrations 20261121152642_dashboard_daily_counts and
// 20261121173902_dashboard_awaiting_counts).

const OFFSET_MS = REPORTING_OFFSET_MINUTES * 60_000;

/** The WIB midnight starting the month of this WIB midnight, or the one `monthsLater`. */
const monthStart = (midnight: Date, monthsLater = 0) => {
  const local = new Date(midnight.getTime() + OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + monthsLater, 1) - OFFSET_MS);
};

/** Zero for each count before the awaiting ones, received to reopened: eleven in the tables' column order. */
const ZERO_COUNTS = Prisma.raw(Array(11).fill("0").join(", "));

/**
 * The counted cells of the items received in the period (null: every item), as a row source
 * aliased `i` with the columns of InboxDailyCount (day, unitId, placeUnitId, source, channelId,
 * category, kind, urgency and the counts), so that the items' filters (scope.ts) apply to it
 * unchanged. Whole months come from the monthly counts (their "day" is the month's first) unless
 * `byDay`; other whole days from the daily counts; the partial first and last day are counted
 * from the items. With `pastDueAsOf`, the awaiting counts count only the items whose deadline had
 * passed by then (see notYetDue).
 */
export function dailyCells(
  period: Period | null,
  { byDay = false, pastDueAsOf }: { byDay?: boolean; pastDueAsOf?: Date } = {},
): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const counts = (table: string, from: Date | null, to: Date | null) => {
    if (from && to && from >= to) return;
    const within =
      from && to
        ? Prisma.sql`"day" >= ${reportingDate(from)}::date AND "day" < ${reportingDate(to)}::date`
        : Prisma.sql`TRUE`;
    parts.push(Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} WHERE ${within}`);
    // Deltas not yet folded, by their own day, even within a month read from the monthly counts.
    parts.push(Prisma.sql`SELECT * FROM "InboxDailyCountDelta" WHERE ${within}`);
  };
  if (!period) {
    // Every item has been folded into the monthly counts, or waits in the deltas.
    counts("InboxMonthlyCount", null, null);
  } else {
    const { days, edges } = splitByWholeDays(period);
    parts.push(...edges.map((edge) => countedBetween(edge.from, edge.to)));
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
  }
  if (pastDueAsOf) parts.push(...notYetDue(pastDueAsOf, period));
  return Prisma.sql`(${Prisma.join(parts, " UNION ALL ")}) i`;
}

/**
 * The waiting items whose deadline is still ahead at `asOf`, as cells that take them off the
 * awaiting counts: added to the counted cells, "awaitingFirstResponse" and "awaitingResolution"
 * then count the items waiting past that deadline, and "awaitingOpen" the open items past either.
 * Few items (those received lately), read from the two deadline indexes alone: each item once,
 * from the first index it is in. Only the columns the filters read are set (day, kind and urgency
 * are NULL).
 */
function notYetDue(asOf: Date, receivedIn: Period | null): Prisma.Sql[] {
  const firstAhead = Prisma.sql`"firstRespondedAt" IS NULL AND "firstResponseDueAt" >= ${asOf}`;
  const firstNotAhead = Prisma.sql`("firstRespondedAt" IS NOT NULL OR "firstResponseDueAt" IS NULL OR "firstResponseDueAt" < ${asOf})`;
  const resolutionAhead = Prisma.sql`"resolvedAt" IS NULL AND "resolutionDueAt" >= ${asOf}`;
  const open = Prisma.sql`"status" NOT IN (${Prisma.join(CLOSED_STATUSES.map((status) => Prisma.sql`${status}::"InboxStatus"`))})`;
  const received = receivedIn
    ? Prisma.sql`AND "receivedAt" >= ${receivedIn.from} AND "receivedAt" < ${receivedIn.to}`
    : Prisma.empty;
  const cells = (awaiting: Prisma.Sql[], where: Prisma.Sql) => Prisma.sql`
    SELECT NULL::date, "unitId", "placeUnitId", "source", "channelId", "category", NULL::text, NULL::text,
      ${ZERO_COUNTS},
      ${Prisma.join(awaiting.map((counted) => Prisma.sql`-((${counted}) IS TRUE)::int`))}
    FROM "InboxItem" WHERE "countsForResponse" AND ${where} ${received}`;
  return [
    // Open and not yet overdue: whichever deadlines it waits on are ahead.
    cells(
      [
        Prisma.sql`TRUE`,
        resolutionAhead,
        Prisma.sql`${open} AND ("resolvedAt" IS NOT NULL OR "resolutionDueAt" IS NULL OR "resolutionDueAt" >= ${asOf})`,
      ],
      firstAhead,
    ),
    cells(
      [
        Prisma.sql`FALSE`,
        Prisma.sql`TRUE`,
        Prisma.sql`${open} AND ("firstRespondedAt" IS NOT NULL OR "firstResponseDueAt" IS NULL)`,
      ],
      Prisma.sql`${resolutionAhead} AND ${firstNotAhead}`,
    ),
  ];
}

const countedBetween = (from: Date, to: Date) =>
  Prisma.sql`SELECT * FROM inbox_daily_counts_between(${from}::timestamp, ${to}::timestamp)`;

/** Moves the pending deltas into the daily and monthly counts; returns how many it moved (0 when another process is folding). */
export async function foldDailyCounts(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ folded: number }[]>`SELECT inbox_daily_count_fold() AS "folded"`;
  return row?.folded ?? 0;
}

import { Prisma, type PrismaClient } from "../db/client.js";
import { InboxStatus } from "../db/generated/enums.js";
import { CLOSED_STATUSES } from "../inbox/lifecycle.js";
import {
  AGE_BUCKETS,
  BACKLOG_STATUSES,
  EXACT_PERCENTILES_UP_TO,
  rate,
  type AgeBucket,
  type VolumeBucket,
  type VolumeGroup,
} from "./definitions.js";
import { itemFilters, num, numOrNull, receivedItems, type MetricsScope } from "./scope.js";
import { dailyCells } from "./dailyCounts.js";
import { figureQuery } from "./query.js";
import { fillWorkingMinutes } from "./workingMinutes.js";

// The inbox figures as SQL over InboxItem `i` (joined to its owning Unit `u` when grouped by unit),
// or over its daily counts (dailyCounts.ts), which carry the same columns. Each predicate below is
// the one definition of its term, and the counts' migration (20261121152642_dashboard_daily_counts)
// spells out the same for what it counts; the glossary in definitions.ts says it in words.

/**
 * What response figures count: neither spam nor a merged duplicate (its original is counted).
 * A generated column (status <> 'closed_spam' AND mergedIntoId IS NULL, migration
 * 20261121151436_dashboard_figure_columns), as are the whole calendar minutes to first response
 * and resolution beside it.
 */
const COUNTS_FOR_RESPONSE = Prisma.sql`i."countsForResponse"`;
/** Each duration the figures give percentiles of: whole calendar and working minutes. */
const DURATIONS = {
  firstResponse: Prisma.sql`i."firstResponseMinutes"`,
  firstResponseWorking: Prisma.sql`i."firstResponseWorkingMinutes"`,
  resolution: Prisma.sql`i."resolutionMinutes"`,
  resolutionWorking: Prisma.sql`i."resolutionWorkingMinutes"`,
};
/**
 * Waiting for an answer or a resolution that has a deadline: the predicate of the partial index
 * "InboxItem_pending_deadline_idx", which these items are read from.
 */
const PENDING_DEADLINE = Prisma.sql`((i."firstRespondedAt" IS NULL AND i."firstResponseDueAt" IS NOT NULL) OR (i."resolvedAt" IS NULL AND i."resolutionDueAt" IS NOT NULL))`;

/** The fixed sample that large percentiles are estimated from: the predicate of "InboxItem_percentile_sample_idx". */
const IN_PERCENTILE_SAMPLE = Prisma.sql`i."id" < '20000000-0000-0000-0000-000000000000'::uuid`;

/** The items alone: the dashboard's covering indexes answer these without reading the rows. */
const ITEMS = Prisma.sql`"InboxItem" i`;
/** A row source aliased `i`, with its owning unit `u` joined when a group key (or the query) needs it. */
const withUnit = (source: Prisma.Sql, needed = true) => (needed ? Prisma.sql`${source} LEFT JOIN "Unit" u ON u."id" = i."unitId"` : source);

export type Percentiles = { median: number | null; p90: number | null };
/** `estimated`: the percentiles come from the fixed sample (see EXACT_PERCENTILES_UP_TO). */
export type DurationFigure = { count: number; calendarMinutes: Percentiles; workingMinutes: Percentiles; estimated: boolean };
export type ComplianceFigure = { judged: number; onTime: number; rate: number | null };
export type ResponseFigures = {
  volume: number;
  spam: number;
  duplicates: number;
  firstResponse: DurationFigure;
  resolution: DurationFigure;
  compliance: { firstResponse: ComplianceFigure; resolution: ComplianceFigure };
  reopen: { reopened: number; resolved: number; rate: number | null };
};

type AggregateRow = Record<string, unknown> & { group: string | null };
/** A group none of whose items a query found. */
const NONE: Record<string, unknown> = {};

/**
 * Volume, response times, compliance and reopen rate of the items received in the period, per
 * group (`groupKey` over i/u) or as one group (key null), from four queries that each read only
 * what they need:
 * - counts from the daily counts;
 * - percentiles (percentile_disc: nearest rank) from the items answered or resolved, working
 *   minutes as stored on each item (filled first if missing); from the fixed sample when the
 *   counts say more than `exactUpTo` items were answered;
 * - compliance is judged once the clock stopped (counted) or the deadline passed: the items
 *   still waiting past their deadline come from the pending-deadline index, as of `now`.
 * An item resolved at least once is resolved now or was reopened (only a resolved item can be).
 */
export async function responseFigures(
  prisma: PrismaClient,
  scope: MetricsScope,
  groupKey: Prisma.Sql | null = null,
  { exactUpTo = EXACT_PERCENTILES_UP_TO } = {},
): Promise<Map<string | null, ResponseFigures>> {
  await fillWorkingMinutes(prisma);
  const group = groupKey ?? Prisma.sql`NULL`;
  const from = (source: Prisma.Sql) => withUnit(source, !!groupKey);
  const groupBy = groupKey ? Prisma.sql`GROUP BY 1` : Prisma.empty;
  const respondedItems = Prisma.sql`${receivedItems(scope)} AND ${COUNTS_FOR_RESPONSE}`;
  // Median and p90 from one sort per duration.
  const percentiles = (minutes: Prisma.Sql) => Prisma.sql`percentile_disc(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${minutes})`;
  const [counts, pastDue] = await Promise.all([
    figureQuery<AggregateRow>(prisma, Prisma.sql`
      SELECT ${group} AS "group", sum(i."received") AS "volume", sum(i."spam") AS "spam", sum(i."duplicates") AS "duplicates",
        sum(i."answered") AS "answered", sum(i."resolved") AS "resolved",
        sum(i."firstResponseDone") AS "firstResponseDone", sum(i."firstResponseOnTime") AS "firstResponseOnTime",
        sum(i."resolutionDone") AS "resolutionDone", sum(i."resolutionOnTime") AS "resolutionOnTime",
        sum(i."resolvedOnce") AS "resolvedOnce", sum(i."reopened") AS "reopened"
      FROM ${from(dailyCells(scope.period))}
      WHERE ${itemFilters(scope)}
      ${groupBy}
      HAVING sum(i."received") + sum(i."spam") > 0`),
    figureQuery<AggregateRow>(prisma, Prisma.sql`
      SELECT ${group} AS "group",
        count(*) FILTER (WHERE i."firstRespondedAt" IS NULL AND i."firstResponseDueAt" < ${scope.now}) AS "firstResponse",
        count(*) FILTER (WHERE i."resolvedAt" IS NULL AND i."resolutionDueAt" < ${scope.now}) AS "resolution"
      FROM ${from(ITEMS)}
      WHERE ${respondedItems} AND ${PENDING_DEADLINE}
      ${groupBy}`),
  ]);
  const estimated = counts.reduce((answered, row) => answered + num(row.answered), 0) > exactUpTo;
  const durations = await figureQuery<AggregateRow>(prisma, Prisma.sql`
    SELECT ${group} AS "group",
      ${percentiles(DURATIONS.firstResponse)} AS "firstResponse", ${percentiles(DURATIONS.firstResponseWorking)} AS "firstResponseWorking",
      ${percentiles(DURATIONS.resolution)} AS "resolution", ${percentiles(DURATIONS.resolutionWorking)} AS "resolutionWorking"
    FROM ${from(ITEMS)}
    WHERE ${respondedItems} AND (i."firstRespondedAt" IS NOT NULL OR i."resolvedAt" IS NOT NULL) ${estimated ? Prisma.sql`AND ${IN_PERCENTILE_SAMPLE}` : Prisma.empty}
    ${groupBy}`);
  const byGroup = (rows: AggregateRow[]) => new Map(rows.map((row) => [row.group, row]));
  const [durationsOf, pastDueOf] = [byGroup(durations), byGroup(pastDue)];
  const figures = new Map<string | null, ResponseFigures>();
  for (const row of counts) {
    const duration = durationsOf.get(row.group) ?? NONE;
    const late = pastDueOf.get(row.group) ?? NONE;
    const compliance = (prefix: "firstResponse" | "resolution"): ComplianceFigure => {
      const judged = num(row[`${prefix}Done`]) + num(late[prefix]);
      const onTime = num(row[`${prefix}OnTime`]);
      return { judged, onTime, rate: rate(onTime, judged) };
    };
    const medianAndP90 = (value: unknown): Percentiles => {
      const [median, p90] = (value as (number | null)[] | null | undefined) ?? [];
      return { median: numOrNull(median), p90: numOrNull(p90) };
    };
    const durationFigure = (prefix: "firstResponse" | "resolution", count: unknown): DurationFigure => ({
      count: num(count),
      calendarMinutes: medianAndP90(duration[prefix]),
      workingMinutes: medianAndP90(duration[`${prefix}Working`]),
      estimated,
    });
    const reopened = num(row.reopened);
    const resolvedOnce = num(row.resolvedOnce);
    figures.set(row.group, {
      volume: num(row.volume),
      spam: num(row.spam),
      duplicates: num(row.duplicates),
      firstResponse: durationFigure("firstResponse", row.answered),
      resolution: durationFigure("resolution", row.resolved),
      compliance: { firstResponse: compliance("firstResponse"), resolution: compliance("resolution") },
      reopen: { reopened, resolved: resolvedOnce, rate: rate(reopened, resolvedOnce) },
    });
  }
  return figures;
}

const DAY_MS = 24 * 60 * 60_000;

/** Open items of the scope (whatever the period: the backlog is what waits now), counted by age bucket per group. */
export async function backlogCounts(prisma: PrismaClient, scope: MetricsScope, groupKey: Prisma.Sql | null = null) {
  const bounded = AGE_BUCKETS.filter((bucket) => Number.isFinite(bucket.toDays));
  // Younger than toDays ⇔ received after now − toDays.
  const bucketOf = Prisma.sql`CASE ${Prisma.join(
    bounded.map((bucket) => Prisma.sql`WHEN i."receivedAt" > ${new Date(scope.now.getTime() - bucket.toDays * DAY_MS)} THEN ${bucket.key}`),
    " ",
  )} ELSE ${AGE_BUCKETS.at(-1)!.key} END`;
  const rows = await figureQuery<{ group: string | null; bucket: AgeBucket; count: bigint }>(prisma, Prisma.sql`
    SELECT ${groupKey ?? Prisma.sql`NULL`} AS "group", ${bucketOf} AS "bucket", count(*) AS "count"
    FROM ${withUnit(ITEMS, !!groupKey)}
    WHERE ${itemFilters(scope)} AND ${COUNTS_FOR_RESPONSE}
      AND i."status" IN (${Prisma.join(BACKLOG_STATUSES.map((status) => Prisma.sql`${status}::"InboxStatus"`))})
    GROUP BY 1, 2`);
  const byGroup = new Map<string | null, Record<AgeBucket, number> & { total: number }>();
  for (const row of rows) {
    let counts = byGroup.get(row.group);
    if (!counts) byGroup.set(row.group, (counts = { ...emptyBuckets(), total: 0 }));
    counts[row.bucket] += num(row.count);
    counts.total += num(row.count);
  }
  return byGroup;
}

export function emptyBuckets(): Record<AgeBucket, number> {
  return Object.fromEntries(AGE_BUCKETS.map((bucket) => [bucket.key, 0])) as Record<AgeBucket, number>;
}

/** Not resolved nor closed as spam: listed rather than negated, so that the status index finds them. */
const UNRESOLVED_STATUSES = Object.values(InboxStatus).filter((status) => !CLOSED_STATUSES.includes(status));

/** Unresolved items past a deadline now (first response while unanswered, or resolution), oldest first. */
export async function overdueItems(prisma: PrismaClient, scope: MetricsScope, limit: number) {
  // Every overdue item is still waiting on a deadline: said here so that their small index is read.
  const overdue = Prisma.sql`${itemFilters(scope)} AND ${COUNTS_FOR_RESPONSE} AND ${PENDING_DEADLINE}
    AND i."status" IN (${Prisma.join(UNRESOLVED_STATUSES.map((status) => Prisma.sql`${status}::"InboxStatus"`))})
    AND ((i."firstRespondedAt" IS NULL AND i."firstResponseDueAt" < ${scope.now}) OR (i."resolvedAt" IS NULL AND i."resolutionDueAt" < ${scope.now}))`;
  const [counted] = await figureQuery<{ count: bigint }>(prisma, Prisma.sql`SELECT count(*) AS "count" FROM ${ITEMS} WHERE ${overdue}`);
  const rows = await prisma.$queryRaw<
    { id: string; status: string; category: string | null; urgency: string | null; receivedAt: Date; firstRespondedAt: Date | null; firstResponseDueAt: Date | null; resolutionDueAt: Date | null; unitId: string | null; unitName: string | null }[]
  >`
    SELECT i."id", i."status"::text AS "status", i."category", i."urgency", i."receivedAt", i."firstRespondedAt", i."firstResponseDueAt", i."resolutionDueAt", u."id" AS "unitId", u."name" AS "unitName"
    FROM ${withUnit(ITEMS)} WHERE ${overdue}
    ORDER BY i."receivedAt", i."id" LIMIT ${limit}`;
  const minutesSince = (t: Date) => Math.floor((scope.now.getTime() - t.getTime()) / 60_000);
  return {
    count: num(counted?.count),
    items: rows.map((row) => {
      // The deadline that makes it late: the first response while unanswered, else the resolution.
      const missed = !row.firstRespondedAt && row.firstResponseDueAt && row.firstResponseDueAt < scope.now ? "firstResponse" : "resolution";
      const dueAt = (missed === "firstResponse" ? row.firstResponseDueAt : row.resolutionDueAt)!;
      return {
        id: row.id,
        status: row.status,
        category: row.category,
        urgency: row.urgency,
        unitId: row.unitId,
        unitName: row.unitName,
        receivedAt: row.receivedAt.toISOString(),
        ageMinutes: minutesSince(row.receivedAt),
        missed,
        dueAt: dueAt.toISOString(),
        overdueMinutes: minutesSince(dueAt),
      };
    }),
  };
}

const VOLUME_GROUP_COLUMNS: Record<VolumeGroup, Prisma.Sql> = {
  source: Prisma.sql`i."source"::text`,
  channel: Prisma.sql`i."channelId"::text`,
  kind: Prisma.sql`i."kind"`,
  category: Prisma.sql`i."category"`,
  urgency: Prisma.sql`i."urgency"`,
};

/** Items received (not spam) per day/week/month of receipt in WIB and group; empty buckets are left out. */
export async function volumeSeries(prisma: PrismaClient, scope: MetricsScope, groupBy: VolumeGroup, bucket: VolumeBucket) {
  // Grouped by the bucket's first day, formatted once per bucket rather than once per cell.
  const rows = await figureQuery<{ bucket: string; key: string | null; count: bigint }>(prisma, Prisma.sql`
    SELECT to_char(b."start", 'YYYY-MM-DD') AS "bucket", b."key", b."count" FROM (
      SELECT date_trunc(${bucket}, i."day") AS "start", ${VOLUME_GROUP_COLUMNS[groupBy]} AS "key", sum(i."received") AS "count"
      FROM ${dailyCells(scope.period, { byDay: bucket !== "month" })}
      WHERE ${itemFilters(scope)}
      GROUP BY 1, 2 HAVING sum(i."received") > 0) b
    ORDER BY 1, 2`);
  return rows.map((row) => ({ bucket: row.bucket, key: row.key, count: num(row.count) }));
}

/** Items received (not spam) per group, for the previous period's totals. */
export async function volumeTotals(prisma: PrismaClient, scope: MetricsScope, groupBy: VolumeGroup): Promise<Map<string | null, number>> {
  const rows = await figureQuery<{ key: string | null; count: bigint }>(prisma, Prisma.sql`
    SELECT ${VOLUME_GROUP_COLUMNS[groupBy]} AS "key", sum(i."received") AS "count"
    FROM ${dailyCells(scope.period)} WHERE ${itemFilters(scope)} GROUP BY 1 HAVING sum(i."received") > 0`);
  return new Map(rows.map((row) => [row.key, num(row.count)]));
}

/** Items received (not spam) per place, with the kecamatan each place belongs to; unplaced items apart. */
export async function placeCounts(prisma: PrismaClient, scope: MetricsScope) {
  const rows = await figureQuery<{ kecamatanId: string | null; placeId: string | null; placeType: string | null; count: bigint }>(prisma, Prisma.sql`
    SELECT CASE WHEN p."type" IN ('desa', 'kelurahan') THEN p."parentId" ELSE p."id" END AS "kecamatanId",
      p."id" AS "placeId", p."type"::text AS "placeType", sum(i."received") AS "count"
    FROM ${dailyCells(scope.period)} LEFT JOIN "Unit" p ON p."id" = i."placeUnitId"
    WHERE ${itemFilters(scope)}
    GROUP BY 1, 2, 3 HAVING sum(i."received") > 0`);
  return rows.map((row) => ({ ...row, count: num(row.count) }));
}

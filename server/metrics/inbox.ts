import { Prisma, type PrismaClient } from "@server/db/client.js";
import { InboxStatus } from "@server/db/generated/enums.js";
import { CLOSED_STATUSES } from "@server/inbox/lifecycle.js";
import {
  AGE_BUCKETS,
  BACKLOG_STATUSES,
  EXACT_PERCENTILES_UP_TO,
  SMALL_SAMPLE_FACTOR,
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
 * "InboxItem_pending_deadline_idx", which the overdue list is read from.
 */
const PENDING_DEADLINE = Prisma.sql`((i."firstRespondedAt" IS NULL AND i."firstResponseDueAt" IS NOT NULL) OR (i."resolvedAt" IS NULL AND i."resolutionDueAt" IS NOT NULL))`;

/**
 * The fixed samples that large percentiles are estimated from (see EXACT_PERCENTILES_UP_TO): the
 * predicates of "InboxItem_percentile_sample_idx" (one item in eight) and
 * "InboxItem_percentile_small_sample_idx" (one in sixty-four).
 */
const PERCENTILE_SAMPLE = {
  oneInEight: Prisma.sql`AND i."id" < '20000000-0000-0000-0000-000000000000'::uuid`,
  oneInSixtyFour: Prisma.sql`AND i."id" < '04000000-0000-0000-0000-000000000000'::uuid`,
};

/** The items alone: the dashboard's covering indexes answer these without reading the rows. */
const ITEMS = Prisma.sql`"InboxItem" i`;
/** A row source aliased `i`, with its owning unit `u` joined when a group key (or the query) needs it. */
const withUnit = (source: Prisma.Sql, needed = true) =>
  needed ? Prisma.sql`${source} LEFT JOIN "Unit" u ON u."id" = i."unitId"` : source;

export type Percentiles = { median: number | null; p90: number | null };
/** `estimated`: the percentiles come from the fixed sample (see EXACT_PERCENTILES_UP_TO). */
export type DurationFigure = {
  count: number;
  calendarMinutes: Percentiles;
  workingMinutes: Percentiles;
  estimated: boolean;
};
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

/** The daily counts the response figures read, each summed under its own name. */
const RESPONSE_COUNT_SUMS = Prisma.raw(
  [
    "received",
    "spam",
    "duplicates",
    "answered",
    "resolved",
    "firstResponseDone",
    "firstResponseOnTime",
    "resolutionDone",
    "resolutionOnTime",
    "resolvedOnce",
    "reopened",
    "awaitingFirstResponse",
    "awaitingResolution",
  ]
    .map((count) => `sum(i."${count}") AS "${count}"`)
    .join(", "),
);
/** The count of items waiting past each deadline, as of the scope's `now` (see dailyCells). */
const AWAITING = { firstResponse: "awaitingFirstResponse", resolution: "awaitingResolution" } as const;
/** A group none of whose items a query found. */
const NONE: Record<string, unknown> = {};

/**
 * Volume, response times, compliance and reopen rate of the items received in the period, per
 * group (`groupKey` over i/u, reading the item's unit or category) or as one group (key null),
 * from two queries that each read only what they need:
 * - counts from the daily counts;
 * - percentiles (percentile_disc: nearest rank) from the items answered or resolved, working
 *   minutes as stored on each item (filled first if missing); from a fixed sample when the
 *   counts say more than `exactUpTo` items were answered, a smaller one beyond
 *   SMALL_SAMPLE_FACTOR times that;
 * - compliance is judged once the clock stopped (counted) or the deadline passed: the items
 *   still waiting past their deadline as of `now` are counted with the rest (dailyCells).
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
  const percentiles = (minutes: Prisma.Sql) =>
    Prisma.sql`percentile_disc(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${minutes})`;
  // Added up per owning unit and category first, which is what group keys read (a sub-unit, a
  // category): the key and its join then apply to a few hundred rows rather than to every cell.
  const perUnitAndCategory = Prisma.sql`(
    SELECT i."unitId", i."category", ${RESPONSE_COUNT_SUMS} FROM ${dailyCells(scope.period, { pastDueAsOf: scope.now })}
    WHERE ${itemFilters(scope)} GROUP BY 1, 2) i`;
  const counts = await figureQuery<AggregateRow>(
    prisma,
    Prisma.sql`
    SELECT ${group} AS "group", ${RESPONSE_COUNT_SUMS} FROM ${from(perUnitAndCategory)} ${groupBy} HAVING sum(i."received") + sum(i."spam") > 0`,
  );
  const answered = counts.reduce((sum, row) => sum + num(row.answered), 0);
  const sample =
    answered > exactUpTo * SMALL_SAMPLE_FACTOR
      ? PERCENTILE_SAMPLE.oneInSixtyFour
      : answered > exactUpTo
        ? PERCENTILE_SAMPLE.oneInEight
        : Prisma.empty;
  const estimated = answered > exactUpTo;
  const durations = await figureQuery<AggregateRow>(
    prisma,
    Prisma.sql`
    SELECT ${group} AS "group",
      ${percentiles(DURATIONS.firstResponse)} AS "firstResponse", ${percentiles(DURATIONS.firstResponseWorking)} AS "firstResponseWorking",
      ${percentiles(DURATIONS.resolution)} AS "resolution", ${percentiles(DURATIONS.resolutionWorking)} AS "resolutionWorking"
    FROM ${from(ITEMS)}
    WHERE ${respondedItems} AND (i."firstRespondedAt" IS NOT NULL OR i."resolvedAt" IS NOT NULL) ${sample}
    ${groupBy}`,
  );
  const byGroup = (rows: AggregateRow[]) => new Map(rows.map((row) => [row.group, row]));
  const durationsOf = byGroup(durations);
  const figures = new Map<string | null, ResponseFigures>();
  for (const row of counts) {
    const duration = durationsOf.get(row.group) ?? NONE;
    const compliance = (prefix: "firstResponse" | "resolution"): ComplianceFigure => {
      const judged = num(row[`${prefix}Done`]) + num(row[AWAITING[prefix]]);
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
      volume: num(row.received),
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
    bounded.map(
      (bucket) =>
        Prisma.sql`WHEN i."receivedAt" > ${new Date(scope.now.getTime() - bucket.toDays * DAY_MS)} THEN ${bucket.key}`,
    ),
    " ",
  )} ELSE ${AGE_BUCKETS.at(-1)!.key} END`;
  const rows = await figureQuery<{ group: string | null; bucket: AgeBucket; count: bigint }>(
    prisma,
    Prisma.sql`
    SELECT ${groupKey ?? Prisma.sql`NULL`} AS "group", ${bucketOf} AS "bucket", count(*) AS "count"
    FROM ${withUnit(ITEMS, !!groupKey)}
    WHERE ${itemFilters(scope)} AND ${COUNTS_FOR_RESPONSE}
      AND i."status" IN (${Prisma.join(BACKLOG_STATUSES.map((status) => Prisma.sql`${status}::"InboxStatus"`))})
    GROUP BY 1, 2`,
  );
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
  // Counted as the open items waiting on a deadline less those not yet past it (dailyCells).
  const [counted] = await figureQuery<{ count: bigint }>(
    prisma,
    Prisma.sql`
    SELECT sum(i."awaitingOpen") AS "count" FROM ${dailyCells(null, { pastDueAsOf: scope.now })} WHERE ${itemFilters(scope)}`,
  );
  const rows = await prisma.$queryRaw<
    {
      id: string;
      status: string;
      category: string | null;
      urgency: string | null;
      receivedAt: Date;
      firstRespondedAt: Date | null;
      firstResponseDueAt: Date | null;
      resolutionDueAt: Date | null;
      unitId: string | null;
      unitName: string | null;
    }[]
  >`
    SELECT i."id", i."status"::text AS "status", i."category", i."urgency", i."receivedAt", i."firstRespondedAt", i."firstResponseDueAt", i."resolutionDueAt", u."id" AS "unitId", u."name" AS "unitName"
    FROM ${withUnit(ITEMS)} WHERE ${overdue}
    ORDER BY i."receivedAt", i."id" LIMIT ${limit}`;
  const minutesSince = (t: Date) => Math.floor((scope.now.getTime() - t.getTime()) / 60_000);
  return {
    count: num(counted?.count),
    items: rows.map((row) => {
      // The deadline that makes it late: the first response while unanswered, else the resolution.
      const missed =
        !row.firstRespondedAt && row.firstResponseDueAt && row.firstResponseDueAt < scope.now
          ? "firstResponse"
          : "resolution";
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

/** The column each volume group is keyed by; read as text once per group, not once per counted cell. */
const VOLUME_GROUP_COLUMNS: Record<VolumeGroup, Prisma.Sql> = {
  source: Prisma.sql`i."source"`,
  channel: Prisma.sql`i."channelId"`,
  kind: Prisma.sql`i."kind"`,
  category: Prisma.sql`i."category"`,
  urgency: Prisma.sql`i."urgency"`,
};

/** Items received (not spam) per day/week/month of receipt in WIB and group; empty buckets are left out. */
export async function volumeSeries(
  prisma: PrismaClient,
  scope: MetricsScope,
  groupBy: VolumeGroup,
  bucket: VolumeBucket,
) {
  // Added up per day first (the cells' own key), then per bucket: a bucket is computed per day, not per cell.
  const rows = await figureQuery<{ bucket: string; key: string | null; count: bigint }>(
    prisma,
    Prisma.sql`
    SELECT to_char(date_trunc(${bucket}, d."day"::timestamp), 'YYYY-MM-DD') AS "bucket", d."key"::text AS "key", sum(d."count") AS "count" FROM (
      SELECT i."day", ${VOLUME_GROUP_COLUMNS[groupBy]} AS "key", sum(i."received") AS "count"
      FROM ${dailyCells(scope.period, { byDay: bucket !== "month" })}
      WHERE ${itemFilters(scope)}
      GROUP BY 1, 2) d
    GROUP BY 1, 2 HAVING sum(d."count") > 0
    ORDER BY 1, 2`,
  );
  return rows.map((row) => ({ bucket: row.bucket, key: row.key, count: num(row.count) }));
}

/** Items received (not spam) per group, for the previous period's totals. */
export async function volumeTotals(
  prisma: PrismaClient,
  scope: MetricsScope,
  groupBy: VolumeGroup,
): Promise<Map<string | null, number>> {
  const rows = await figureQuery<{ key: string | null; count: bigint }>(
    prisma,
    Prisma.sql`
    SELECT ${VOLUME_GROUP_COLUMNS[groupBy]}::text AS "key", sum(i."received") AS "count"
    FROM ${dailyCells(scope.period)} WHERE ${itemFilters(scope)} GROUP BY ${VOLUME_GROUP_COLUMNS[groupBy]} HAVING sum(i."received") > 0`,
  );
  return new Map(rows.map((row) => [row.key, num(row.count)]));
}

/** Items received (not spam) per place, with the kecamatan each place belongs to; unplaced items apart. */
export async function placeCounts(prisma: PrismaClient, scope: MetricsScope) {
  const rows = await figureQuery<{
    kecamatanId: string | null;
    placeId: string | null;
    placeType: string | null;
    count: bigint;
  }>(
    prisma,
    Prisma.sql`
    SELECT CASE WHEN p."type" IN ('desa', 'kelurahan') THEN p."parentId" ELSE p."id" END AS "kecamatanId",
      p."id" AS "placeId", p."type"::text AS "placeType", sum(i."received") AS "count"
    FROM ${dailyCells(scope.period)} LEFT JOIN "Unit" p ON p."id" = i."placeUnitId"
    WHERE ${itemFilters(scope)}
    GROUP BY 1, 2, 3 HAVING sum(i."received") > 0`,
  );
  return rows.map((row) => ({ ...row, count: num(row.count) }));
}

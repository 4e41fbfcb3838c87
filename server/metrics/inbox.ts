import { Prisma, type PrismaClient } from "../db/client.js";
import { InboxStatus } from "../db/generated/enums.js";
import { CLOSED_STATUSES } from "../inbox/lifecycle.js";
import {
  AGE_BUCKETS,
  BACKLOG_STATUSES,
  REPORTING_OFFSET_MINUTES,
  rate,
  type AgeBucket,
  type VolumeBucket,
  type VolumeGroup,
} from "./definitions.js";
import { itemFilters, num, numOrNull, receivedItems, type MetricsScope } from "./scope.js";
import { figureQuery } from "./query.js";
import { fillWorkingMinutes } from "./workingMinutes.js";

// The inbox figures as SQL over InboxItem `i` joined to its owning Unit `u`. Each predicate below
// is the one definition of its term; the glossary in definitions.ts says the same in words.

/** Not spam: what volume and areas count. */
const NOT_SPAM = Prisma.sql`i."status" <> 'closed_spam'`;
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
/** A status move to `status` on the item's timeline (how reopening is recorded). */
const movedTo = (status: string) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "InboxEvent" e WHERE e."itemId" = i."id" AND e."type" = 'status' AND e."data"->'status'->>'to' = ${status})`;
/**
 * Reopened at least once. Few items are: the ids come from a small partial index
 * ("InboxEvent_reopened_itemId_idx") and are matched by hash, instead of a probe per item.
 */
const REOPENED_ONCE = Prisma.sql`i."id" IN (SELECT e."itemId" FROM "InboxEvent" e WHERE e."type" = 'status' AND (e."data"->'status'->>'to') = 'reopened')`;
/**
 * Resolved at least once: resolved now, or resolved before and since reopened (reopening clears
 * resolvedAt, and reopened is the only way out of resolved), so the timeline is read only for
 * the few reopened items.
 */
const RESOLVED_ONCE = Prisma.sql`(i."resolvedAt" IS NOT NULL OR (${REOPENED_ONCE} AND ${movedTo("resolved")}))`;
/** Judged for compliance: it has a deadline, and the deadline has passed or the clock stopped. */
const judged = (doneAt: string, dueAt: string, now: Date) =>
  Prisma.sql`i.${Prisma.raw(`"${dueAt}"`)} IS NOT NULL AND (i.${Prisma.raw(`"${doneAt}"`)} IS NOT NULL OR i.${Prisma.raw(`"${dueAt}"`)} < ${now})`;
const onTime = (doneAt: string, dueAt: string) => Prisma.sql`i.${Prisma.raw(`"${doneAt}"`)} <= i.${Prisma.raw(`"${dueAt}"`)}`;

const FROM_ITEMS = Prisma.sql`FROM "InboxItem" i LEFT JOIN "Unit" u ON u."id" = i."unitId"`;
/** The items alone: the dashboard's covering index answers these without reading the rows. */
const FROM_ITEMS_ONLY = Prisma.sql`FROM "InboxItem" i`;

export type Percentiles = { median: number | null; p90: number | null };
export type DurationFigure = { count: number; calendarMinutes: Percentiles; workingMinutes: Percentiles };
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

/**
 * Volume, response times, compliance and reopen rate of the items received in the period, per
 * group (`groupKey` over i/u) or as one group (key null). Percentiles come from percentile_disc
 * (nearest rank), working minutes from those stored on each item (filled first if missing).
 */
export async function responseFigures(prisma: PrismaClient, scope: MetricsScope, groupKey: Prisma.Sql | null = null): Promise<Map<string | null, ResponseFigures>> {
  const { now } = scope;
  await fillWorkingMinutes(prisma);
  const counted = (condition: Prisma.Sql) => Prisma.sql`count(*) FILTER (WHERE ${COUNTS_FOR_RESPONSE} AND ${condition})`;
  // Median and p90 from one sort per duration.
  const percentiles = (minutes: Prisma.Sql) => Prisma.sql`percentile_disc(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${minutes}) FILTER (WHERE ${COUNTS_FOR_RESPONSE})`;
  const rows = await figureQuery<AggregateRow>(prisma, Prisma.sql`
    SELECT ${groupKey ?? Prisma.sql`NULL`} AS "group",
      count(*) FILTER (WHERE ${NOT_SPAM}) AS "volume",
      count(*) FILTER (WHERE i."status" = 'closed_spam') AS "spam",
      count(*) FILTER (WHERE i."mergedIntoId" IS NOT NULL) AS "duplicates",
      ${counted(Prisma.sql`i."firstRespondedAt" IS NOT NULL`)} AS "answered",
      ${percentiles(DURATIONS.firstResponse)} AS "firstResponse",
      ${percentiles(DURATIONS.firstResponseWorking)} AS "firstResponseWorking",
      ${counted(Prisma.sql`i."resolvedAt" IS NOT NULL`)} AS "resolved",
      ${percentiles(DURATIONS.resolution)} AS "resolution",
      ${percentiles(DURATIONS.resolutionWorking)} AS "resolutionWorking",
      ${counted(judged("firstRespondedAt", "firstResponseDueAt", now))} AS "firstResponseJudged",
      ${counted(Prisma.sql`${judged("firstRespondedAt", "firstResponseDueAt", now)} AND ${onTime("firstRespondedAt", "firstResponseDueAt")}`)} AS "firstResponseOnTime",
      ${counted(judged("resolvedAt", "resolutionDueAt", now))} AS "resolutionJudged",
      ${counted(Prisma.sql`${judged("resolvedAt", "resolutionDueAt", now)} AND ${onTime("resolvedAt", "resolutionDueAt")}`)} AS "resolutionOnTime",
      ${counted(RESOLVED_ONCE)} AS "resolvedOnce",
      ${counted(Prisma.sql`${RESOLVED_ONCE} AND ${REOPENED_ONCE}`)} AS "reopened"
    ${groupKey ? FROM_ITEMS : FROM_ITEMS_ONLY}
    WHERE ${receivedItems(scope)}
    ${groupKey ? Prisma.sql`GROUP BY 1` : Prisma.empty}`);
  const figures = new Map<string | null, ResponseFigures>();
  for (const row of rows) {
    const compliance = (prefix: string): ComplianceFigure => {
      const judgedCount = num(row[`${prefix}Judged`]);
      const onTimeCount = num(row[`${prefix}OnTime`]);
      return { judged: judgedCount, onTime: onTimeCount, rate: rate(onTimeCount, judgedCount) };
    };
    const medianAndP90 = (value: unknown): Percentiles => {
      const [median, p90] = (value as (number | null)[] | null) ?? [];
      return { median: numOrNull(median), p90: numOrNull(p90) };
    };
    const duration = (prefix: "firstResponse" | "resolution", count: unknown): DurationFigure => ({
      count: num(count),
      calendarMinutes: medianAndP90(row[prefix]),
      workingMinutes: medianAndP90(row[`${prefix}Working`]),
    });
    const reopened = num(row.reopened);
    const resolvedOnce = num(row.resolvedOnce);
    figures.set(row.group, {
      volume: num(row.volume),
      spam: num(row.spam),
      duplicates: num(row.duplicates),
      firstResponse: duration("firstResponse", row.answered),
      resolution: duration("resolution", row.resolved),
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
    ${groupKey ? FROM_ITEMS : FROM_ITEMS_ONLY}
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
  const overdue = Prisma.sql`${itemFilters(scope)} AND ${COUNTS_FOR_RESPONSE}
    AND i."status" IN (${Prisma.join(UNRESOLVED_STATUSES.map((status) => Prisma.sql`${status}::"InboxStatus"`))})
    AND ((i."firstRespondedAt" IS NULL AND i."firstResponseDueAt" < ${scope.now}) OR (i."resolvedAt" IS NULL AND i."resolutionDueAt" < ${scope.now}))`;
  const [counted] = await figureQuery<{ count: bigint }>(prisma, Prisma.sql`SELECT count(*) AS "count" ${FROM_ITEMS_ONLY} WHERE ${overdue}`);
  const rows = await prisma.$queryRaw<
    { id: string; status: string; category: string | null; urgency: string | null; receivedAt: Date; firstRespondedAt: Date | null; firstResponseDueAt: Date | null; resolutionDueAt: Date | null; unitId: string | null; unitName: string | null }[]
  >`
    SELECT i."id", i."status"::text AS "status", i."category", i."urgency", i."receivedAt", i."firstRespondedAt", i."firstResponseDueAt", i."resolutionDueAt", u."id" AS "unitId", u."name" AS "unitName"
    ${FROM_ITEMS} WHERE ${overdue}
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

/** Items received (not spam) per local day/week/month and group; empty buckets are left out. */
export async function volumeSeries(prisma: PrismaClient, scope: MetricsScope, groupBy: VolumeGroup, bucket: VolumeBucket) {
  // Fixed offset: Indonesian zones have no daylight saving time (see INDONESIAN_TIME_ZONES).
  const local = Prisma.sql`i."receivedAt" + make_interval(mins => ${REPORTING_OFFSET_MINUTES}::int)`;
  // Grouped by the truncated time, formatted once per bucket rather than once per item.
  const rows = await figureQuery<{ bucket: string; key: string | null; count: bigint }>(prisma, Prisma.sql`
    SELECT to_char(b."start", 'YYYY-MM-DD') AS "bucket", b."key", b."count" FROM (
      SELECT date_trunc(${bucket}, ${local}) AS "start", ${VOLUME_GROUP_COLUMNS[groupBy]} AS "key", count(*) AS "count"
      FROM "InboxItem" i
      WHERE ${receivedItems(scope)} AND ${NOT_SPAM}
      GROUP BY 1, 2) b
    ORDER BY 1, 2`);
  return rows.map((row) => ({ bucket: row.bucket, key: row.key, count: num(row.count) }));
}

/** Items received (not spam) per group, for the previous period's totals. */
export async function volumeTotals(prisma: PrismaClient, scope: MetricsScope, groupBy: VolumeGroup): Promise<Map<string | null, number>> {
  const rows = await figureQuery<{ key: string | null; count: bigint }>(prisma, Prisma.sql`
    SELECT ${VOLUME_GROUP_COLUMNS[groupBy]} AS "key", count(*) AS "count"
    FROM "InboxItem" i WHERE ${receivedItems(scope)} AND ${NOT_SPAM} GROUP BY 1`);
  return new Map(rows.map((row) => [row.key, num(row.count)]));
}

/** Items received (not spam) per place, with the kecamatan each place belongs to; unplaced items apart. */
export async function placeCounts(prisma: PrismaClient, scope: MetricsScope) {
  const rows = await figureQuery<{ kecamatanId: string | null; placeId: string | null; placeType: string | null; count: bigint }>(prisma, Prisma.sql`
    SELECT CASE WHEN p."type" IN ('desa', 'kelurahan') THEN p."parentId" ELSE p."id" END AS "kecamatanId",
      p."id" AS "placeId", p."type"::text AS "placeType", count(*) AS "count"
    FROM "InboxItem" i LEFT JOIN "Unit" p ON p."id" = i."placeUnitId"
    WHERE ${receivedItems(scope)} AND ${NOT_SPAM}
    GROUP BY 1, 2, 3`);
  return rows.map((row) => ({ ...row, count: num(row.count) }));
}

import { Prisma, type PrismaClient } from "@server/db/client.js";
import { ON_TIME_TOLERANCE_MINUTES, REPORTING_OFFSET_MINUTES, rate } from "./definitions.js";
import { figureQuery } from "./query.js";
import {
  inIds,
  inPeriod,
  num,
  numOrNull,
  reportingDate,
  splitByWholeDays,
  unitGroupKey,
  type MetricsScope,
  type Period,
} from "./scope.js";

// Figures beyond the inbox: early warnings raised, and how publishing went.

/** Early warnings raised in the period for the scope's units, category and area. */
export async function earlyWarningFigures(prisma: PrismaClient, scope: MetricsScope) {
  const minutesToAcknowledge = Prisma.sql`EXTRACT(EPOCH FROM (w."acknowledgedAt" - w."raisedAt")) / 60`;
  const [row] = await figureQuery<Record<string, unknown>>(
    prisma,
    Prisma.sql`
    SELECT count(*) AS "raised", count(w."acknowledgedAt") AS "acknowledged",
      percentile_disc(0.5::float8) WITHIN GROUP (ORDER BY ${minutesToAcknowledge}) AS "median",
      percentile_disc(0.9::float8) WITHIN GROUP (ORDER BY ${minutesToAcknowledge}) AS "p90"
    FROM "EarlyWarning" w
    WHERE ${inPeriod(Prisma.sql`w."raisedAt"`, scope.period)} AND ${inIds(Prisma.sql`w."unitId"`, scope.unitIds)}
      AND ${inIds(Prisma.sql`w."placeUnitId"`, scope.placeUnitIds)}
      ${scope.category ? Prisma.sql`AND w."category" = ${scope.category}` : Prisma.empty}`,
  );
  return {
    raised: num(row?.raised),
    acknowledged: num(row?.acknowledged),
    minutesToAcknowledge: { median: numOrNull(row?.median), p90: numOrNull(row?.p90) },
  };
}

/** Sums of the latest counts (see GLOSSARY.engagement); views null when no delivery reported any. */
export type EngagementFigures = { reactions: number; comments: number; shares: number; views: number | null };

export type PublishingFigures = {
  posts: number;
  published: number;
  judged: number;
  onTime: number;
  onTimeRate: number | null;
  failed: number;
  engagement: EngagementFigures;
};

/** How publishing figures are split: per channel, or per sub-unit of the scope's anchor. */
export type PublishingGroupBy = "channel" | "unit";

/** The reporting day of a timestamp column, as the rollup and its index in the migration write it. */
const reportingDay = (column: Prisma.Sql) =>
  Prisma.sql`(${column} + interval '${Prisma.raw(String(REPORTING_OFFSET_MINUTES))} minutes')::date`;

/**
 * Deliveries of the scope's posts (unit of the post, channel) that were published or failed in
 * the period, per group or as one. A delivery is due at its post's schedule, or at approval when
 * that came later or there is no schedule (publishing cannot precede approval); posts with
 * neither are published at once and are not judged. A post counts once in a group however many
 * of its deliveries went out in the period. Engagement adds up what the platforms last reported
 * for the deliveries published in the period.
 */
export async function publishingFigures(
  prisma: PrismaClient,
  scope: MetricsScope,
  groupBy: PublishingGroupBy | null = null,
): Promise<Map<string | null, PublishingFigures>> {
  const parts = rolledUpParts(scope, groupBy);
  const rows = await figureQuery<Record<string, unknown>>(
    prisma,
    Prisma.sql`
    SELECT "group", sum("posts") AS "posts", sum("published") AS "published", sum("judged") AS "judged", sum("onTime") AS "onTime", sum("failed") AS "failed",
      sum("reactions") AS "reactions", sum("comments") AS "comments", sum("shares") AS "shares", sum("views") AS "views", sum("viewsReported") AS "viewsReported"
    FROM (${Prisma.join(parts, " UNION ALL ")}) parts
    GROUP BY 1
    -- Rollup rows whose deliveries have all gone (deleted, or moved to another day) add up to zero.
    HAVING sum("published") + sum("failed") > 0`,
  );
  return new Map(
    rows.map((row) => {
      const judged = num(row.judged);
      const onTime = num(row.onTime);
      const engagement = {
        reactions: num(row.reactions),
        comments: num(row.comments),
        shares: num(row.shares),
        views: num(row.viewsReported) > 0 ? num(row.views) : null,
      };
      const figures = {
        posts: num(row.posts),
        published: num(row.published),
        judged,
        onTime,
        onTimeRate: rate(onTime, judged),
        failed: num(row.failed),
        engagement,
      };
      return [row.group as string | null, figures];
    }),
  );
}

/**
 * The period as whole days from the rollup plus its ends from the deliveries. A post counts at
 * its first delivery in the period: the one whose post had no delivery published before it, or
 * only before the period. Per channel, or within one channel, each delivery is a post of its own.
 */
function rolledUpParts(scope: MetricsScope, groupBy: PublishingGroupBy | null): Prisma.Sql[] {
  const key =
    groupBy === "channel"
      ? Prisma.sql`c."id"::text`
      : groupBy === "unit"
        ? unitGroupKey(scope.anchor)
        : Prisma.sql`NULL::text`;
  const eachDeliveryAPost = groupBy === "channel" || !!scope.channelId;
  const firstInPeriod = Prisma.sql`(d."previousPublishedAt" IS NULL OR d."previousPublishedAt" < ${scope.period.from})`;
  const { days, edges } = splitByWholeDays(scope.period);
  const parts = edges.length
    ? [
        deliveryRows(
          scope,
          edges,
          key,
          (published) =>
            Prisma.sql`count(*) FILTER (WHERE ${published}${eachDeliveryAPost ? Prisma.empty : Prisma.sql` AND ${firstInPeriod}`})`,
        ),
      ]
    : [];
  if (!days) return parts;
  // Added up per unit and channel first, so that the key and its joins read a few dozen rows.
  parts.push(Prisma.sql`
    SELECT ${key} AS "group", sum(${eachDeliveryAPost ? Prisma.sql`r."published"` : Prisma.sql`r."firstOfPost"`}) AS "posts", sum(r."published") AS "published",
      sum(r."judged") AS "judged", sum(r."onTime") AS "onTime", sum(r."failed") AS "failed", sum(r."reactions") AS "reactions", sum(r."comments") AS "comments",
      sum(r."shares") AS "shares", sum(r."views") AS "views", sum(r."viewsReported") AS "viewsReported"
    FROM (
      SELECT "unitId", "channelId", sum("firstOfPost") AS "firstOfPost", sum("published") AS "published", sum("judged") AS "judged", sum("onTime") AS "onTime",
        sum("failed") AS "failed", sum("reactions") AS "reactions", sum("comments") AS "comments", sum("shares") AS "shares", sum("views") AS "views",
        sum("viewsReported") AS "viewsReported"
      FROM "PublishingDay"
      WHERE "day" >= ${reportingDate(days.from)}::date AND "day" < ${reportingDate(days.to)}::date AND ${inIds(Prisma.sql`"unitId"`, scope.unitIds)}
        ${scope.channelId ? Prisma.sql`AND "channelId" = ${scope.channelId}::uuid` : Prisma.empty}
      GROUP BY 1, 2
    ) r JOIN "Channel" c ON c."id" = r."channelId" JOIN "Unit" u ON u."id" = r."unitId"
    GROUP BY 1`);
  if (!eachDeliveryAPost) {
    // The rollup counted a post on the day of its very first delivery; a post whose first
    // delivery came before the period counts at its first one inside, published on a later day
    // than the one before it (the few rows of that partial index).
    parts.push(Prisma.sql`
      SELECT ${key} AS "group", count(*) AS "posts", 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM "Delivery" d JOIN "Post" p ON p."id" = d."postId" JOIN "Channel" c ON c."id" = d."channelId" JOIN "Unit" u ON u."id" = p."unitId"
      WHERE ${reportingDay(Prisma.sql`d."previousPublishedAt"`)} < ${reportingDay(Prisma.sql`d."publishedAt"`)}
        AND ${inPeriod(Prisma.sql`d."publishedAt"`, days)}
        AND d."previousPublishedAt" < ${scope.period.from} AND ${inIds(Prisma.sql`p."unitId"`, scope.unitIds)}
      GROUP BY 1`);
  }
  return parts;
}

/** The figures of the deliveries published or failed within the given ranges, per group. */
function deliveryRows(
  scope: MetricsScope,
  ranges: Period[],
  key: Prisma.Sql,
  posts: (published: Prisma.Sql) => Prisma.Sql,
): Prisma.Sql {
  const within = (column: Prisma.Sql) =>
    Prisma.sql`(${Prisma.join(
      ranges.map((range) => Prisma.sql`(${inPeriod(column, range)})`),
      " OR ",
    )})`;
  const published = Prisma.sql`d."publishedAt" IS NOT NULL AND ${within(Prisma.sql`d."publishedAt"`)}`;
  // A failure is final: its last update is when it failed.
  const failed = Prisma.sql`d."status" = 'failed' AND ${within(Prisma.sql`d."updatedAt"`)}`;
  const dueAt = Prisma.sql`GREATEST(p."scheduledAt", p."reviewedAt")`;
  const judged = Prisma.sql`${published} AND ${dueAt} IS NOT NULL`;
  return Prisma.sql`
    SELECT ${key} AS "group", ${posts(published)} AS "posts",
      count(*) FILTER (WHERE ${published}) AS "published",
      count(*) FILTER (WHERE ${judged}) AS "judged",
      count(*) FILTER (WHERE ${judged} AND d."publishedAt" <= ${dueAt} + make_interval(mins => ${ON_TIME_TOLERANCE_MINUTES}::int)) AS "onTime",
      count(*) FILTER (WHERE ${failed}) AS "failed",
      sum(e."reactions") FILTER (WHERE ${published}) AS "reactions",
      sum(e."comments") FILTER (WHERE ${published}) AS "comments",
      sum(e."shares") FILTER (WHERE ${published}) AS "shares",
      sum(e."views") FILTER (WHERE ${published}) AS "views",
      count(e."views") FILTER (WHERE ${published}) AS "viewsReported"
    FROM "Delivery" d JOIN "Post" p ON p."id" = d."postId" JOIN "Channel" c ON c."id" = d."channelId" JOIN "Unit" u ON u."id" = p."unitId"
      LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = d."id"
    WHERE ((${published}) OR (${failed})) AND ${inIds(Prisma.sql`p."unitId"`, scope.unitIds)}
      ${scope.channelId ? Prisma.sql`AND d."channelId" = ${scope.channelId}::uuid` : Prisma.empty}
    GROUP BY 1`;
}

import { Prisma, type PrismaClient } from "../db/client.js";
import { ON_TIME_TOLERANCE_MINUTES, rate } from "./definitions.js";
import { figureQuery } from "./query.js";
import { inIds, inPeriod, num, numOrNull, type MetricsScope } from "./scope.js";

// Figures beyond the inbox: early warnings raised, and how publishing went.

/** Early warnings raised in the period for the scope's units, category and area. */
export async function earlyWarningFigures(prisma: PrismaClient, scope: MetricsScope) {
  const minutesToAcknowledge = Prisma.sql`EXTRACT(EPOCH FROM (w."acknowledgedAt" - w."raisedAt")) / 60`;
  const [row] = await figureQuery<Record<string, unknown>>(prisma, Prisma.sql`
    SELECT count(*) AS "raised", count(w."acknowledgedAt") AS "acknowledged",
      percentile_disc(0.5::float8) WITHIN GROUP (ORDER BY ${minutesToAcknowledge}) AS "median",
      percentile_disc(0.9::float8) WITHIN GROUP (ORDER BY ${minutesToAcknowledge}) AS "p90"
    FROM "EarlyWarning" w
    WHERE ${inPeriod(Prisma.sql`w."raisedAt"`, scope.period)} AND ${inIds(Prisma.sql`w."unitId"`, scope.unitIds)}
      AND ${inIds(Prisma.sql`w."placeUnitId"`, scope.placeUnitIds)}
      ${scope.category ? Prisma.sql`AND w."category" = ${scope.category}` : Prisma.empty}`);
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

/**
 * Deliveries of the scope's posts (unit of the post, channel) that were published or failed in
 * the period, per group (`groupKey` over d/p/c/u) or as one. A delivery is due at its post's
 * schedule, or at approval when that came later or there is no schedule (publishing cannot
 * precede approval); posts with neither are published at once and are not judged.
 * Engagement adds up what the platforms last reported for the deliveries published in the period.
 */
export async function publishingFigures(prisma: PrismaClient, scope: MetricsScope, groupKey: Prisma.Sql | null = null): Promise<Map<string | null, PublishingFigures>> {
  const published = Prisma.sql`d."publishedAt" IS NOT NULL AND ${inPeriod(Prisma.sql`d."publishedAt"`, scope.period)}`;
  // A failure is final: its last update is when it failed.
  const failed = Prisma.sql`d."status" = 'failed' AND ${inPeriod(Prisma.sql`d."updatedAt"`, scope.period)}`;
  const dueAt = Prisma.sql`GREATEST(p."scheduledAt", p."reviewedAt")`;
  const judged = Prisma.sql`${published} AND ${dueAt} IS NOT NULL`;
  const rows = await figureQuery<Record<string, unknown>>(prisma, Prisma.sql`
    SELECT ${groupKey ?? Prisma.sql`NULL`} AS "group",
      count(DISTINCT p."id") FILTER (WHERE ${published}) AS "posts",
      count(*) FILTER (WHERE ${published}) AS "published",
      count(*) FILTER (WHERE ${judged}) AS "judged",
      count(*) FILTER (WHERE ${judged} AND d."publishedAt" <= ${dueAt} + make_interval(mins => ${ON_TIME_TOLERANCE_MINUTES}::int)) AS "onTime",
      count(*) FILTER (WHERE ${failed}) AS "failed",
      sum(e."reactions") FILTER (WHERE ${published}) AS "reactions",
      sum(e."comments") FILTER (WHERE ${published}) AS "comments",
      sum(e."shares") FILTER (WHERE ${published}) AS "shares",
      sum(e."views") FILTER (WHERE ${published}) AS "views"
    FROM "Delivery" d JOIN "Post" p ON p."id" = d."postId" JOIN "Channel" c ON c."id" = d."channelId" JOIN "Unit" u ON u."id" = p."unitId"
      LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = d."id"
    WHERE ((${published}) OR (${failed})) AND ${inIds(Prisma.sql`p."unitId"`, scope.unitIds)}
      ${scope.channelId ? Prisma.sql`AND d."channelId" = ${scope.channelId}::uuid` : Prisma.empty}
    ${groupKey ? Prisma.sql`GROUP BY 1` : Prisma.empty}`);
  return new Map(
    rows.map((row) => {
      const judgedCount = num(row.judged);
      const onTime = num(row.onTime);
      const engagement = { reactions: num(row.reactions), comments: num(row.comments), shares: num(row.shares), views: numOrNull(row.views) };
      const figures = { posts: num(row.posts), published: num(row.published), judged: judgedCount, onTime, onTimeRate: rate(onTime, judgedCount), failed: num(row.failed), engagement };
      return [row.group as string | null, figures];
    }),
  );
}

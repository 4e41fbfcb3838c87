-- The organisation's reporting time zone and on-time tolerance are settings (the "reporting" row of
-- "Setting": {"timeZone": "Asia/Makassar", "onTimeToleranceMinutes": 5}, written by
-- server/reporting/settings.ts) instead of constants: the rollups' triggers read them from there.
-- Without the row the zone is WIB (Asia/Jakarta) and the tolerance 5 minutes, as before.

-- The zone's offset from UTC in minutes: fixed, Indonesia has no daylight saving time.
CREATE FUNCTION reporting_offset_minutes() RETURNS INTEGER LANGUAGE sql STABLE AS $$
  SELECT COALESCE((
    SELECT CASE "value" ->> 'timeZone' WHEN 'Asia/Makassar' THEN 480 WHEN 'Asia/Jayapura' THEN 540 ELSE 420 END
    FROM "Setting" WHERE "key" = 'reporting'), 420)
$$;

CREATE FUNCTION on_time_tolerance_minutes() RETURNS INTEGER LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT ("value" ->> 'onTimeToleranceMinutes')::int FROM "Setting" WHERE "key" = 'reporting'), 5)
$$;

-- As in 20261121173902_dashboard_awaiting_counts, with the day cut at the reporting zone's
-- midnight, read once per call (once per statement in the trigger).
CREATE OR REPLACE FUNCTION inbox_daily_count_rows(items TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT format($q$
    SELECT ("receivedAt" + interval '%2$s minutes')::date AS "day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency",
      sum(sign * (("status" <> 'closed_spam') IS TRUE)::int)::int AS "received",
      sum(sign * (("status" = 'closed_spam') IS TRUE)::int)::int AS "spam",
      sum(sign * (("mergedIntoId" IS NOT NULL) IS TRUE)::int)::int AS "duplicates",
      sum(sign * (("countsForResponse" AND "firstRespondedAt" IS NOT NULL) IS TRUE)::int)::int AS "answered",
      sum(sign * (("countsForResponse" AND "resolvedAt" IS NOT NULL) IS TRUE)::int)::int AS "resolved",
      sum(sign * (("countsForResponse" AND "firstResponseDueAt" IS NOT NULL AND "firstRespondedAt" IS NOT NULL) IS TRUE)::int)::int AS "firstResponseDone",
      sum(sign * (("countsForResponse" AND "firstRespondedAt" <= "firstResponseDueAt") IS TRUE)::int)::int AS "firstResponseOnTime",
      sum(sign * (("countsForResponse" AND "resolutionDueAt" IS NOT NULL AND "resolvedAt" IS NOT NULL) IS TRUE)::int)::int AS "resolutionDone",
      sum(sign * (("countsForResponse" AND "resolvedAt" <= "resolutionDueAt") IS TRUE)::int)::int AS "resolutionOnTime",
      sum(sign * (("countsForResponse" AND ("resolvedAt" IS NOT NULL OR "reopenedOnce")) IS TRUE)::int)::int AS "resolvedOnce",
      sum(sign * (("countsForResponse" AND "reopenedOnce") IS TRUE)::int)::int AS "reopened",
      sum(sign * (("countsForResponse" AND "firstRespondedAt" IS NULL AND "firstResponseDueAt" IS NOT NULL) IS TRUE)::int)::int AS "awaitingFirstResponse",
      sum(sign * (("countsForResponse" AND "resolvedAt" IS NULL AND "resolutionDueAt" IS NOT NULL) IS TRUE)::int)::int AS "awaitingResolution",
      sum(sign * (("countsForResponse" AND "status" NOT IN ('resolved', 'closed_spam')
        AND (("firstRespondedAt" IS NULL AND "firstResponseDueAt" IS NOT NULL) OR ("resolvedAt" IS NULL AND "resolutionDueAt" IS NOT NULL))) IS TRUE)::int)::int AS "awaitingOpen"
    FROM (%1$s) r
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8$q$, items, reporting_offset_minutes())
$$;

-- Everything counted again in the current zone, while the app runs: rows are deleted rather than
-- truncated so that readers keep the old counts until this commits. The caller
-- (server/reporting/recount.ts) holds the fold's advisory lock and runs this in a REPEATABLE READ
-- transaction begun after every writer that could still use the old zone finished: the deltas
-- written after its snapshot stay, in the new zone, for the next fold.
CREATE FUNCTION inbox_daily_count_recount() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "InboxDailyCountDelta";
  DELETE FROM "InboxDailyCount";
  DELETE FROM "InboxMonthlyCount";
  EXECUTE 'INSERT INTO "InboxDailyCount" ' || inbox_daily_count_rows('SELECT 1 AS sign, * FROM "InboxItem"');
  PERFORM inbox_count_add('InboxMonthlyCount', '"InboxDailyCount"', true);
END $$;

-- As in 20261121154252_publishing_day_rollup, with the zone and the tolerance read from the settings.
CREATE OR REPLACE FUNCTION publishing_contribution(sign INTEGER, d "Delivery", p "Post", e "DeliveryEngagement") RETURNS SETOF "PublishingDay"
LANGUAGE sql STABLE AS $$
  SELECT (d."publishedAt" + make_interval(mins => reporting_offset_minutes()))::date, p."unitId", d."channelId", sign,
    sign * (GREATEST(p."scheduledAt", p."reviewedAt") IS NOT NULL)::int,
    sign * COALESCE(d."publishedAt" <= GREATEST(p."scheduledAt", p."reviewedAt") + make_interval(mins => on_time_tolerance_minutes()), false)::int,
    0, sign * (d."previousPublishedAt" IS NULL)::int,
    sign * COALESCE(e."reactions", 0)::bigint, sign * COALESCE(e."comments", 0)::bigint, sign * COALESCE(e."shares", 0)::bigint,
    sign * COALESCE(e."views", 0)::bigint, sign * (e."views" IS NOT NULL)::int
  WHERE d."publishedAt" IS NOT NULL AND p."unitId" IS NOT NULL
  UNION ALL
  SELECT (d."updatedAt" + make_interval(mins => reporting_offset_minutes()))::date, p."unitId", d."channelId", 0, 0, 0, sign, 0, 0, 0, 0, 0, 0
  WHERE d."status" = 'failed' AND p."unitId" IS NOT NULL
$$;

-- The publishing rollup counted again in the current zone and tolerance. Its triggers write it
-- directly, so the tables they fire on are held (for reading only) until this commits: publishing
-- waits a moment; the rollup is small (one row per day, unit and channel).
CREATE FUNCTION publishing_day_recount() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "Post", "Delivery", "DeliveryEngagement" IN SHARE MODE;
  DELETE FROM "PublishingDay";
  PERFORM publishing_add(ARRAY(SELECT c FROM "Delivery" d JOIN "Post" p ON p."id" = d."postId" LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = d."id",
    publishing_contribution(1, d, p, e) c));
END $$;

-- A partial index's predicate cannot read a setting: it now holds the deliveries published on a
-- later day than the previous one in any of WIB, WITA and WIT (a superset), and the query adds
-- the exact condition for the zone in use (server/metrics/activity.ts).
DROP INDEX "Delivery_publishedAt_later_day_idx";
CREATE INDEX "Delivery_publishedAt_later_day_idx" ON "Delivery" ("publishedAt") INCLUDE ("previousPublishedAt", "postId", "channelId")
  WHERE ("previousPublishedAt" + interval '7 hours')::date < ("publishedAt" + interval '9 hours')::date;

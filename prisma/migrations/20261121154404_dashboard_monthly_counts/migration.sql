-- The inbox daily counts added up per calendar month (WIB) as well: a year of figures that need
-- no day-by-day breakdown then reads about 15,000 rows instead of 200,000. Folded from the same
-- deltas in the same transaction as the daily counts (server/metrics/dailyCounts.ts reads the
-- whole months from here, the other whole days from the daily counts, the partial days from the items).

CREATE TABLE "InboxMonthlyCount" (LIKE "InboxDailyCount");
CREATE UNIQUE INDEX "InboxMonthlyCount_cell_key" ON "InboxMonthlyCount"
  ("day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency") NULLS NOT DISTINCT;
COMMENT ON COLUMN "InboxMonthlyCount"."day" IS 'The first day of the month';

-- Adds counted cells to a counts table, month by month when `monthly`.
CREATE FUNCTION inbox_count_add(target TEXT, cells TEXT, monthly BOOLEAN) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO %1$I
    SELECT %2$s, "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency",
      sum("received"), sum("spam"), sum("duplicates"), sum("answered"), sum("resolved"),
      sum("firstResponseDone"), sum("firstResponseOnTime"), sum("resolutionDone"), sum("resolutionOnTime"), sum("resolvedOnce"), sum("reopened")
    FROM %3$s c GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ("day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency") DO UPDATE SET
      "received" = %1$I."received" + excluded."received",
      "spam" = %1$I."spam" + excluded."spam",
      "duplicates" = %1$I."duplicates" + excluded."duplicates",
      "answered" = %1$I."answered" + excluded."answered",
      "resolved" = %1$I."resolved" + excluded."resolved",
      "firstResponseDone" = %1$I."firstResponseDone" + excluded."firstResponseDone",
      "firstResponseOnTime" = %1$I."firstResponseOnTime" + excluded."firstResponseOnTime",
      "resolutionDone" = %1$I."resolutionDone" + excluded."resolutionDone",
      "resolutionOnTime" = %1$I."resolutionOnTime" + excluded."resolutionOnTime",
      "resolvedOnce" = %1$I."resolvedOnce" + excluded."resolvedOnce",
      "reopened" = %1$I."reopened" + excluded."reopened"$q$,
    target, CASE WHEN monthly THEN $m$date_trunc('month', "day")::date$m$ ELSE '"day"' END, cells);
END $$;

CREATE OR REPLACE FUNCTION inbox_daily_count_fold() RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  folded INTEGER;
BEGIN
  IF NOT pg_try_advisory_xact_lock(72707381) THEN
    RETURN 0;
  END IF;
  CREATE TEMP TABLE inbox_count_moved ON COMMIT DROP AS
    WITH moved AS (DELETE FROM "InboxDailyCountDelta" RETURNING *) SELECT * FROM moved;
  GET DIAGNOSTICS folded = ROW_COUNT;
  PERFORM inbox_count_add('InboxDailyCount', 'inbox_count_moved', false);
  PERFORM inbox_count_add('InboxMonthlyCount', 'inbox_count_moved', true);
  RETURN folded;
END $$;

CREATE OR REPLACE FUNCTION inbox_daily_count_rebuild() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "InboxDailyCount", "InboxDailyCountDelta", "InboxMonthlyCount" IN EXCLUSIVE MODE;
  DELETE FROM "InboxDailyCountDelta";
  DELETE FROM "InboxDailyCount";
  DELETE FROM "InboxMonthlyCount";
  EXECUTE 'INSERT INTO "InboxDailyCount" ' || inbox_daily_count_rows('SELECT 1 AS sign, * FROM "InboxItem"');
  PERFORM inbox_count_add('InboxMonthlyCount', '"InboxDailyCount"', true);
END $$;

SELECT inbox_count_add('InboxMonthlyCount', '"InboxDailyCount"', true);

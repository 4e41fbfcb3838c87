-- Compliance and the overdue count without reading every waiting item: the daily and monthly
-- counts also count the items still waiting on a deadline (server/metrics/inbox.ts). Whether a
-- deadline has passed depends on the moment of asking, but the waiting items whose deadline is
-- still ahead are few (received in the last days or weeks): the figures take the waiting ones
-- from the counts and subtract those not yet due, read from the two small deadline indexes below.
--   awaitingFirstResponse: counted for response, unanswered, with a first-response deadline;
--   awaitingResolution:    counted for response, unresolved, with a resolution deadline;
--   awaitingOpen:          either of the two, and not closed (resolved or spam): the items the
--                          overdue count looks at.
ALTER TABLE "InboxDailyCount" ADD COLUMN "awaitingFirstResponse" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "awaitingResolution" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "awaitingOpen" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "InboxDailyCountDelta" ADD COLUMN "awaitingFirstResponse" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "awaitingResolution" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "awaitingOpen" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "InboxMonthlyCount" ADD COLUMN "awaitingFirstResponse" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "awaitingResolution" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "awaitingOpen" INTEGER NOT NULL DEFAULT 0;

-- As in 20261121152642_dashboard_daily_counts, with the three counts added last: deltas are
-- inserted by position, in the tables' column order.
CREATE OR REPLACE FUNCTION inbox_daily_count_rows(items TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    SELECT ("receivedAt" + interval '7 hours')::date AS "day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency",
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
    FROM (%s) r
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8$q$, items)
$$;

CREATE OR REPLACE FUNCTION inbox_daily_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed TEXT := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_items'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_items'
    ELSE 'SELECT 1 AS sign, * FROM new_items UNION ALL SELECT -1 AS sign, * FROM old_items' END;
BEGIN
  -- Updates that change nothing counted (assignments, notes, working minutes) leave no delta.
  EXECUTE format('INSERT INTO "InboxDailyCountDelta" SELECT * FROM (%s) c
    WHERE ("received", "spam", "duplicates", "answered", "resolved", "firstResponseDone", "firstResponseOnTime",
    "resolutionDone", "resolutionOnTime", "resolvedOnce", "reopened", "awaitingFirstResponse", "awaitingResolution",
    "awaitingOpen")
      IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)', inbox_daily_count_rows(changed));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION inbox_count_add(target TEXT, cells TEXT, monthly BOOLEAN) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO %1$I
    SELECT %2$s, "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency",
      sum("received"), sum("spam"), sum("duplicates"), sum("answered"), sum("resolved"), sum("firstResponseDone"),
      sum("firstResponseOnTime"), sum("resolutionDone"), sum("resolutionOnTime"), sum("resolvedOnce"), sum("reopened"),
      sum("awaitingFirstResponse"), sum("awaitingResolution"), sum("awaitingOpen")
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
      "reopened" = %1$I."reopened" + excluded."reopened",
      "awaitingFirstResponse" = %1$I."awaitingFirstResponse" + excluded."awaitingFirstResponse",
      "awaitingResolution" = %1$I."awaitingResolution" + excluded."awaitingResolution",
      "awaitingOpen" = %1$I."awaitingOpen" + excluded."awaitingOpen"$q$,
    target, CASE WHEN monthly THEN $m$date_trunc('month', "day")::date$m$ ELSE '"day"' END, cells);
END $$;

-- Covering keys: a period's cells are read from the index alone, in day order, rather than from
-- rows that the folds scatter over the table. Vacuumed often (the tables are small) so that their
-- pages stay marked all-visible, which reading from the index alone needs.
DROP INDEX "InboxDailyCount_cell_key";
CREATE UNIQUE INDEX "InboxDailyCount_cell_key" ON "InboxDailyCount" ("day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency")
  INCLUDE ("received", "spam", "duplicates", "answered", "resolved", "firstResponseDone", "firstResponseOnTime",
    "resolutionDone", "resolutionOnTime", "resolvedOnce", "reopened", "awaitingFirstResponse", "awaitingResolution",
    "awaitingOpen") NULLS NOT DISTINCT;
DROP INDEX "InboxMonthlyCount_cell_key";
CREATE UNIQUE INDEX "InboxMonthlyCount_cell_key" ON "InboxMonthlyCount" ("day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency")
  INCLUDE ("received", "spam", "duplicates", "answered", "resolved", "firstResponseDone", "firstResponseOnTime",
    "resolutionDone", "resolutionOnTime", "resolvedOnce", "reopened", "awaitingFirstResponse", "awaitingResolution",
    "awaitingOpen") NULLS NOT DISTINCT;
ALTER TABLE "InboxDailyCount" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
ALTER TABLE "InboxMonthlyCount" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);

-- The waiting items by deadline, with what the figures filter by: those whose deadline is still
-- ahead are read from the top of these.
CREATE INDEX "InboxItem_first_response_due_idx" ON "InboxItem" ("firstResponseDueAt")
  INCLUDE ("receivedAt", "unitId", "placeUnitId", "channelId", "source", "category", "countsForResponse", "status", "resolvedAt", "resolutionDueAt")
  WHERE "firstRespondedAt" IS NULL AND "firstResponseDueAt" IS NOT NULL;
CREATE INDEX "InboxItem_resolution_due_idx" ON "InboxItem" ("resolutionDueAt")
  INCLUDE ("receivedAt", "unitId", "placeUnitId", "channelId", "source", "category", "countsForResponse", "status", "firstRespondedAt", "firstResponseDueAt")
  WHERE "resolvedAt" IS NULL AND "resolutionDueAt" IS NOT NULL;

-- Emptied by TRUNCATE rather than DELETE: a rebuild then leaves no dead rows to vacuum.
CREATE OR REPLACE FUNCTION inbox_daily_count_rebuild() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "InboxDailyCount", "InboxDailyCountDelta", "InboxMonthlyCount";
  EXECUTE 'INSERT INTO "InboxDailyCount" ' || inbox_daily_count_rows('SELECT 1 AS sign, * FROM "InboxItem"');
  PERFORM inbox_count_add('InboxMonthlyCount', '"InboxDailyCount"', true);
END $$;

SELECT inbox_daily_count_rebuild();

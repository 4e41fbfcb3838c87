-- Daily counts of inbox items for the dashboard (server/metrics/dailyCounts.ts): per day of receipt
-- in WIB and every dimension the figures filter or group by, how many items there are of each kind
-- the figures count. Two years of items then add up from a few hundred thousand rows instead of a
-- million, and a period's whole days are read from here, only its partial first and last day from
-- the items. Outside the Prisma schema: read and written by SQL only.
--
-- Kept exact by PostgreSQL itself, whoever writes the items: statement triggers append each
-- statement's net change to "InboxDailyCountDelta" (insert-only, so concurrent writers never wait
-- on each other), and a job folds the deltas into "InboxDailyCount" now and then. Readers add both.

-- Reopened at least once, as the item's timeline says: set by the status move to "reopened",
-- whoever records it, and never cleared. A column so that the reopen rate is a count like the others.
ALTER TABLE "InboxItem" ADD COLUMN "reopenedOnce" BOOLEAN NOT NULL DEFAULT false;
UPDATE "InboxItem" SET "reopenedOnce" = true
WHERE "id" IN (SELECT "itemId" FROM "InboxEvent" WHERE "type" = 'status' AND ("data" -> 'status' ->> 'to') = 'reopened');
CREATE FUNCTION inbox_item_mark_reopened() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "InboxItem" SET "reopenedOnce" = true WHERE "id" = NEW."itemId" AND NOT "reopenedOnce";
  RETURN NULL;
END $$;
CREATE TRIGGER inbox_item_mark_reopened AFTER INSERT ON "InboxEvent"
  FOR EACH ROW WHEN (NEW."type" = 'status' AND (NEW."data" -> 'status' ->> 'to') = 'reopened') EXECUTE FUNCTION inbox_item_mark_reopened();
-- Its timeline events now mark reopened items; the index that found them is no longer read.
DROP INDEX "InboxEvent_reopened_itemId_idx";

CREATE TABLE "InboxDailyCount" (
  "day" DATE NOT NULL,
  "unitId" UUID,
  "placeUnitId" UUID,
  "source" "InboxSource" NOT NULL,
  "channelId" UUID,
  "category" TEXT,
  "kind" TEXT,
  "urgency" TEXT,
  -- Not spam (volume, areas).
  "received" INTEGER NOT NULL,
  "spam" INTEGER NOT NULL,
  -- Merged into another item.
  "duplicates" INTEGER NOT NULL,
  -- The rest count only items that count for response figures (neither spam nor merged).
  "answered" INTEGER NOT NULL,
  "resolved" INTEGER NOT NULL,
  -- Answered / resolved with a deadline, and of those by the deadline.
  "firstResponseDone" INTEGER NOT NULL,
  "firstResponseOnTime" INTEGER NOT NULL,
  "resolutionDone" INTEGER NOT NULL,
  "resolutionOnTime" INTEGER NOT NULL,
  -- Resolved now or before a reopening, and reopened at least once.
  "resolvedOnce" INTEGER NOT NULL,
  "reopened" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "InboxDailyCount_cell_key" ON "InboxDailyCount"
  ("day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency") NULLS NOT DISTINCT;

CREATE TABLE "InboxDailyCountDelta" (LIKE "InboxDailyCount");

-- Items' contributions to their day's cells, each times its `sign` (+1 as written, -1 as it was);
-- the day is the date of receipt in WIB (UTC+7, REPORTING_TIME_ZONE in server/metrics/definitions.ts).
CREATE FUNCTION inbox_daily_count_rows(items TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
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
      sum(sign * (("countsForResponse" AND "reopenedOnce") IS TRUE)::int)::int AS "reopened"
    FROM (%s) r
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8$q$, items)
$$;

CREATE FUNCTION inbox_daily_count_delta() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed TEXT := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_items'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_items'
    ELSE 'SELECT 1 AS sign, * FROM new_items UNION ALL SELECT -1 AS sign, * FROM old_items' END;
BEGIN
  -- Updates that change nothing counted (assignments, notes, working minutes) leave no delta.
  EXECUTE format('INSERT INTO "InboxDailyCountDelta" SELECT * FROM (%s) c
    WHERE ("received", "spam", "duplicates", "answered", "resolved", "firstResponseDone", "firstResponseOnTime", "resolutionDone", "resolutionOnTime", "resolvedOnce", "reopened")
      IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)', inbox_daily_count_rows(changed));
  RETURN NULL;
END $$;

CREATE TRIGGER inbox_daily_count_insert AFTER INSERT ON "InboxItem" REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION inbox_daily_count_delta();
CREATE TRIGGER inbox_daily_count_update AFTER UPDATE ON "InboxItem" REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION inbox_daily_count_delta();
CREATE TRIGGER inbox_daily_count_delete AFTER DELETE ON "InboxItem" REFERENCING OLD TABLE AS old_items
  FOR EACH STATEMENT EXECUTE FUNCTION inbox_daily_count_delta();

-- The same counts per calendar month (WIB): a year of figures that need no day-by-day breakdown
-- reads about 15,000 rows instead of 200,000. Folded from the same deltas in the same transaction.
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

-- Moves the deltas into the daily and monthly counts, in one transaction so readers see them in
-- one place or the other. One process folds at a time (advisory lock 72707381, see
-- server/db/locks.ts); the others skip their turn.
CREATE FUNCTION inbox_daily_count_fold() RETURNS INTEGER LANGUAGE plpgsql AS $$
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

-- Counts everything again from the items: here for the items already stored, and after a bulk
-- load that bypassed the triggers (session_replication_role = replica).
CREATE FUNCTION inbox_daily_count_rebuild() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "InboxDailyCount", "InboxDailyCountDelta", "InboxMonthlyCount" IN EXCLUSIVE MODE;
  DELETE FROM "InboxDailyCountDelta";
  DELETE FROM "InboxDailyCount";
  DELETE FROM "InboxMonthlyCount";
  EXECUTE 'INSERT INTO "InboxDailyCount" ' || inbox_daily_count_rows('SELECT 1 AS sign, * FROM "InboxItem"');
  PERFORM inbox_count_add('InboxMonthlyCount', '"InboxDailyCount"', true);
END $$;

SELECT inbox_daily_count_rebuild();

-- The cells of the items received in [from_at, to_at), counted on the spot: a period's partial
-- first and last day.
CREATE FUNCTION inbox_daily_counts_between(from_at TIMESTAMP, to_at TIMESTAMP) RETURNS SETOF "InboxDailyCount" LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY EXECUTE inbox_daily_count_rows('SELECT 1 AS sign, * FROM "InboxItem" WHERE "receivedAt" >= $1 AND "receivedAt" < $2') USING from_at, to_at;
END $$;

-- Items still waiting for an answer or a resolution with a deadline: whether their deadline has
-- passed depends on the moment of asking, so compliance reads them from here rather than from
-- the counts. Items leave the index once answered and resolved.
CREATE INDEX "InboxItem_pending_deadline_idx" ON "InboxItem" ("receivedAt")
  INCLUDE ("unitId", "placeUnitId", "channelId", "source", "category", "countsForResponse",
    "firstRespondedAt", "firstResponseDueAt", "resolvedAt", "resolutionDueAt")
  WHERE ("firstRespondedAt" IS NULL AND "firstResponseDueAt" IS NOT NULL) OR ("resolvedAt" IS NULL AND "resolutionDueAt" IS NOT NULL);

-- One item in eight (those whose random id starts with 0 or 1), with what percentiles read:
-- percentiles over more than EXACT_PERCENTILES_UP_TO answered items are estimated from it
-- (server/metrics/definitions.ts).
CREATE INDEX "InboxItem_percentile_sample_idx" ON "InboxItem" ("receivedAt")
  INCLUDE ("unitId", "placeUnitId", "channelId", "source", "category", "countsForResponse", "firstRespondedAt", "resolvedAt",
    "firstResponseMinutes", "firstResponseWorkingMinutes", "resolutionMinutes", "resolutionWorkingMinutes")
  WHERE "id" < '20000000-0000-0000-0000-000000000000';

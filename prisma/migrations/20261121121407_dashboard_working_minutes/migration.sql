-- Working minutes (first response, resolution) stored on the item once known, so that the
-- dashboard's percentiles are computed in SQL instead of over every item in Node
-- (server/metrics/workingMinutes.ts fills them; see tests/bench/dashboard.ts).
ALTER TABLE "InboxItem" ADD COLUMN     "firstResponseWorkingMinutes" DOUBLE PRECISION,
ADD COLUMN     "resolutionWorkingMinutes" DOUBLE PRECISION;

-- A stored duration is void once its ends or the unit whose calendar counts it change: cleared
-- here, whoever writes the item, and filled again before figures are read.
CREATE FUNCTION inbox_item_clear_working_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."receivedAt" IS DISTINCT FROM OLD."receivedAt" OR NEW."unitId" IS DISTINCT FROM OLD."unitId" THEN
    NEW."firstResponseWorkingMinutes" := NULL;
    NEW."resolutionWorkingMinutes" := NULL;
  END IF;
  IF NEW."firstRespondedAt" IS DISTINCT FROM OLD."firstRespondedAt" THEN
    NEW."firstResponseWorkingMinutes" := NULL;
  END IF;
  IF NEW."resolvedAt" IS DISTINCT FROM OLD."resolvedAt" THEN
    NEW."resolutionWorkingMinutes" := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inbox_item_clear_working_minutes BEFORE UPDATE OF "receivedAt", "unitId", "firstRespondedAt", "resolvedAt" ON "InboxItem"
  FOR EACH ROW EXECUTE FUNCTION inbox_item_clear_working_minutes();

-- The items still to fill: empty once caught up, so checking it costs nothing.
CREATE INDEX "InboxItem_working_minutes_pending_idx" ON "InboxItem" ("id")
  WHERE ("firstRespondedAt" IS NOT NULL AND "firstResponseWorkingMinutes" IS NULL) OR ("resolvedAt" IS NOT NULL AND "resolutionWorkingMinutes" IS NULL);

-- Reopenings are rare: the reopen rate reads them from this small index instead of probing
-- every item's timeline.
CREATE INDEX "InboxEvent_reopened_itemId_idx" ON "InboxEvent" ("itemId")
  WHERE "type" = 'status' AND ("data" -> 'status' ->> 'to') = 'reopened';

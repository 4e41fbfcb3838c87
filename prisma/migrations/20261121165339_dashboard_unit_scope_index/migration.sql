-- A unit's items in a period (the officer's inbox list, and dashboard figures narrowed to a unit)
-- carry what the figures filter by and sort, so that percentiles over a unit's few thousand items
-- read them from this index instead of fetching each row to check its category or area. Same
-- name and key as before.
DROP INDEX "InboxItem_unitId_receivedAt_id_idx";
CREATE INDEX "InboxItem_unitId_receivedAt_id_idx" ON "InboxItem" ("unitId", "receivedAt" DESC, "id" DESC)
  INCLUDE ("placeUnitId", "channelId", "source", "category", "countsForResponse", "firstRespondedAt", "resolvedAt",
    "firstResponseMinutes", "firstResponseWorkingMinutes", "resolutionMinutes", "resolutionWorkingMinutes");

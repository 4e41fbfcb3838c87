-- One item in sixty-four (those whose random id starts with 00 to 03), with what percentiles
-- read: percentiles over more than EXACT_PERCENTILES_UP_TO × SMALL_SAMPLE_FACTOR answered items
-- are estimated from it rather than from the one-in-eight sample (server/metrics/definitions.ts),
-- so that a sample stays within about 2,500 to 20,000 items however long the period.
CREATE INDEX "InboxItem_percentile_small_sample_idx" ON "InboxItem" ("receivedAt")
  INCLUDE ("unitId", "placeUnitId", "channelId", "source", "category", "countsForResponse", "firstRespondedAt", "resolvedAt",
    "firstResponseMinutes", "firstResponseWorkingMinutes", "resolutionMinutes", "resolutionWorkingMinutes")
  WHERE "id" < '04000000-0000-0000-0000-000000000000';

-- Durations in whole minutes (seconds dropped), as the glossary defines them: integers sort
-- faster than fractions, and the dashboard sorts up to a million of them per percentile.
ALTER TABLE "InboxItem"
  ALTER COLUMN "firstResponseWorkingMinutes" SET DATA TYPE INTEGER USING floor("firstResponseWorkingMinutes"),
  ALTER COLUMN "resolutionWorkingMinutes" SET DATA TYPE INTEGER USING floor("resolutionWorkingMinutes");

-- What the figures read, kept by PostgreSQL itself whoever writes the item: calendar minutes to
-- first response and resolution, and whether the item counts for response figures (neither spam
-- nor a merged duplicate). Outside the Prisma schema, like "search"; read by raw SQL only.
ALTER TABLE "InboxItem"
  ADD COLUMN "firstResponseMinutes" INTEGER GENERATED ALWAYS AS (floor(extract(epoch FROM ("firstRespondedAt" - "receivedAt")) / 60)) STORED,
  ADD COLUMN "resolutionMinutes" INTEGER GENERATED ALWAYS AS (floor(extract(epoch FROM ("resolvedAt" - "receivedAt")) / 60)) STORED,
  ADD COLUMN "countsForResponse" BOOLEAN GENERATED ALWAYS AS ("status" <> 'closed_spam' AND "mergedIntoId" IS NULL) STORED;

-- The list's newest-first index also carries every column the dashboard filters and counts by,
-- so that figures over a period are an index-only scan of that period instead of reading the
-- wide rows (text, search vector). Same name and key as before: the inbox list uses it as it did.
DROP INDEX "InboxItem_receivedAt_id_idx";
CREATE INDEX "InboxItem_receivedAt_id_idx" ON "InboxItem" ("receivedAt" DESC, "id" DESC)
  INCLUDE ("unitId", "placeUnitId", "channelId", "source", "category", "kind", "urgency", "status", "mergedIntoId", "countsForResponse",
    "firstRespondedAt", "firstResponseDueAt", "firstResponseMinutes", "firstResponseWorkingMinutes",
    "resolvedAt", "resolutionDueAt", "resolutionMinutes", "resolutionWorkingMinutes");

-- Backlog and overdue read the items not yet resolved, by status; carrying what they filter and
-- count by lets them skip the rows too. Same name and key as before.
DROP INDEX "InboxItem_status_receivedAt_idx";
CREATE INDEX "InboxItem_status_receivedAt_idx" ON "InboxItem" ("status", "receivedAt")
  INCLUDE ("unitId", "placeUnitId", "channelId", "source", "category", "countsForResponse",
    "firstRespondedAt", "firstResponseDueAt", "resolvedAt", "resolutionDueAt");

-- Publishing figures read the deliveries published, or failed, in a period.
CREATE INDEX "Delivery_publishedAt_idx" ON "Delivery" ("publishedAt") WHERE "publishedAt" IS NOT NULL;
CREATE INDEX "Delivery_failed_updatedAt_idx" ON "Delivery" ("updatedAt") WHERE "status" = 'failed';

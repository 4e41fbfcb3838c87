-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "InboxItem" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "informedUnitId" UUID;

-- CreateTable
CREATE TABLE "EmergencyAlert" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "emailedAt" TIMESTAMP(3),
    "emailedTo" INTEGER NOT NULL DEFAULT 0,
    "emailError" TEXT,
    "webhookSentAt" TIMESTAMP(3),
    "webhookError" TEXT,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "EmergencyAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmergencyAlert_itemId_key" ON "EmergencyAlert"("itemId");

-- CreateIndex
CREATE INDEX "EmergencyAlert_doneAt_createdAt_idx" ON "EmergencyAlert"("doneAt", "createdAt");

-- The few items a unit is kept informed of, for its lists: a partial index costs nothing to
-- the many items without one when they are filed.
CREATE INDEX "InboxItem_informedUnitId_receivedAt_idx" ON "InboxItem" ("informedUnitId", "receivedAt" DESC)
  WHERE "informedUnitId" IS NOT NULL;

-- AddForeignKey
ALTER TABLE "InboxItem" ADD CONSTRAINT "InboxItem_informedUnitId_fkey" FOREIGN KEY ("informedUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmergencyAlert" ADD CONSTRAINT "EmergencyAlert_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InboxItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Open emergencies are pinned at the top of every inbox list (server/inbox/listing.ts): they are
-- found from this small index instead of among a million items.
CREATE INDEX "InboxItem_open_darurat_idx" ON "InboxItem" ("receivedAt" DESC, "id" DESC)
  WHERE "urgency" = 'darurat' AND "status" IN ('new', 'triaged', 'assigned', 'in_progress', 'reopened');

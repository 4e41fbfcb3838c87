-- CreateEnum
CREATE TYPE "InboxSource" AS ENUM ('facebook_comment', 'instagram_comment', 'facebook_message', 'x_mention', 'web_report');

-- CreateEnum
CREATE TYPE "InboxStatus" AS ENUM ('new', 'triaged', 'assigned', 'in_progress', 'answered', 'resolved', 'reopened', 'closed_spam');

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "source" "InboxSource" NOT NULL,
    "channelId" UUID,
    "threadKey" TEXT NOT NULL,
    "authorKey" TEXT NOT NULL,
    "lastItemAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "source" "InboxSource" NOT NULL,
    "channelId" UUID,
    "platformId" TEXT NOT NULL,
    "parentPlatformId" TEXT,
    "postRemoteId" TEXT,
    "postId" UUID,
    "authorName" TEXT NOT NULL,
    "authorHandle" TEXT,
    "authorPlatformId" TEXT,
    "contact" JSONB,
    "text" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "location" JSONB,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "InboxStatus" NOT NULL DEFAULT 'new',
    "kind" TEXT,
    "category" TEXT,
    "urgency" TEXT,
    "placeUnitId" UUID,
    "triage" JSONB,
    "unitId" UUID,
    "assigneeId" UUID,
    "slaPolicy" TEXT,
    "firstResponseDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "firstRespondedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "mergedIntoId" UUID,
    "trackingNumber" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" BIGSERIAL NOT NULL,
    "itemId" UUID NOT NULL,
    "actorId" UUID,
    "type" TEXT NOT NULL,
    "body" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'internal',
    "data" JSONB,
    "remoteId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "WebhookReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookRejection" (
    "source" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WebhookRejection_pkey" PRIMARY KEY ("source","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_source_threadKey_authorKey_key" ON "Conversation"("source", "threadKey", "authorKey");

-- CreateIndex
CREATE UNIQUE INDEX "InboxItem_trackingNumber_key" ON "InboxItem"("trackingNumber");

-- CreateIndex
CREATE INDEX "InboxItem_status_receivedAt_idx" ON "InboxItem"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "InboxItem_unitId_status_receivedAt_idx" ON "InboxItem"("unitId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "InboxItem_assigneeId_status_idx" ON "InboxItem"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "InboxItem_category_placeUnitId_receivedAt_idx" ON "InboxItem"("category", "placeUnitId", "receivedAt");

-- CreateIndex
CREATE INDEX "InboxItem_conversationId_sentAt_idx" ON "InboxItem"("conversationId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxItem_source_platformId_key" ON "InboxItem"("source", "platformId");

-- CreateIndex
CREATE INDEX "InboxEvent_itemId_id_idx" ON "InboxEvent"("itemId", "id");

-- CreateIndex
CREATE INDEX "WebhookReceipt_processedAt_id_idx" ON "WebhookReceipt"("processedAt", "id");

-- AddForeignKey
ALTER TABLE "InboxItem" ADD CONSTRAINT "InboxItem_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItem" ADD CONSTRAINT "InboxItem_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItem" ADD CONSTRAINT "InboxItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItem" ADD CONSTRAINT "InboxItem_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxEvent" ADD CONSTRAINT "InboxEvent_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InboxItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search in Bahasa Indonesia (PostgreSQL's snowball stemmer for Indonesian). Kept out
-- of schema.prisma, which cannot express generated columns; only raw queries use it.
ALTER TABLE "InboxItem" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (to_tsvector('indonesian', coalesce("text", '') || ' ' || coalesce("authorName", ''))) STORED;
CREATE INDEX "InboxItem_search_idx" ON "InboxItem" USING GIN ("search");

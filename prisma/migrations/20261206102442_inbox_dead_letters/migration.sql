-- CreateTable
CREATE TABLE "InboxDeadLetter" (
    "id" UUID NOT NULL,
    "origin" TEXT NOT NULL,
    "payloadKind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "receiptId" BIGINT,
    "channelId" UUID,
    "stream" TEXT,
    "source" TEXT,
    "platformId" TEXT,
    "reason" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastFailedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolution" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" UUID,
    "itemId" UUID,

    CONSTRAINT "InboxDeadLetter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxDeadLetter_key_key" ON "InboxDeadLetter"("key");

-- CreateIndex
CREATE INDEX "InboxDeadLetter_resolution_createdAt_idx" ON "InboxDeadLetter"("resolution", "createdAt");


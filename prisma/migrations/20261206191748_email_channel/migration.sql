-- AlterEnum
ALTER TYPE "ChannelKind" ADD VALUE 'email';

-- AlterEnum
ALTER TYPE "InboxSource" ADD VALUE 'email';

-- CreateIndex
CREATE INDEX "InboxEvent_remoteId_idx" ON "InboxEvent"("remoteId");


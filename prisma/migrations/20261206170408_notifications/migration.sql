-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('post_review', 'post_approved', 'post_returned', 'item_assigned', 'deadline_near', 'item_emergency');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailsOff" "NotificationKind"[] DEFAULT ARRAY[]::"NotificationKind"[],
ADD COLUMN     "notificationsOff" "NotificationKind"[] DEFAULT ARRAY[]::"NotificationKind"[];

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" UUID NOT NULL,
    "occasion" TEXT NOT NULL DEFAULT '',
    "actorId" UUID,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailDueAt" TIMESTAMP(3),
    "emailClaimedUntil" TIMESTAMP(3),
    "emailAttempts" INTEGER NOT NULL DEFAULT 0,
    "emailedAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_emailDueAt_idx" ON "Notification"("emailDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_kind_subjectId_occasion_key" ON "Notification"("userId", "kind", "subjectId", "occasion");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


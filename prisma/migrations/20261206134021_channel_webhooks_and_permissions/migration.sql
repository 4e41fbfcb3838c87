-- CreateEnum
CREATE TYPE "WebhookSubscriptionStatus" AS ENUM ('subscribed', 'unsubscribed', 'failed');

-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "grantedPermissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "permissionsCheckedAt" TIMESTAMP(3),
ADD COLUMN     "webhookCheckedAt" TIMESTAMP(3),
ADD COLUMN     "webhookError" TEXT,
ADD COLUMN     "webhookFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "webhookStatus" "WebhookSubscriptionStatus";


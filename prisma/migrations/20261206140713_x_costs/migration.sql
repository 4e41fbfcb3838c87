-- CreateEnum
CREATE TYPE "XLinkPlacement" AS ENUM ('in_post', 'reply', 'omit');

-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "monthlySpendBudgetCents" INTEGER;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "xLinkPlacement" "XLinkPlacement" NOT NULL DEFAULT 'in_post';

-- CreateTable
CREATE TABLE "PlatformPrice" (
    "item" TEXT NOT NULL,
    "unitPriceMicros" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" UUID,

    CONSTRAINT "PlatformPrice_pkey" PRIMARY KEY ("item")
);

-- CreateTable
CREATE TABLE "PlatformCharge" (
    "channelId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PlatformCharge_pkey" PRIMARY KEY ("channelId","month","item")
);

-- CreateTable
CREATE TABLE "PlatformReadLedger" (
    "channelId" UUID NOT NULL,
    "day" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,

    CONSTRAINT "PlatformReadLedger_pkey" PRIMARY KEY ("channelId","day","item","resourceId")
);

-- CreateIndex
CREATE INDEX "PlatformReadLedger_day_idx" ON "PlatformReadLedger"("day");


-- X's pay-per-use list prices when this was written (https://docs.x.com/x-api/getting-started/pricing),
-- in millionths of a US dollar; admins change them in Siar when X does.
INSERT INTO "PlatformPrice" ("item", "unitPriceMicros") VALUES
    ('x.post_read', 5000),
    ('x.owned_read', 1000),
    ('x.user_read', 10000),
    ('x.post_create', 15000),
    ('x.post_create_url', 200000);

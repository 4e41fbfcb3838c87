-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "monthlyRequestBudget" INTEGER;

-- CreateTable
CREATE TABLE "ChannelPoll" (
    "channelId" UUID NOT NULL,
    "stream" TEXT NOT NULL,
    "cursor" TEXT,
    "lastPolledAt" TIMESTAMP(3),
    "nextPollAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,

    CONSTRAINT "ChannelPoll_pkey" PRIMARY KEY ("channelId","stream")
);

-- CreateTable
CREATE TABLE "PlatformRequestCount" (
    "channelId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PlatformRequestCount_pkey" PRIMARY KEY ("channelId","month","endpoint")
);


-- A channel's deliveries published lately, newest first: what the inbox poller (every minute or
-- so per channel) and the engagement refresh read. With the channel and status alone the index
-- led to every published delivery of the channel, each fetched to check its date: about 0.3 s on
-- 50,000 posts, a spike in every other request served meanwhile.
-- DropIndex
DROP INDEX "Delivery_channelId_status_idx";

-- CreateIndex
CREATE INDEX "Delivery_channelId_status_publishedAt_idx" ON "Delivery"("channelId", "status", "publishedAt" DESC);


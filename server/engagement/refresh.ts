/**
 * Reads engagement (reactions, comments, shares, views) of our recent posts from the platforms
 * and keeps the latest counts per delivery for the dashboard. A failure is recorded on the
 * deliveries it concerns, whose earlier counts stay; it never stops the other channels.
 */
import { ChannelError, type EngagementBatch } from "@server/channels/adapter.js";
import { adapterFor } from "@server/channels/index.js";
import { withFreshXToken } from "@server/channels/oauth/xTokens.js";
import { markChannelNeedsReconnect } from "@server/channels/connectionStatus.js";
import { withdrawnInsightsMetrics } from "@server/channels/engagement.js";
import type { Channel } from "@server/db/generated/client.js";
import { ENGAGEMENT_REFRESH_LOCK_KEY, ifAdvisoryLockFree } from "@server/db/locks.js";
import {
  recordPlatformCharges,
  recordPlatformRequests,
  requestBudgetLeft,
  spendState,
} from "@server/channels/platformUsage.js";
import type { Services } from "@server/services.js";

const DAY_MS = 86_400_000;
const ERROR_MESSAGE_MAX = 500;

export type EngagementRefreshResult = { read: number; failed: number };

export class EngagementRefresher {
  constructor(
    private readonly services: Services,
    /** Posts published this many days back are refreshed; older counts stay as last read. */
    private readonly recentDays: number,
  ) {}

  /**
   * One round over every connected channel whose platform reports engagement; null when another
   * process is already at it (one at a time, so no platform request, which X bills, is made twice).
   */
  refreshAll(now = new Date()): Promise<EngagementRefreshResult | null> {
    return ifAdvisoryLockFree(this.services.db, ENGAGEMENT_REFRESH_LOCK_KEY, () => this.refreshChannels(now));
  }

  /** Withdrawn metrics already reported in the log by this process. */
  private readonly reportedWithdrawals = new Set<string>();

  private async refreshChannels(now: Date): Promise<EngagementRefreshResult> {
    const channels = await this.services.prisma.channel.findMany({
      where: { status: "connected" },
      orderBy: { createdAt: "asc" },
    });
    const total: EngagementRefreshResult = { read: 0, failed: 0 };
    for (const channel of channels.filter((candidate) => adapterFor(candidate.kind).fetchEngagement)) {
      try {
        const result = await this.refreshChannel(channel, now);
        total.read += result.read;
        total.failed += result.failed;
      } catch (error) {
        this.services.logger.error({ err: error, channelId: channel.id }, "engagement refresh of a channel failed");
      }
    }
    this.reportWithdrawnMetrics();
    return total;
  }

  /** Newest posts first, so that a budget or rate limit that cuts the round short leaves the oldest. */
  private async refreshChannel(channel: Channel, now: Date): Promise<EngagementRefreshResult> {
    const { prisma } = this.services;
    const deliveries = await prisma.delivery.findMany({
      where: {
        channelId: channel.id,
        status: "published",
        remoteId: { not: null },
        publishedAt: { gte: new Date(now.getTime() - this.recentDays * DAY_MS) },
      },
      select: { id: true, remoteId: true },
      orderBy: { publishedAt: "desc" },
    });
    if (deliveries.length === 0) return { read: 0, failed: 0 };
    const left = await requestBudgetLeft(prisma, channel, now);
    // A spent budget (requests, or X's money) is the inbox poller's to report; engagement simply waits for next month.
    if (left !== null && left <= 0) return { read: 0, failed: 0 };
    if (channel.kind === "x" && (await spendState(prisma, channel, now)).state === "budget_spent")
      return { read: 0, failed: 0 };
    const remoteIds = deliveries.map((delivery) => delivery.remoteId!);
    const batch = await this.fetch(channel, remoteIds, left);
    await recordPlatformRequests(prisma, channel.id, batch.requests, now);
    await recordPlatformCharges(prisma, channel.id, batch.charges, now);

    for (const delivery of deliveries) {
      const counts = batch.counts.get(delivery.remoteId!);
      const failure = batch.failures.get(delivery.remoteId!);
      if (counts) {
        const fields = { ...counts, fetchedAt: now, lastErrorCode: null, lastErrorMessage: null, lastErrorAt: null };
        await prisma.deliveryEngagement.upsert({
          where: { deliveryId: delivery.id },
          create: { deliveryId: delivery.id, ...fields },
          // Views the platform did not report this time (a withdrawn metric, insights unavailable) stay as last read.
          update: { ...fields, views: counts.views ?? undefined },
        });
      } else if (failure) {
        const fields = {
          lastErrorCode: failure.code,
          lastErrorMessage: failure.message.slice(0, ERROR_MESSAGE_MAX),
          lastErrorAt: now,
        };
        await prisma.deliveryEngagement.upsert({
          where: { deliveryId: delivery.id },
          create: { deliveryId: delivery.id, ...fields },
          update: fields,
        });
      }
    }
    const reconnect = [...batch.failures.values()].find((failure) => failure.failure === "reconnect");
    if (reconnect) await markChannelNeedsReconnect(this.services, channel.id, reconnect.message);
    return { read: batch.counts.size, failed: batch.failures.size };
  }

  /** Once per metric and process: the counts it gave stay as last read, and it is asked for again only daily. */
  private reportWithdrawnMetrics(): void {
    for (const metric of withdrawnInsightsMetrics()) {
      if (this.reportedWithdrawals.has(metric)) continue;
      this.reportedWithdrawals.add(metric);
      this.services.logger.warn(
        { metric },
        "Graph no longer answers this insights metric; views keep their last counts (see META_GRAPH_API_VERSION in the README)",
      );
    }
  }

  /** A failure of the whole fetch (an expired X token that cannot be renewed) is every post's failure. */
  private async fetch(channel: Channel, remoteIds: string[], left: number | null): Promise<EngagementBatch> {
    const fetchEngagement = adapterFor(channel.kind).fetchEngagement!;
    try {
      return await withFreshXToken(this.services, channel, (target) =>
        fetchEngagement(target, remoteIds, left !== null ? { maxRequests: left } : {}),
      );
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      return { counts: new Map(), failures: new Map(remoteIds.map((id) => [id, error])), requests: [] };
    }
  }
}

/**
 * Polling the platforms for citizens' messages: X mentions (X has no webhook for them), and
 * Facebook/Instagram comments and Page messages as the fallback that catches up on what
 * webhooks missed while Siar was down. Filing dedupes by platform id, so overlap is harmless.
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import { ChannelError, type IncomingBatch, type IncomingMessage, type InboxStream } from "@server/channels/adapter.js";
import { adapterFor } from "@server/channels/index.js";
import {
  recordPlatformCharges,
  recordPlatformRequests,
  requestBudgetLeft,
  spendState,
  startOfNextMonth,
} from "@server/channels/platformUsage.js";
import { withFreshXToken } from "@server/channels/oauth/xTokens.js";
import { markChannelNeedsReconnect } from "@server/channels/connectionStatus.js";
import type { Channel } from "@server/db/generated/client.js";
import type { ChannelKind } from "@server/db/generated/enums.js";
import type { Services } from "@server/services.js";
import { failureOf, keepMessageDeadLetter } from "./deadLetters.js";
import { storeIncoming } from "./ingest.js";

/** What is polled on each kind of channel. */
export const POLLED_STREAMS: Partial<Record<ChannelKind, InboxStream[]>> = {
  facebook: ["comments", "messages"],
  instagram: ["comments"],
  x: ["mentions"],
};

export const BUDGET_EXHAUSTED = "budget exhausted";

export type InboxPollerOptions = {
  /** Shortest wait between two polls of X mentions; a monthly budget can make it longer. */
  xMinIntervalMs?: number;
  /** Wait between two polls of a Facebook or Instagram stream, where webhooks bring the rest. */
  metaIntervalMs?: number;
  /** Comments are read under our posts published this many days back. */
  recentPostDays?: number;
  /** How long a claimed poll stays claimed; a process that dies mid-poll leaves it to another after this. */
  leaseMs?: number;
};

/**
 * Two minutes between mention polls: X bills every mention a poll returns and the money budget
 * should last the month, while its rate limit (300 requests per 15 minutes per user,
 * https://docs.x.com/x-api/fundamentals/rate-limits) is far off.
 */
const DEFAULTS: Required<InboxPollerOptions> = {
  xMinIntervalMs: 2 * 60_000,
  metaIntervalMs: 5 * 60_000,
  recentPostDays: 14,
  leaseMs: 2 * 60_000,
};

type ClaimedPoll = { channelId: string; stream: string; cursor: string | null };

/**
 * Runs due polls. Each round claims due ChannelPoll rows with SKIP LOCKED, moving their
 * nextPollAt a lease ahead, so several processes share the polls and none is run twice at once.
 */
export class InboxPoller {
  private readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private readonly options: Required<InboxPollerOptions>;

  constructor(
    private readonly services: Services,
    options: InboxPollerOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** One round; returns how many polls ran. A later `dueBy` polls ahead of time (tests, a manual "poll now"). */
  async pollDue(options: { limit?: number; dueBy?: Date } = {}): Promise<number> {
    await this.ensurePolls();
    const claimed = await this.claimDue(options.limit ?? 20, options.dueBy ?? new Date());
    for (const poll of claimed) await this.poll(poll);
    return claimed.length;
  }

  /** Every connected channel that has an inbox gets a poll row per stream, due at once. */
  private async ensurePolls(): Promise<void> {
    const { prisma } = this.services;
    const channels = await prisma.channel.findMany({
      where: { status: "connected", kind: { in: Object.keys(POLLED_STREAMS) as ChannelKind[] } },
      select: { id: true, kind: true },
    });
    const rows = channels.flatMap((channel) =>
      (POLLED_STREAMS[channel.kind] ?? []).map((stream) => ({ channelId: channel.id, stream })),
    );
    if (rows.length) await prisma.channelPoll.createMany({ data: rows, skipDuplicates: true });
  }

  private claimDue(limit: number, dueBy: Date): Promise<ClaimedPoll[]> {
    const leaseUntil = new Date(Date.now() + this.options.leaseMs);
    return this.services.prisma.$queryRaw<ClaimedPoll[]>`
      WITH due AS (
        SELECT p."channelId", p."stream" FROM "ChannelPoll" p JOIN "Channel" c ON c."id" = p."channelId"
        WHERE p."nextPollAt" <= ${dueBy} AND c."status" = 'connected'
        ORDER BY p."nextPollAt" LIMIT ${limit} FOR UPDATE OF p SKIP LOCKED)
      UPDATE "ChannelPoll" SET "nextPollAt" = ${leaseUntil}
      FROM due WHERE "ChannelPoll"."channelId" = due."channelId" AND "ChannelPoll"."stream" = due."stream"
      RETURNING "ChannelPoll"."channelId"::text AS "channelId", "ChannelPoll"."stream", "ChannelPoll"."cursor"`;
  }

  private async poll(claimed: ClaimedPoll): Promise<void> {
    const { prisma, logger } = this.services;
    const key = { channelId_stream: { channelId: claimed.channelId, stream: claimed.stream } };
    const channel = await prisma.channel.findUniqueOrThrow({ where: { id: claimed.channelId } });
    const stream = claimed.stream as InboxStream;
    const now = new Date();
    // Facebook's two streams may be polled by two processes at once and overspend by one poll;
    // X, the platform that bills, has one stream per channel, whose claim is exclusive.
    const left = await requestBudgetLeft(prisma, channel, now);
    // X bills what it returns: a money budget spent stops polling until next month, as a request budget does.
    const moneySpent = channel.kind === "x" && (await spendState(prisma, channel, now)).state === "budget_spent";
    if ((left !== null && left <= 0) || moneySpent) {
      await prisma.channelPoll.update({
        where: key,
        data: { nextPollAt: startOfNextMonth(now), lastError: BUDGET_EXHAUSTED },
      });
      return;
    }
    try {
      const fetchIncoming = adapterFor(channel.kind).fetchIncoming;
      if (!fetchIncoming) throw new Error(`${channel.kind} channels have no inbox to poll`);
      const recentPostIds = stream === "mentions" ? [] : await this.recentPostIds(channel.id, now);
      // Comments live under our posts: with none published lately there is nothing to ask for.
      const batch: IncomingBatch =
        stream === "comments" && recentPostIds.length === 0
          ? { messages: [], cursor: claimed.cursor, requests: [] }
          : await withFreshXToken(this.services, channel, (target) =>
              fetchIncoming(target, stream, claimed.cursor, {
                recentPostIds,
                ...(left !== null ? { maxRequests: left } : {}),
              }),
            );
      await recordPlatformRequests(prisma, channel.id, batch.requests, now);
      await recordPlatformCharges(prisma, channel.id, batch.charges, now);
      // Filed before the cursor moves: a crash in between re-reads, and filing dedupes.
      for (const message of batch.messages) await this.file(channel, stream, message);
      const spent = batch.requests.reduce((sum, request) => sum + request.count, 0);
      const stillLeft = left === null ? null : left - spent;
      const nextPollAt =
        stillLeft !== null && stillLeft <= 0
          ? startOfNextMonth(now)
          : this.nextPollAfter(channel.kind, now, spent, stillLeft, batch.retryAt);
      await prisma.channelPoll.update({
        where: key,
        data: {
          cursor: batch.cursor,
          lastPolledAt: now,
          nextPollAt,
          lastError: stillLeft !== null && stillLeft <= 0 ? BUDGET_EXHAUSTED : null,
        },
      });
    } catch (error) {
      logger.warn(
        {
          channelId: channel.id,
          stream,
          reason: error instanceof ChannelError ? error.code : failureOf(error).reason,
          owner: this.owner,
        },
        "inbox poll failed; will try again",
      );
      if (error instanceof ChannelError && error.failure === "reconnect")
        await markChannelNeedsReconnect(this.services, channel.id, error.message);
      const retryAt = error instanceof ChannelError ? error.retryAt : undefined;
      await prisma.channelPoll.update({
        where: key,
        data: {
          lastPolledAt: now,
          nextPollAt: this.nextPollAfter(channel.kind, now, 1, left, retryAt),
          lastError: error instanceof ChannelError ? error.message.slice(0, 500) : failureOf(error).reason,
        },
      });
    }
  }

  /**
   * Files one polled message. One the database refuses goes to the dead-letter list, so it holds
   * up neither the others nor the cursor (a stuck cursor would re-read, and X re-bill, the same page forever).
   * Only when even that cannot be written does the poll fail, and its page is read again.
   */
  private async file(channel: Channel, stream: InboxStream, message: IncomingMessage): Promise<void> {
    try {
      await storeIncoming(this.services, channel, message);
    } catch (error) {
      const { reason } = failureOf(error);
      this.services.logger.warn(
        { channelId: channel.id, stream, platformId: message.platformId, reason, owner: this.owner },
        "polled message could not be filed; kept in the dead-letter list",
      );
      await this.services.db.transaction((sql) =>
        keepMessageDeadLetter(sql, { origin: "poll", channelId: channel.id, stream, message, reason }),
      );
    }
  }

  /**
   * The budget is spread over the rest of the month: each request buys (seconds left in the
   * month / requests left) of waiting, never less than the minimum interval, never before a rate-limit reset.
   */
  private nextPollAfter(
    kind: ChannelKind,
    now: Date,
    spent: number,
    left: number | null,
    retryAt: Date | undefined,
  ): Date {
    const minimum = kind === "x" ? this.options.xMinIntervalMs : this.options.metaIntervalMs;
    const paced =
      left === null || left <= 0 ? 0 : (Math.max(1, spent) * (startOfNextMonth(now).getTime() - now.getTime())) / left;
    const next = now.getTime() + Math.max(minimum, paced);
    return new Date(Math.max(next, retryAt?.getTime() ?? 0));
  }

  /** Remote ids of what we published on the channel lately, newest first. */
  private async recentPostIds(channelId: string, now: Date): Promise<string[]> {
    const deliveries = await this.services.prisma.delivery.findMany({
      where: {
        channelId,
        status: "published",
        remoteId: { not: null },
        publishedAt: { gte: new Date(now.getTime() - this.options.recentPostDays * 86_400_000) },
      },
      select: { remoteId: true },
      orderBy: { publishedAt: "desc" },
    });
    return deliveries.map((delivery) => delivery.remoteId!);
  }
}

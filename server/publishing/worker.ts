import { randomBytes } from "node:crypto";
import os from "node:os";
import { recordAudit } from "../audit/record.js";
import { ChannelError, type RemotePost } from "../channels/adapter.js";
import { adapterFor } from "../channels/index.js";
import { withFreshXToken } from "../channels/oauth/xTokens.js";
import { markChannelNeedsReconnect } from "../commands/channels.js";
import type { Prisma } from "../db/client.js";
import { deliveryInclude, outgoingPost, type DeliveryWithPost } from "./outgoing.js";
import type { Services } from "../services.js";

export type WorkerOptions = {
  /** Deliveries sent at once; the work is mostly waiting on platforms, so this can be high. */
  concurrency?: number;
  /** How long a claim holds; longer than any platform call, so only a dead worker loses it. */
  leaseMs?: number;
  /** Attempts before a transiently failing delivery is given up. */
  maxAttempts?: number;
};

// Retry after 30 s, 1 min, 2 min, ... at most an hour, unless the platform names a time.
function backoff(attempts: number): Date {
  const delay = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return new Date(Date.now() + delay * (0.9 + Math.random() * 0.2));
}

/**
 * Publishes due deliveries. Several processes may run it against one PostgreSQL: each claims
 * rows with FOR UPDATE SKIP LOCKED and a lease, so no delivery is sent by two of them. A
 * delivery whose lease expired while in flight belonged to a worker that died mid-call; before
 * sending it again, the platform is asked whether the post already exists.
 */
export class PublishingWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly services: Services,
    options: WorkerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 32;
    this.leaseMs = options.leaseMs ?? 15 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /**
   * One round: reconcile orphaned deliveries, then send what is due until nothing is. A slot
   * that frees up claims the next delivery at once, and only as many rows are claimed as can
   * start now, so a crash orphans at most `concurrency` deliveries.
   */
  async tick(): Promise<number> {
    const orphans = await this.runPool("orphaned", (id) => this.reconcile(id));
    return orphans + (await this.runPool("due", (id) => this.deliver(id)));
  }

  private async runPool(which: "due" | "orphaned", work: (id: string) => Promise<void>): Promise<number> {
    const running = new Set<Promise<void>>();
    let handled = 0;
    for (;;) {
      const ids = running.size < this.concurrency ? await this.claim(which, this.concurrency - running.size) : [];
      for (const id of ids) {
        const job: Promise<void> = work(id)
          .catch((error: unknown) => this.services.logger.error({ err: error, deliveryId: id }, "delivery handling failed"))
          .finally(() => running.delete(job));
        running.add(job);
      }
      handled += ids.length;
      if (running.size === 0) return handled;
      await Promise.race(running);
    }
  }

  /** In the embedded mode one process owns the database: any in-flight delivery at start-up is an orphan. */
  async expireAllLeases(): Promise<void> {
    await this.services.prisma.delivery.updateMany({ where: { status: "in_flight" }, data: { leaseExpiresAt: new Date(0) } });
  }

  private async claim(which: "due" | "orphaned", limit: number): Promise<string[]> {
    const leaseUntil = new Date(Date.now() + this.leaseMs);
    const rows =
      which === "due"
        ? await this.services.prisma.$queryRaw<{ id: string }[]>`
            WITH due AS (
              SELECT d."id" FROM "Delivery" d JOIN "Post" p ON p."id" = d."postId"
              WHERE d."status" = 'pending' AND d."nextAttemptAt" <= now() AND p."status" IN ('scheduled', 'publishing')
              ORDER BY d."nextAttemptAt" LIMIT ${limit}
              FOR UPDATE OF d SKIP LOCKED)
            UPDATE "Delivery" SET "status" = 'in_flight', "leaseOwner" = ${this.id}, "leaseExpiresAt" = ${leaseUntil},
              "attempts" = "attempts" + 1, "attemptStartedAt" = now(), "updatedAt" = now()
            FROM due WHERE "Delivery"."id" = due."id" RETURNING "Delivery"."id"::text AS id`
        : await this.services.prisma.$queryRaw<{ id: string }[]>`
            WITH orphaned AS (
              SELECT "id" FROM "Delivery" WHERE "status" = 'in_flight' AND "leaseExpiresAt" < now()
              LIMIT ${limit} FOR UPDATE SKIP LOCKED)
            UPDATE "Delivery" SET "leaseOwner" = ${this.id}, "leaseExpiresAt" = ${leaseUntil}, "updatedAt" = now()
            FROM orphaned WHERE "Delivery"."id" = orphaned."id" RETURNING "Delivery"."id"::text AS id`;
    return rows.map((row) => row.id);
  }

  private async load(id: string): Promise<DeliveryWithPost> {
    return this.services.prisma.delivery.findUniqueOrThrow({ where: { id }, include: deliveryInclude });
  }

  private async deliver(id: string): Promise<void> {
    const delivery = await this.load(id);
    await this.markPostPublishing(delivery.postId);
    if (delivery.channel.status !== "connected") {
      await this.fail(delivery, "channel:not_connected", `The channel "${delivery.channel.name}" is not connected (${delivery.channel.statusReason ?? delivery.channel.status}).`);
      return;
    }
    try {
      const remote = await withFreshXToken(this.services, delivery.channel, (target) => adapterFor(delivery.channel.kind).publish(target, outgoingPost(this.services, delivery)));
      await this.succeed(delivery, remote);
    } catch (error) {
      await this.handleFailure(delivery, error);
    }
  }

  /** A worker died mid-publish: if the platform has the post, record it; otherwise send it again. */
  private async reconcile(id: string): Promise<void> {
    const delivery = await this.load(id);
    const since = new Date((delivery.attemptStartedAt ?? delivery.updatedAt).getTime() - 60_000);
    try {
      const found = await withFreshXToken(this.services, delivery.channel, (target) => adapterFor(delivery.channel.kind).findPublished(target, outgoingPost(this.services, delivery), since));
      if (found) {
        await this.succeed(delivery, found, "reconciled");
      } else {
        await this.services.prisma.delivery.updateMany({
          where: { id, leaseOwner: this.id },
          data: { status: "pending", nextAttemptAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
        });
      }
    } catch (error) {
      // Cannot tell yet: keep it in flight and ask again after a pause.
      await this.services.prisma.delivery.updateMany({
        where: { id, leaseOwner: this.id },
        data: { leaseExpiresAt: backoff(delivery.attempts), lastErrorMessage: error instanceof Error ? error.message : String(error) },
      });
    }
  }

  private async succeed(delivery: DeliveryWithPost, remote: RemotePost, how: "published" | "reconciled" = "published"): Promise<void> {
    await this.services.prisma.$transaction(async (tx) => {
      const { count } = await tx.delivery.updateMany({
        where: { id: delivery.id, status: "in_flight", leaseOwner: this.id },
        data: { status: "published", remoteId: remote.remoteId, remoteUrl: remote.remoteUrl, publishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null, lastErrorCode: null, lastErrorMessage: null },
      });
      if (count === 0) return;
      await this.refreshPostStatus(tx, delivery.postId);
      await recordAudit(tx, { actor: null, label: "system (publishing)" }, {
        action: `delivery.${how}`,
        targetType: "Post",
        targetId: delivery.postId,
        unitId: delivery.post.unitId,
        changes: { channel: delivery.channel.name, kind: delivery.channel.kind, remoteId: remote.remoteId, remoteUrl: remote.remoteUrl, attempts: delivery.attempts },
      });
    });
    this.services.events.emit("post.changed", { postId: delivery.postId });
  }

  private async handleFailure(delivery: DeliveryWithPost, error: unknown): Promise<void> {
    const failure = error instanceof ChannelError ? error : new ChannelError("transient", "siar:unexpected", error instanceof Error ? error.message : String(error));
    if (failure.failure === "reconnect") {
      await markChannelNeedsReconnect(this.services, delivery.channelId, failure.message);
    }
    if (failure.failure === "transient" && delivery.attempts < this.maxAttempts) {
      const later = backoff(delivery.attempts);
      const retryAt = failure.retryAt && failure.retryAt > later ? failure.retryAt : later;
      await this.services.prisma.delivery.updateMany({
        where: { id: delivery.id, status: "in_flight", leaseOwner: this.id },
        data: { status: "pending", nextAttemptAt: retryAt, leaseOwner: null, leaseExpiresAt: null, lastErrorCode: failure.code, lastErrorMessage: failure.message },
      });
      this.services.events.emit("post.changed", { postId: delivery.postId });
      return;
    }
    await this.fail(delivery, failure.code, failure.message);
  }

  private async fail(delivery: DeliveryWithPost, code: string, message: string): Promise<void> {
    await this.services.prisma.$transaction(async (tx) => {
      const { count } = await tx.delivery.updateMany({
        where: { id: delivery.id, status: "in_flight", leaseOwner: this.id },
        data: { status: "failed", leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null, lastErrorCode: code, lastErrorMessage: message },
      });
      if (count === 0) return;
      await this.refreshPostStatus(tx, delivery.postId);
      await recordAudit(tx, { actor: null, label: "system (publishing)" }, {
        action: "delivery.failed",
        targetType: "Post",
        targetId: delivery.postId,
        unitId: delivery.post.unitId,
        changes: { channel: delivery.channel.name, kind: delivery.channel.kind, code, message, attempts: delivery.attempts },
      });
    });
    this.services.events.emit("post.changed", { postId: delivery.postId });
  }

  private async markPostPublishing(postId: string): Promise<void> {
    const { count } = await this.services.prisma.post.updateMany({ where: { id: postId, status: "scheduled" }, data: { status: "publishing" } });
    if (count) this.services.events.emit("post.changed", { postId });
  }

  /**
   * The post's status follows its deliveries. It is updated in the transaction that records a
   * delivery's outcome, under a lock on the post row, so a crash cannot leave a finished post
   * "publishing" and two workers cannot race on it.
   */
  private async refreshPostStatus(tx: Prisma.TransactionClient, postId: string): Promise<void> {
    await tx.$queryRaw`SELECT "id" FROM "Post" WHERE "id" = ${postId}::uuid FOR UPDATE`;
    const deliveries = await tx.delivery.findMany({ where: { postId, status: { not: "cancelled" } }, select: { status: true, publishedAt: true } });
    if (!deliveries.every((d) => d.status === "published" || d.status === "failed")) return;
    const published = deliveries.filter((d) => d.status === "published");
    const status = published.length === deliveries.length ? "published" : published.length ? "partially_published" : "failed";
    const firstPublished = published.map((d) => d.publishedAt!).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    await tx.post.update({ where: { id: postId }, data: { status, publishedAt: firstPublished } });
  }
}

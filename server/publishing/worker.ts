import { randomBytes } from "node:crypto";
import os from "node:os";
import pLimit, { type LimitFunction } from "p-limit";
import { auditRow, type AuditEntry } from "@server/audit/record.js";
import { ChannelError, type FinalPublishStep, type RemotePost } from "@server/channels/adapter.js";
import { adapterFor } from "@server/channels/index.js";
import { withFreshXToken } from "@server/channels/oauth/xTokens.js";
import { markChannelNeedsReconnect } from "@server/channels/connectionStatus.js";
import { recordPlatformCharges } from "@server/channels/platformUsage.js";
import {
  claimOrphanedDeliveries,
  claimUpcomingDeliveries,
  recordDeliveryOutcomes,
  renewDeliveryLeases,
  startDeliveries,
} from "./deliveryQueries.js";
import { deliveryInclude, outgoingPost, type DeliveryWithPost } from "./outgoing.js";
import type { Services } from "@server/services.js";

export type WorkerOptions = {
  /** Deliveries prepared (or reconciled) at once; the work is mostly waiting on platforms, so this can be high. */
  concurrency?: number;
  /** Final calls at once: each is one short request, and many fall due at the same minute. */
  finalCallConcurrency?: number;
  /** How long an in-flight claim holds; longer than any platform call, so only a dead worker loses it. */
  leaseMs?: number;
  /**
   * How long before its time a delivery is prepared. X access tokens are refreshed when they
   * expire within REFRESH_MARGIN_MS (minutes), so a prepared token is still valid at its time.
   */
  prepareAheadMs?: number;
  /** How long a preparing claim holds unless renewed: a dead worker's preparations are redone this soon. */
  preparingLeaseMs?: number;
  /** Attempts before a transiently failing delivery is given up. */
  maxAttempts?: number;
};

/** Final calls are switched to in flight this many at a time, in one statement each. */
const START_BATCH = 500;
/** Links of published posts looked up at once (Instagram): a few, never competing with final calls. */
const PERMALINK_CONCURRENCY = 4;
const SYSTEM = { actor: null, label: "system (publishing)" };

// Retry after 30 s, 1 min, 2 min, ... at most an hour, unless the platform names a time.
function backoff(attempts: number): Date {
  const delay = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return new Date(Date.now() + delay * (0.9 + Math.random() * 0.2));
}

/** A delivery whose slow steps are done, waiting for its time. */
type Prepared = { delivery: DeliveryWithPost; dueAt: number; finalStep: FinalPublishStep; settle: () => void };

/**
 * The state a delivery leaves: published, failed, pending again for a retry, or in flight
 * until `retryAt` when the platform may have made the post without saying so; it is then
 * looked up before being sent again, as after a crash.
 */
type Outcome = { delivery: DeliveryWithPost; from: "pending" | "in_flight" } & (
  | { status: "published"; remote: RemotePost; at: Date; how: "published" | "reconciled" }
  | { status: "failed"; code: string; message: string }
  | { status: "pending" | "in_flight"; retryAt: Date; code: string; message: string }
);
/** An outcome that ends the delivery: it is audited and may finish its post. */
type FinalOutcome = Extract<Outcome, { status: "published" | "failed" }>;

/**
 * Publishes deliveries. Several processes may run it against one PostgreSQL; each claims rows
 * with FOR UPDATE SKIP LOCKED and a lease, so no delivery is sent by two of them.
 *
 * A delivery is claimed shortly before its time under a short "preparing" lease (status still
 * pending) while the slow steps that make nothing public run (media containers, uploads), then
 * switched to in flight at its time for the one final call. A worker that dies while preparing
 * leaves nothing to reconcile: its lease runs out and another worker prepares again. A delivery
 * whose lease expired while in flight belonged to a worker that died mid-call; before sending
 * it again, the platform is asked whether the post already exists.
 */
export class PublishingWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly prepareAheadMs: number;
  private readonly preparingLeaseMs: number;
  private readonly maxAttempts: number;
  private readonly finalCalls: LimitFunction;
  private readonly permalinkLookups = pLimit(PERMALINK_CONCURRENCY);
  /** Prepared deliveries by id, each waiting for its time under a renewed preparing lease. */
  private readonly held = new Map<string, Prepared>();
  private firingTimer: NodeJS.Timeout | undefined;
  private renewalTimer: NodeJS.Timeout | undefined;
  /** Outcomes waiting for the next write; each write records all that arrived during the one before. */
  private unwritten: Outcome[] = [];
  private nextWrite: Promise<void> | null = null;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    options: WorkerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 64;
    this.leaseMs = options.leaseMs ?? 15 * 60_000;
    this.prepareAheadMs = options.prepareAheadMs ?? 60_000;
    this.preparingLeaseMs = options.preparingLeaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.finalCalls = pLimit(options.finalCallConcurrency ?? 256);
  }

  /**
   * One round: reconcile orphaned deliveries, then prepare what falls due within the horizon
   * until nothing is left. What is already due is sent before the round ends; the rest goes out
   * at its time. A slot that frees up claims the next delivery at once, and only as many rows
   * are claimed as can be prepared now.
   */
  async tick(): Promise<number> {
    const orphans = await this.runPool(
      (limit) => this.claimOrphans(limit),
      (delivery) => this.reconcile(delivery),
    );
    const dueNow: Promise<void>[] = [];
    const prepared = await this.runPool(
      (limit) => this.claimUpcoming(limit),
      async (delivery) => {
        const sent = await this.prepare(delivery);
        if (sent) dueNow.push(sent.settled);
      },
    );
    await Promise.all(dueNow);
    return orphans + prepared;
  }

  /** Lets go of prepared deliveries so that another process can take them at once. */
  async stop(): Promise<void> {
    clearTimeout(this.firingTimer);
    this.stopRenewal();
    const ids = [...this.held.keys()];
    for (const prepared of this.held.values()) prepared.settle();
    this.held.clear();
    if (ids.length) await this.releasePreparingLeases(ids);
    await this.lastWrite;
  }

  private async runPool(
    claim: (limit: number) => Promise<string[]>,
    work: (delivery: DeliveryWithPost) => Promise<void>,
  ): Promise<number> {
    const running = new Set<Promise<void>>();
    let handled = 0;
    for (;;) {
      const ids = running.size < this.concurrency ? await claim(this.concurrency - running.size) : [];
      const deliveries = ids.length
        ? await this.services.prisma.delivery.findMany({ where: { id: { in: ids } }, include: deliveryInclude })
        : [];
      for (const delivery of deliveries) {
        const job: Promise<void> = work(delivery)
          .catch((error: unknown) =>
            this.services.logger.error({ err: error, deliveryId: delivery.id }, "delivery handling failed"),
          )
          .finally(() => running.delete(job));
        running.add(job);
      }
      handled += ids.length;
      if (running.size === 0) return handled;
      await Promise.race(running);
    }
  }

  /** In the embedded mode one process owns the database: any lease at start-up is a dead process's. */
  async expireAllLeases(): Promise<void> {
    await this.services.prisma.delivery.updateMany({
      where: { status: { in: ["pending", "in_flight"] }, leaseOwner: { not: null } },
      data: { leaseExpiresAt: new Date(0) },
    });
  }

  /** Pending deliveries due within the horizon that nobody is preparing, under a preparing lease. */
  private async claimUpcoming(limit: number): Promise<string[]> {
    const horizon = new Date(Date.now() + this.prepareAheadMs);
    const leaseUntil = new Date(Date.now() + this.preparingLeaseMs);
    return claimUpcomingDeliveries(this.services.prisma, { owner: this.id, horizon, leaseUntil, limit });
  }

  private async claimOrphans(limit: number): Promise<string[]> {
    const leaseUntil = new Date(Date.now() + this.leaseMs);
    return claimOrphanedDeliveries(this.services.prisma, { owner: this.id, leaseUntil, limit });
  }

  /** Runs the steps before the final call and holds the delivery for its time; for one already due, `settled` once it is sent (or let go). */
  private async prepare(delivery: DeliveryWithPost): Promise<{ settled: Promise<void> } | undefined> {
    const { channel } = delivery;
    if (channel.status !== "connected") {
      await this.record({
        delivery,
        from: "pending",
        status: "failed",
        code: "channel:not_connected",
        message: `The channel "${channel.name}" is not connected (${channel.statusReason ?? channel.status}).`,
      });
      return undefined;
    }
    try {
      const adapter = adapterFor(channel.kind);
      const post = outgoingPost(this.services, delivery);
      const finalStep = await withFreshXToken(
        this.services,
        channel,
        async (target): Promise<FinalPublishStep> =>
          adapter.prepare ? adapter.prepare(target, post) : () => adapter.publish(target, post),
      );
      const settled = this.hold(delivery, finalStep);
      return (delivery.nextAttemptAt?.getTime() ?? 0) <= Date.now() ? { settled } : undefined;
    } catch (error) {
      await this.handleFailure(delivery, "pending", error);
      return undefined;
    }
  }

  private hold(delivery: DeliveryWithPost, finalStep: FinalPublishStep): Promise<void> {
    return new Promise<void>((settle) => {
      this.held.set(delivery.id, { delivery, dueAt: delivery.nextAttemptAt?.getTime() ?? 0, finalStep, settle });
      this.scheduleFiring();
      this.renewalTimer ??= setInterval(() => {
        this.renewPreparingLeases().catch((error: unknown) =>
          this.services.logger.error({ err: error }, "renewing preparing leases failed"),
        );
      }, this.preparingLeaseMs / 3);
    });
  }

  private stopRenewal(): void {
    clearInterval(this.renewalTimer);
    this.renewalTimer = undefined;
  }

  /** One timer, for the earliest prepared delivery. */
  private scheduleFiring(): void {
    clearTimeout(this.firingTimer);
    if (this.held.size === 0) return;
    let next = Infinity;
    for (const prepared of this.held.values()) next = Math.min(next, prepared.dueAt);
    this.firingTimer = setTimeout(
      () => {
        this.fireDue().catch((error: unknown) =>
          this.services.logger.error({ err: error }, "sending prepared deliveries failed"),
        );
      },
      Math.max(0, next - Date.now()),
    );
  }

  private async fireDue(): Promise<void> {
    const now = Date.now();
    const due = [...this.held.values()].filter((prepared) => prepared.dueAt <= now);
    for (const prepared of due) this.held.delete(prepared.delivery.id);
    this.scheduleFiring();
    if (this.held.size === 0) this.stopRenewal();
    // Batches started side by side: sorted by post, so that they seldom wait on each other's post locks.
    due.sort((a, b) => a.delivery.postId.localeCompare(b.delivery.postId));
    const batches = Array.from({ length: Math.ceil(due.length / START_BATCH) }, (_, n) =>
      due.slice(n * START_BATCH, (n + 1) * START_BATCH),
    );
    await Promise.all(batches.map((batch) => this.fire(batch)));
  }

  /**
   * Switches prepared deliveries to in flight in one statement (and their posts to publishing),
   * then makes their final calls. One that was rescheduled, cancelled or taken over meanwhile is
   * let go instead.
   */
  private async fire(batch: Prepared[]): Promise<void> {
    const started = await this.startFinalCalls(batch.map((prepared) => prepared.delivery.id));
    const letGo = batch.filter((prepared) => !started.has(prepared.delivery.id));
    if (letGo.length) await this.releasePreparingLeases(letGo.map((prepared) => prepared.delivery.id));
    for (const prepared of letGo) prepared.settle();
    for (const prepared of batch) {
      const attempts = started.get(prepared.delivery.id);
      if (attempts !== undefined) void this.sendFinal(prepared, attempts);
    }
  }

  /**
   * The final call holds a slot only while it waits on the platform, not while its outcome is
   * written. If writing a success fails, the delivery stays in flight and is reconciled later.
   */
  private async sendFinal(prepared: Prepared, attempts: number): Promise<void> {
    const delivery = { ...prepared.delivery, attempts };
    try {
      const sent = await this.finalCalls(prepared.finalStep).then(
        (remote) => ({ remote, at: new Date() }),
        (error: unknown) => ({ error }),
      );
      if ("remote" in sent) {
        await this.record({
          delivery,
          from: "in_flight",
          status: "published",
          remote: sent.remote,
          at: sent.at,
          how: "published",
        });
        if (sent.remote.remoteUrl === null)
          void this.permalinkLookups(() => this.addPermalink(delivery, sent.remote.remoteId));
        await this.noteCharges(delivery, sent.remote);
      } else {
        await this.handleFailure(delivery, "in_flight", sent.error);
      }
    } catch (error) {
      this.services.logger.error({ err: error, deliveryId: delivery.id }, "recording a delivery failed");
    } finally {
      prepared.settle();
    }
  }

  /** What the platform bills for the post (X), counted against the channel's money budget; and what went wrong after it was made. */
  private async noteCharges(delivery: DeliveryWithPost, remote: RemotePost): Promise<void> {
    if (remote.warning)
      this.services.logger.warn({ deliveryId: delivery.id, reason: remote.warning }, "published, with a problem after");
    if (remote.charges)
      await recordPlatformCharges(this.services.prisma, delivery.channelId, remote.charges).catch((error: unknown) =>
        this.services.logger.error({ err: error, deliveryId: delivery.id }, "counting a publication's cost failed"),
      );
  }

  /** Fills in the link of a published post whose platform answered with its id only. */
  private async addPermalink(delivery: DeliveryWithPost, remoteId: string): Promise<void> {
    const { permalink } = adapterFor(delivery.channel.kind);
    if (!permalink) return;
    try {
      const remoteUrl = await withFreshXToken(this.services, delivery.channel, (target) => permalink(target, remoteId));
      if (!remoteUrl) return;
      const { count } = await this.services.prisma.delivery.updateMany({
        where: { id: delivery.id, remoteId, remoteUrl: null },
        data: { remoteUrl },
      });
      if (count) this.services.events.emit("post.changed", { postId: delivery.postId });
    } catch (error) {
      this.services.logger.warn({ err: error, deliveryId: delivery.id }, "reading the link of a published post failed");
    }
  }

  /** The deliveries that are still ours, still due and whose post still goes out, now in flight; with their attempt numbers. */
  private async startFinalCalls(ids: string[]): Promise<Map<string, number>> {
    const leaseUntil = new Date(Date.now() + this.leaseMs);
    const rows = await startDeliveries(this.services.prisma, { owner: this.id, ids, leaseUntil });
    for (const postId of new Set(rows.filter((row) => row.postNowPublishing).map((row) => row.postId)))
      this.services.events.emit("post.changed", { postId });
    return new Map(rows.map((row) => [row.id, row.attempts]));
  }

  private async releasePreparingLeases(ids: string[]): Promise<void> {
    await this.services.prisma.delivery.updateMany({
      where: { id: { in: ids }, status: "pending", leaseOwner: this.id },
      data: { leaseOwner: null, leaseExpiresAt: null },
    });
  }

  /** Keeps the held deliveries ours; one whose lease was taken away (rescheduled, cancelled) is dropped. */
  private async renewPreparingLeases(): Promise<void> {
    const ids = [...this.held.keys()];
    if (ids.length === 0) return;
    const leaseUntil = new Date(Date.now() + this.preparingLeaseMs);
    const renewed = new Set(await renewDeliveryLeases(this.services.prisma, { owner: this.id, ids, leaseUntil }));
    for (const id of ids) {
      const prepared = this.held.get(id);
      if (!prepared || renewed.has(id)) continue;
      this.held.delete(id);
      prepared.settle();
    }
    this.scheduleFiring();
  }

  /**
   * A worker died mid-publish, or the platform failed without saying whether it made the post:
   * if the platform has it, record it; otherwise send it again, or give up after the last attempt.
   */
  private async reconcile(delivery: DeliveryWithPost): Promise<void> {
    const since = new Date((delivery.attemptStartedAt ?? delivery.updatedAt).getTime() - 60_000);
    try {
      const found = await withFreshXToken(this.services, delivery.channel, (target) =>
        adapterFor(delivery.channel.kind).findPublished(target, outgoingPost(this.services, delivery), since),
      );
      if (found) {
        await this.record({
          delivery,
          from: "in_flight",
          status: "published",
          remote: found,
          at: new Date(),
          how: "reconciled",
        });
      } else if (delivery.attempts >= this.maxAttempts && delivery.lastErrorCode) {
        await this.record({
          delivery,
          from: "in_flight",
          status: "failed",
          code: delivery.lastErrorCode,
          message: delivery.lastErrorMessage ?? delivery.lastErrorCode,
        });
      } else {
        await this.services.prisma.delivery.updateMany({
          where: { id: delivery.id, leaseOwner: this.id },
          data: { status: "pending", nextAttemptAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
        });
      }
    } catch (error) {
      // Cannot tell yet: keep it in flight and ask again after a pause.
      await this.services.prisma.delivery.updateMany({
        where: { id: delivery.id, leaseOwner: this.id },
        data: {
          leaseExpiresAt: backoff(delivery.attempts),
          lastErrorMessage: error instanceof Error ? error.message : String(error),
        },
      });
    }
  }

  /** A failed preparation counts as an attempt, like a failed final call. */
  private async handleFailure(delivery: DeliveryWithPost, from: Outcome["from"], error: unknown): Promise<void> {
    const failure =
      error instanceof ChannelError
        ? error
        : new ChannelError("transient", "siar:unexpected", error instanceof Error ? error.message : String(error));
    if (failure.failure === "reconnect") {
      await markChannelNeedsReconnect(this.services, delivery.channelId, failure.message);
    }
    const attempts = delivery.attempts + (from === "pending" ? 1 : 0);
    const later = backoff(attempts);
    const retryAt = failure.retryAt && failure.retryAt > later ? failure.retryAt : later;
    if (failure.failure === "transient" && from === "in_flight" && failure.outcomeUnknown) {
      await this.record({ delivery, from, status: "in_flight", retryAt, code: failure.code, message: failure.message });
      return;
    }
    if (failure.failure === "transient" && attempts < this.maxAttempts) {
      await this.record({ delivery, from, status: "pending", retryAt, code: failure.code, message: failure.message });
      return;
    }
    await this.record({ delivery, from, status: "failed", code: failure.code, message: failure.message });
  }

  /** Queues an outcome for the next write; resolves once it is written. */
  private record(outcome: Outcome): Promise<void> {
    this.unwritten.push(outcome);
    if (!this.nextWrite) {
      const write = this.lastWrite.then(() => {
        const batch = this.unwritten;
        this.unwritten = [];
        this.nextWrite = null;
        return this.write(batch);
      });
      this.nextWrite = write;
      this.lastWrite = write.catch(() => {});
    }
    return this.nextWrite;
  }

  /**
   * Records many outcomes in one transaction of two statements. First the posts of finished
   * deliveries are locked, in id order, so two processes finishing deliveries of the same posts
   * wait for each other and never deadlock. Then one statement updates the deliveries that are
   * still ours in the state we left them, refreshes their posts' statuses and writes one audit
   * event per finished delivery; its snapshot is taken after the locks, so it counts what the
   * other process committed. A crash cannot leave a finished post "publishing".
   */
  private async write(batch: Outcome[]): Promise<void> {
    const rows = batch.map((outcome) => ({
      id: outcome.delivery.id,
      from: outcome.from,
      status: outcome.status,
      remoteId: outcome.status === "published" ? outcome.remote.remoteId : null,
      remoteUrl: outcome.status === "published" ? outcome.remote.remoteUrl : null,
      publishedAt: outcome.status === "published" ? outcome.at.toISOString() : null,
      nextAttemptAt: outcome.status === "pending" ? outcome.retryAt.toISOString() : null,
      leaseExpiresAt: outcome.status === "in_flight" ? outcome.retryAt.toISOString() : null,
      code: outcome.status === "published" ? null : outcome.code,
      message: outcome.status === "published" ? null : outcome.message,
    }));
    const finished = batch.filter(
      (outcome): outcome is FinalOutcome => outcome.status === "published" || outcome.status === "failed",
    );
    const audit = finished.map((outcome) => ({
      deliveryId: outcome.delivery.id,
      ...auditRow(SYSTEM, auditEntry(outcome)),
    }));
    const postIds = [...new Set(finished.map((outcome) => outcome.delivery.postId))];
    const updated = await recordDeliveryOutcomes(this.services.prisma, { owner: this.id, postIds, rows, audit });
    const recorded = new Set(updated.map((row) => row.id));
    for (const outcome of finished)
      if (recorded.has(outcome.delivery.id))
        this.services.prometheus.deliveries.inc({
          outcome: outcome.status,
          channel_kind: outcome.delivery.channel.kind,
        });
    for (const postId of new Set(updated.map((row) => row.postId)))
      this.services.events.emit("post.changed", { postId });
  }
}

/** The attempt counts as the update leaves it: a failed preparation is one more attempt. */
function auditEntry(outcome: FinalOutcome): AuditEntry {
  const { delivery } = outcome;
  const attempts = delivery.attempts + (outcome.from === "pending" ? 1 : 0);
  const channel = { channel: delivery.channel.name, kind: delivery.channel.kind };
  const base = { targetType: "Post", targetId: delivery.postId, unitId: delivery.post.unitId };
  return outcome.status === "published"
    ? {
        ...base,
        action: `delivery.${outcome.how}`,
        changes: { ...channel, remoteId: outcome.remote.remoteId, remoteUrl: outcome.remote.remoteUrl, attempts },
      }
    : {
        ...base,
        action: "delivery.failed",
        changes: { ...channel, code: outcome.code, message: outcome.message, attempts },
      };
}

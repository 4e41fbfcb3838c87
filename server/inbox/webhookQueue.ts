import os from "node:os";
import { randomBytes } from "node:crypto";
import type { Prisma } from "../db/client.js";
import type { Services } from "../services.js";
import { ArrivalDesk } from "./arrival.js";
import { fileMessages, type IncomingArrival } from "./ingest.js";
import { parseMetaWebhook } from "./metaWebhook.js";

/**
 * Receipts filed in one transaction: enough to amortise each statement, yet a batch of deliveries
 * carrying many comments each stays short (measured with 1–20 comments a delivery: 200 filed a
 * burst faster than 100 or 500). Triage yields between slices, so acknowledgements go on meanwhile.
 */
const FILING_BATCH = 200;
/** Batches filed at the same time by one process. */
const FILING_LOOPS = 2;
/** Bodies written by one INSERT when many callbacks arrive at once. */
const KEEPING_BATCH = 1000;
const MAX_ATTEMPTS = 10;
/** After a failed attempt a receipt waits this long, doubled per attempt, before the next. */
const RETRY_BASE_MS = 1000;
const FILING_TIMEOUT_MS = 60_000;

type Waiting = { source: string; body: string; done: (error?: unknown) => void };

/**
 * Keeps verified callbacks before they are acknowledged: once `keep` resolves, the body is
 * committed and cannot be lost. Callbacks arriving while an INSERT runs wait for the next one,
 * which writes them all, so a burst costs one commit per round instead of one per request.
 */
export class WebhookReceiver {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly services: Services) {}

  keep(source: "meta", body: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ source, body, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const round = this.waiting.splice(0, KEEPING_BATCH);
      try {
        await this.services.prisma.$executeRaw`
          INSERT INTO "WebhookReceipt" ("source", "body")
          SELECT * FROM unnest(${round.map((w) => w.source)}::text[], ${round.map((w) => w.body)}::text[])`;
        for (const waiting of round) waiting.done();
        this.services.events.emit("inbox.webhookKept", {});
      } catch (error) {
        for (const waiting of round) waiting.done(error);
      }
    }
    this.writing = false;
  }
}

/** Counts refused callbacks per source and day, for the admins' view of webhook health. */
export async function countRejectedWebhook(services: Services, source: string): Promise<void> {
  const day = new Date(new Date().toISOString().slice(0, 10));
  await services.prisma.$executeRaw`
    INSERT INTO "WebhookRejection" ("source", "day", "count") VALUES (${source}, ${day}, 1)
    ON CONFLICT ("source", "day") DO UPDATE SET "count" = "WebhookRejection"."count" + 1`;
}

type Receipt = { id: bigint; body: string };
/** What a batch filed: the receipts and the new items, announced once the transaction has committed. */
type Filed = { receipts: number; items: { id: string }[] };

/**
 * Files the messages of kept callbacks in batches. A batch is claimed with FOR UPDATE SKIP
 * LOCKED and filed in the same transaction that marks its receipts processed, so several
 * processes share the queue, and a process that dies mid-way leaves the whole batch to the next.
 * Messages are triaged in memory while filed; a batch that fails is retried receipt by receipt,
 * so one bad callback cannot hold up the others.
 */
export class WebhookProcessor {
  private readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly services: Services,
    private readonly arrivals = new ArrivalDesk(services),
  ) {}

  /** Files everything waiting, in the background; nudges while that runs make it look once more. */
  nudge(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const fileUntilEmpty = async () => {
      while ((await this.processPending()) === FILING_BATCH);
    };
    this.running = (async () => {
      try {
        do {
          this.again = false;
          // Two batches at once: one is triaged while the other waits on the database.
          await Promise.all(Array.from({ length: FILING_LOOPS }, fileUntilEmpty));
        } while (this.again);
      } catch (error) {
        this.services.logger.error({ err: error, owner: this.owner }, "webhook queue failed");
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Resolves when the background filing started by `nudge` has finished. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Files one batch of waiting receipts; returns how many were claimed. */
  async processPending(limit = FILING_BATCH): Promise<number> {
    let claimed: bigint[] = [];
    try {
      const filed = await this.fileBatch(limit, null, (ids) => (claimed = ids));
      this.announce(filed.items);
      return filed.receipts;
    } catch (error) {
      this.services.logger.warn({ err: error, receipts: claimed.length, owner: this.owner }, "webhook batch could not be filed; filing its receipts one by one");
    }
    for (const id of claimed) {
      try {
        this.announce((await this.fileBatch(1, id, () => {})).items);
      } catch (error) {
        this.services.logger.warn({ err: error, receipt: String(id), owner: this.owner }, "webhook could not be filed; will retry");
        await this.services.prisma.$executeRaw`
          UPDATE "WebhookReceipt" SET "attempts" = "attempts" + 1, "lastError" = ${error instanceof Error ? error.message : String(error)},
            "leaseUntil" = now() + ${RETRY_BASE_MS}::int * interval '1 millisecond' * power(2, "attempts")
          WHERE "id" = ${id}`;
      }
    }
    return claimed.length;
  }

  /** Claims up to `limit` receipts (or the one given), files them and marks them processed, in one transaction. */
  private async fileBatch(limit: number, onlyId: bigint | null, onClaimed: (ids: bigint[]) => void): Promise<Filed> {
    // Read (or refresh) the cached rules before the transaction: PGlite has a single connection.
    const decide = await this.arrivals.decider();
    return this.services.prisma.$transaction(
      async (tx) => {
        const receipts = await tx.$queryRaw<Receipt[]>`
          SELECT "id", "body" FROM "WebhookReceipt"
          WHERE "processedAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < now()) AND "attempts" < ${MAX_ATTEMPTS}
            AND (${onlyId}::bigint IS NULL OR "id" = ${onlyId}::bigint)
          ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
        onClaimed(receipts.map((receipt) => receipt.id));
        if (receipts.length === 0) return { receipts: 0, items: [] };
        // Losing this commit in a crash only means filing the batch again: its receipts stay unprocessed with it.
        await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
        const { arrivals, malformed } = await this.readReceipts(tx, receipts);
        const items = await fileMessages(tx, arrivals, decide);
        const ids = receipts.map((receipt) => receipt.id);
        await tx.$executeRaw`UPDATE "WebhookReceipt" SET "processedAt" = now(), "leaseUntil" = NULL, "lastError" = NULL WHERE "id" = ANY(${ids}::bigint[])`;
        // A body that is not a Meta webhook will never become one: it is set aside with the reason, not retried.
        for (const { id, reason } of malformed) await tx.$executeRaw`UPDATE "WebhookReceipt" SET "lastError" = ${reason} WHERE "id" = ${id}`;
        return { receipts: receipts.length, items };
      },
      { timeout: FILING_TIMEOUT_MS },
    );
  }

  /** The comments in the receipts, each with the connected channel it was addressed to. */
  private async readReceipts(tx: Prisma.TransactionClient, receipts: Receipt[]) {
    const malformed: { id: bigint; reason: string }[] = [];
    const found = receipts.flatMap((receipt) => {
      try {
        return parseMetaWebhook(JSON.parse(receipt.body));
      } catch (error) {
        malformed.push({ id: receipt.id, reason: `malformed: ${error instanceof Error ? error.message.slice(0, 500) : String(error)}` });
        return [];
      }
    });
    const accounts = [...new Set(found.map(({ accountId }) => accountId))];
    const channels = accounts.length
      ? await tx.channel.findMany({ where: { kind: { in: ["facebook", "instagram"] }, externalId: { in: accounts } }, select: { id: true, unitId: true, kind: true, externalId: true }, orderBy: { createdAt: "asc" } })
      : [];
    const channelOf = new Map<string, IncomingArrival["channel"]>();
    for (const channel of channels) if (!channelOf.has(`${channel.kind}:${channel.externalId}`)) channelOf.set(`${channel.kind}:${channel.externalId}`, channel);
    // A callback for an account no unit has connected is acknowledged and dropped.
    const arrivals = found.flatMap(({ accountId, message }) => {
      const channel = channelOf.get(`${message.source === "instagram_comment" ? "instagram" : "facebook"}:${accountId}`);
      return channel ? [{ channel: { id: channel.id, unitId: channel.unitId }, message }] : [];
    });
    return { arrivals, malformed };
  }

  /** Realtime and the early-warning watch learn of each item once its batch has committed. */
  private announce(items: { id: string }[]): void {
    for (const item of items) this.services.events.emit("inbox.itemChanged", { itemId: item.id });
  }
}

import os from "node:os";
import { randomBytes } from "node:crypto";
import type { SqlTransaction } from "@server/db/client.js";
import type { Services } from "@server/services.js";
import { ArrivalDesk } from "./arrival.js";
import { failureOf, fileEachOnItsOwn, keepMessageDeadLetter, keepReceiptDeadLetter } from "./deadLetters.js";
import type { FiledItem, IncomingArrival } from "./ingest.js";
import { parseMetaWebhook } from "./metaWebhook.js";
import type { WhatsAppStatus } from "./whatsappWebhook.js";
import { recordWhatsAppStatuses } from "./whatsappStatuses.js";
import type { IncomingMessage } from "@server/channels/adapter.js";
import type { ChannelKind } from "@server/db/generated/enums.js";

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
export const MAX_ATTEMPTS = 10;
/** After a failed attempt a receipt waits this long, doubled per attempt, before the next. */
const RETRY_BASE_MS = 1000;

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
        // Committed on its own (synchronously, unlike filing) before any of these callbacks is acknowledged.
        // One JSON parameter: pg escapes a text[] parameter character by character, and Prisma would plan it at length.
        const connection = await this.services.db.connect();
        try {
          await connection.query(
            `INSERT INTO "WebhookReceipt" ("source", "body") SELECT "source", "body" FROM json_to_recordset($1::json) AS x("source" text, "body" text)`,
            [JSON.stringify(round.map(({ source, body }) => ({ source, body })))],
          );
        } finally {
          await connection.release();
        }
        for (const waiting of round) {
          waiting.done();
          this.services.prometheus.webhookReceipts.inc({ source: waiting.source });
        }
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

/** A kept callback; its bigint id as text, the same from PostgreSQL and PGlite. */
type Receipt = { id: string; body: string };
/** What a batch filed: the receipts and the new items, announced once the transaction has committed. */
type Filed = { receipts: number; items: FiledItem[] };
/** A comment to file and the receipt that brought it. */
type ReceiptArrival = IncomingArrival & { receiptId: string };

/**
 * Files the messages of kept callbacks in batches. A batch is claimed with FOR UPDATE SKIP
 * LOCKED and filed in the same transaction that marks its receipts processed, so several
 * processes share the queue, and a process that dies mid-way leaves the whole batch to the next.
 * Messages are triaged in memory while filed. When the batch as a whole fails, its messages are
 * filed one by one under savepoints in the same transaction, still holding the claim: each files
 * on its own merits, one the database refuses goes to the dead-letter list, and a receipt whose
 * failure may pass (a lock, a deadlock) is retried later, counted once per backoff step.
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
        this.services.logger.error({ reason: failureOf(error).reason, owner: this.owner }, "webhook queue failed");
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
    let claimed: string[] = [];
    try {
      const filed = await this.fileBatch(limit, (ids) => (claimed = ids));
      this.announce(filed.items);
      return filed.receipts;
    } catch (error) {
      // The transaction itself failed (connection, commit): nothing was filed, and the claim is gone.
      const { reason } = failureOf(error);
      this.services.logger.warn(
        { receipts: claimed.length, reason, owner: this.owner },
        "webhook batch could not be filed; will retry",
      );
      if (claimed.length > 0) await this.postpone(claimed, reason);
      return claimed.length;
    }
  }

  /**
   * Counts a failed attempt for receipts whose transaction was rolled back, only for those no loop
   * has leased since: each backoff step costs a receipt one attempt, however many loops saw it fail.
   */
  private async postpone(ids: string[], reason: string): Promise<void> {
    await this.services.db.transaction((sql) =>
      sql.query(
        `UPDATE "WebhookReceipt" SET "attempts" = "attempts" + 1, "lastError" = $2,
          "leaseUntil" = now() + $3::int * interval '1 millisecond' * power(2, "attempts")
        WHERE "id" IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) AND "processedAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < now())`,
        [JSON.stringify(ids), reason, RETRY_BASE_MS],
      ),
    );
  }

  /** Claims up to `limit` receipts, files them and marks them processed (or leased for a retry), in one transaction. */
  private async fileBatch(limit: number, onClaimed: (ids: string[]) => void): Promise<Filed> {
    // Read (or refresh) the cached rules before the transaction: PGlite has a single connection.
    const decide = await this.arrivals.decider();
    return this.services.db.transaction(async (sql) => {
      await this.giveUpExhausted(sql);
      const receipts = await sql.query<Receipt>(
        `SELECT "id"::text AS id, "body" FROM "WebhookReceipt"
        WHERE "processedAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < now()) AND "attempts" < $1
          AND "source" <> 'email' -- raw e-mails have their own filer (inbox/email/filing.ts)
        ORDER BY "id" LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [MAX_ATTEMPTS, limit],
      );
      onClaimed(receipts.map((receipt) => receipt.id));
      if (receipts.length === 0) return { receipts: 0, items: [] };
      // Losing this commit in a crash only means filing the batch again: its receipts stay unprocessed with it.
      // (The receipt itself was committed synchronously before its callback was acknowledged.)
      await sql.query(`SET LOCAL synchronous_commit = off`);
      const { arrivals, malformed, statuses } = await readMetaReceipts(sql, receipts);
      await recordWhatsAppStatuses(sql, statuses);
      const { items, failed } = await fileEachOnItsOwn(sql, arrivals, decide);
      const retryLater = new Map<string, string>();
      for (const { arrival, failure } of failed) {
        const ids = {
          receiptId: arrival.receiptId,
          channelId: arrival.channel.id,
          platformId: arrival.message.platformId,
        };
        this.services.logger.warn(
          { ...ids, reason: failure.reason, owner: this.owner },
          failure.transient
            ? "webhook comment could not be filed; will retry"
            : "webhook comment refused by the database; kept in the dead-letter list",
        );
        if (failure.transient) retryLater.set(arrival.receiptId, failure.reason);
        else
          await keepMessageDeadLetter(sql, {
            origin: "meta_webhook",
            channelId: arrival.channel.id,
            message: arrival.message,
            reason: failure.reason,
            receiptId: arrival.receiptId,
          });
      }
      // A body that is not a Meta webhook will never become one: it is set aside with the reason, not retried.
      const done = receipts.filter(({ id }) => !retryLater.has(id));
      await sql.query(
        `UPDATE "WebhookReceipt" AS r SET "processedAt" = now(), "leaseUntil" = NULL, "lastError" = x."lastError"
        FROM jsonb_to_recordset($1::jsonb) AS x("id" bigint, "lastError" text) WHERE r."id" = x."id"`,
        [JSON.stringify(done.map(({ id }) => ({ id, lastError: malformed.get(id) ?? null })))],
      );
      // Still claimed (row-locked) by this transaction, so no other loop counts the same failure: one attempt per backoff step.
      if (retryLater.size > 0) {
        await sql.query(
          `UPDATE "WebhookReceipt" AS r SET "attempts" = r."attempts" + 1, "lastError" = x."lastError",
            "leaseUntil" = now() + $2::int * interval '1 millisecond' * power(2, r."attempts")
          FROM jsonb_to_recordset($1::jsonb) AS x("id" bigint, "lastError" text) WHERE r."id" = x."id"`,
          [JSON.stringify([...retryLater].map(([id, lastError]) => ({ id, lastError }))), RETRY_BASE_MS],
        );
      }
      return { receipts: receipts.length, items };
    });
  }

  /** Receipts out of attempts go to the dead-letter list with their last reason, instead of waiting there unseen. */
  private async giveUpExhausted(sql: SqlTransaction): Promise<void> {
    const given = await sql.query<{ id: string; body: string; lastError: string | null }>(
      `UPDATE "WebhookReceipt" SET "processedAt" = now(), "leaseUntil" = NULL
      WHERE "id" IN (SELECT "id" FROM "WebhookReceipt" WHERE "processedAt" IS NULL AND "attempts" >= $1 AND "source" <> 'email' ORDER BY "id" LIMIT 100 FOR UPDATE SKIP LOCKED)
      RETURNING "id"::text AS id, "body", "lastError"`,
      [MAX_ATTEMPTS],
    );
    for (const receipt of given) {
      const reason = `given up after ${MAX_ATTEMPTS} attempts: ${receipt.lastError ?? "unknown"}`;
      this.services.logger.warn(
        { receiptId: receipt.id, reason, owner: this.owner },
        "webhook receipt given up; kept in the dead-letter list",
      );
      await keepReceiptDeadLetter(sql, { id: receipt.id, body: receipt.body, reason });
    }
  }

  /** Realtime, the early-warning watch and the emergency alerts learn of each item once its batch has committed. */
  private announce(items: FiledItem[]): void {
    for (const item of items) {
      this.services.events.emit("inbox.itemChanged", { itemId: item.id });
      if (item.decision?.fields.urgency === "darurat")
        this.services.events.emit("inbox.emergency", { itemId: item.id });
    }
    if (items.length > 0) this.services.events.emit("inbox.batchFiled", { itemIds: items.map((item) => item.id) });
    const whatsapp = items.filter((item) => item.source === "whatsapp_message").map((item) => item.id);
    if (whatsapp.length > 0) this.services.events.emit("inbox.whatsappFiled", { itemIds: whatsapp });
  }
}

/** The comments in the receipts, each with the connected channel it was addressed to, and why the malformed ones were set aside. */
export async function readMetaReceipts(
  sql: SqlTransaction,
  receipts: Receipt[],
): Promise<{ arrivals: ReceiptArrival[]; malformed: Map<string, string>; statuses: WhatsAppStatus[] }> {
  const malformed = new Map<string, string>();
  const statuses: WhatsAppStatus[] = [];
  const found = receipts.flatMap((receipt) => {
    try {
      const parsed = parseMetaWebhook(JSON.parse(receipt.body));
      statuses.push(...parsed.statuses);
      return parsed.messages.map((comment) => ({ ...comment, receiptId: receipt.id }));
    } catch (error) {
      // The class only: a parser's message may quote the body.
      malformed.set(receipt.id, `malformed: ${error instanceof Error ? error.name : typeof error}`);
      return [];
    }
  });
  const accounts = [...new Set(found.map(({ accountId }) => accountId))];
  const channels = accounts.length
    ? await sql.query<{ id: string; unitId: string; kind: string; externalId: string }>(
        `SELECT "id"::text AS id, "unitId"::text AS "unitId", "kind"::text AS kind, "externalId" FROM "Channel"
        WHERE "kind" IN ('facebook', 'instagram', 'whatsapp') AND "externalId" IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY "createdAt"`,
        [JSON.stringify(accounts)],
      )
    : [];
  const channelOf = new Map<string, IncomingArrival["channel"]>();
  for (const channel of channels)
    if (!channelOf.has(`${channel.kind}:${channel.externalId}`))
      channelOf.set(`${channel.kind}:${channel.externalId}`, channel);
  // A callback for an account no unit has connected is acknowledged and dropped.
  const arrivals = found.flatMap(({ accountId, message, receiptId }) => {
    const channel = channelOf.get(`${WEBHOOK_CHANNEL_KIND[message.source]}:${accountId}`);
    return channel ? [{ channel: { id: channel.id, unitId: channel.unitId }, message, receiptId }] : [];
  });
  return { arrivals, malformed, statuses };
}

/** The kind of channel each webhook source arrives on, keyed by the account id the webhook names. */
const WEBHOOK_CHANNEL_KIND: Record<IncomingMessage["source"], ChannelKind> = {
  facebook_comment: "facebook",
  facebook_message: "facebook",
  instagram_comment: "instagram",
  x_mention: "x",
  whatsapp_message: "whatsapp",
};

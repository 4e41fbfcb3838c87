import os from "node:os";
import { randomBytes } from "node:crypto";
import type { SqlTransaction } from "../db/client.js";
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
          await connection.query(`INSERT INTO "WebhookReceipt" ("source", "body") SELECT "source", "body" FROM json_to_recordset($1::json) AS x("source" text, "body" text)`, [
            JSON.stringify(round.map(({ source, body }) => ({ source, body }))),
          ]);
        } finally {
          await connection.release();
        }
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

/** A kept callback; its bigint id as text, the same from PostgreSQL and PGlite. */
type Receipt = { id: string; body: string };
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
    let claimed: string[] = [];
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
        this.services.logger.warn({ err: error, receipt: id, owner: this.owner }, "webhook could not be filed; will retry");
        await this.services.prisma.$executeRaw`
          UPDATE "WebhookReceipt" SET "attempts" = "attempts" + 1, "lastError" = ${error instanceof Error ? error.message : String(error)},
            "leaseUntil" = now() + ${RETRY_BASE_MS}::int * interval '1 millisecond' * power(2, "attempts")
          WHERE "id" = ${id}::bigint`;
      }
    }
    return claimed.length;
  }

  /** Claims up to `limit` receipts (or the one given), files them and marks them processed, in one transaction. */
  private async fileBatch(limit: number, onlyId: string | null, onClaimed: (ids: string[]) => void): Promise<Filed> {
    // Read (or refresh) the cached rules before the transaction: PGlite has a single connection.
    const decide = await this.arrivals.decider();
    return this.services.db.transaction(async (sql) => {
      const receipts = await sql.query<Receipt>(
        `SELECT "id"::text AS id, "body" FROM "WebhookReceipt"
        WHERE "processedAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < now()) AND "attempts" < $1
          AND ($2::bigint IS NULL OR "id" = $2::bigint)
        ORDER BY "id" LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [MAX_ATTEMPTS, onlyId, limit],
      );
      onClaimed(receipts.map((receipt) => receipt.id));
      if (receipts.length === 0) return { receipts: 0, items: [] };
      // Losing this commit in a crash only means filing the batch again: its receipts stay unprocessed with it.
      // (The receipt itself was committed synchronously before its callback was acknowledged.)
      await sql.query(`SET LOCAL synchronous_commit = off`);
      const { arrivals, malformed } = await this.readReceipts(sql, receipts);
      const items = await fileMessages(sql, arrivals, decide);
      // A body that is not a Meta webhook will never become one: it is set aside with the reason, not retried.
      await sql.query(
        `UPDATE "WebhookReceipt" AS r SET "processedAt" = now(), "leaseUntil" = NULL, "lastError" = x."lastError"
        FROM jsonb_to_recordset($1::jsonb) AS x("id" bigint, "lastError" text) WHERE r."id" = x."id"`,
        [JSON.stringify(receipts.map(({ id }) => ({ id, lastError: malformed.get(id) ?? null })))],
      );
      return { receipts: receipts.length, items };
    });
  }

  /** The comments in the receipts, each with the connected channel it was addressed to, and why the malformed ones were set aside. */
  private async readReceipts(sql: SqlTransaction, receipts: Receipt[]) {
    const malformed = new Map<string, string>();
    const found = receipts.flatMap((receipt) => {
      try {
        return parseMetaWebhook(JSON.parse(receipt.body));
      } catch (error) {
        malformed.set(receipt.id, `malformed: ${error instanceof Error ? error.message.slice(0, 500) : String(error)}`);
        return [];
      }
    });
    const accounts = [...new Set(found.map(({ accountId }) => accountId))];
    const channels = accounts.length
      ? await sql.query<{ id: string; unitId: string; kind: string; externalId: string }>(
          `SELECT "id"::text AS id, "unitId"::text AS "unitId", "kind"::text AS kind, "externalId" FROM "Channel"
          WHERE "kind" IN ('facebook', 'instagram') AND "externalId" IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY "createdAt"`,
          [JSON.stringify(accounts)],
        )
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

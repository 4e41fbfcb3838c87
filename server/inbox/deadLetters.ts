/**
 * What the inbox could not file is kept, not dropped: one citizen message the database refused
 * (from a webhook delivery or a poll), or a whole webhook receipt given up after its attempts.
 * Admins see the list and retry an entry through the same filing path (commands/inboxDeadLetters.ts).
 */
import type { IncomingMessage } from "@server/channels/adapter.js";
import type { SqlTransaction } from "@server/db/client.js";
import type { ArrivalDecision, Arrival } from "./arrival.js";
import { fileMessages, type FiledItem, type IncomingArrival } from "./ingest.js";

export type DeadLetterOrigin = "meta_webhook" | "poll";

/** SQLSTATE classes worth another attempt: connection, rollback (deadlock, serialization), resources, lock, operator. */
const TRANSIENT_CLASSES = new Set(["08", "40", "53", "55", "57", "58"]);
const KNOWN_CODES: Record<string, string> = {
  "22021": "invalid byte sequence",
  "22P05": "untranslatable character",
  "22P02": "invalid text representation",
  "22001": "value too long",
  "23502": "not-null violation",
  "23503": "foreign key violation",
  "23505": "unique violation",
  "23514": "check violation",
  "40001": "serialization failure",
  "40P01": "deadlock",
  "55P03": "lock not available",
};

export type Failure = { reason: string; transient: boolean };

/**
 * Why filing failed, in a few words fit for logs and for admins: the SQLSTATE and constraint,
 * or the error's class. Never the message, which may quote the citizen's text or the SQL parameters.
 */
export function failureOf(error: unknown): Failure {
  const fields = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; constraint?: unknown };
  const code = typeof fields.code === "string" ? fields.code : undefined;
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    const constraint = typeof fields.constraint === "string" ? ` on ${fields.constraint.slice(0, 63)}` : "";
    return {
      reason: `database error ${code}${KNOWN_CODES[code] ? ` (${KNOWN_CODES[code]})` : ""}${constraint}`,
      transient: TRANSIENT_CLASSES.has(code.slice(0, 2)),
    };
  }
  // Node's system errors (ECONNRESET, ETIMEDOUT...): the database went away for a moment.
  if (code && /^E[A-Z]+$/.test(code)) return { reason: `connection error ${code}`, transient: true };
  const name = error instanceof Error ? error.name : typeof error;
  return { reason: `failed: ${name.slice(0, 60)}`, transient: false };
}

type ArrivalDecider = (arrival: Arrival) => ArrivalDecision;

/**
 * Files the arrivals inside the caller's transaction, each on its own merits: all at once when
 * they can be, else one by one, each under a SAVEPOINT so one refused message rolls back alone.
 * The caller keeps its claim (row locks) throughout, so no other loop or process files them meanwhile.
 */
export async function fileEachOnItsOwn<A extends IncomingArrival>(
  sql: SqlTransaction,
  arrivals: A[],
  decide?: ArrivalDecider,
): Promise<{ items: FiledItem[]; failed: { arrival: A; failure: Failure }[] }> {
  if (arrivals.length === 0) return { items: [], failed: [] };
  await sql.query(`SAVEPOINT filing_all`);
  try {
    const items = await fileMessages(sql, arrivals, decide);
    await sql.query(`RELEASE SAVEPOINT filing_all`);
    return { items, failed: [] };
  } catch {
    await sql.query(`ROLLBACK TO SAVEPOINT filing_all`);
    await sql.query(`RELEASE SAVEPOINT filing_all`);
  }
  const items: FiledItem[] = [];
  const failed: { arrival: A; failure: Failure }[] = [];
  for (const arrival of arrivals) {
    await sql.query(`SAVEPOINT filing_one`);
    try {
      items.push(...(await fileMessages(sql, [arrival], decide)));
    } catch (error) {
      await sql.query(`ROLLBACK TO SAVEPOINT filing_one`);
      failed.push({ arrival, failure: failureOf(error) });
    }
    await sql.query(`RELEASE SAVEPOINT filing_one`);
  }
  return { items, failed };
}

/** Keeps (or, when it failed before, updates) the dead letter of one message the database refused. */
export async function keepMessageDeadLetter(
  sql: SqlTransaction,
  letter: {
    origin: DeadLetterOrigin;
    channelId: string;
    message: IncomingMessage;
    reason: string;
    stream?: string;
    receiptId?: string;
  },
): Promise<void> {
  const { message } = letter;
  await upsert(sql, {
    origin: letter.origin,
    payloadKind: "message",
    // Text, not jsonb: JSON.stringify writes NUL and lone surrogates as \u escapes, which text keeps.
    payload: JSON.stringify(message),
    key: `message:${letter.channelId}:${message.source}:${message.platformId}`,
    receiptId: letter.receiptId ?? null,
    channelId: letter.channelId,
    stream: letter.stream ?? null,
    source: message.source,
    platformId: message.platformId,
    reason: letter.reason,
  });
}

/** Keeps a webhook receipt given up after its attempts: its body is retried as a whole. */
export async function keepReceiptDeadLetter(
  sql: SqlTransaction,
  receipt: { id: string; body: string; reason: string },
): Promise<void> {
  await upsert(sql, {
    origin: "meta_webhook",
    payloadKind: "receipt",
    payload: receipt.body,
    key: `receipt:${receipt.id}`,
    receiptId: receipt.id,
    channelId: null,
    stream: null,
    source: null,
    platformId: null,
    reason: receipt.reason,
  });
}

async function upsert(sql: SqlTransaction, row: Record<string, string | null>): Promise<void> {
  // Times in UTC, as Prisma writes them, whatever the session's time zone.
  await sql.query(
    `INSERT INTO "InboxDeadLetter" ("id", "origin", "payloadKind", "payload", "key", "receiptId", "channelId", "stream", "source", "platformId", "reason", "createdAt", "lastFailedAt")
    VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::bigint, $6::uuid, $7, $8, $9, $10, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT ("key") DO UPDATE SET "payload" = EXCLUDED."payload", "reason" = EXCLUDED."reason", "attempts" = "InboxDeadLetter"."attempts" + 1,
      "lastFailedAt" = EXCLUDED."lastFailedAt", "resolution" = NULL, "resolvedAt" = NULL, "resolvedById" = NULL, "itemId" = NULL`,
    [
      row.origin,
      row.payloadKind,
      row.payload,
      row.key,
      row.receiptId,
      row.channelId,
      row.stream,
      row.source,
      row.platformId,
      (row.reason ?? "").slice(0, 200),
    ],
  );
}

/** The message a dead letter keeps, as the adapter built it. */
export function messageOfDeadLetter(payload: string): IncomingMessage {
  const message = JSON.parse(payload) as IncomingMessage & { sentAt: string };
  return { ...message, sentAt: new Date(message.sentAt) };
}

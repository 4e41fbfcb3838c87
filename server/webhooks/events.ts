/**
 * The events Siar sends to webhook endpoints, and the durable queue they go into: one
 * WebhookEvent and one WebhookDelivery per enabled endpoint subscribed to its type, written in
 * one statement (inside the transaction of the change where the caller has one). Payloads carry
 * ids, codes, times and links only: never a citizen's name, contact or message text.
 */
import type { Prisma } from "@server/db/client.js";

export const WEBHOOK_EVENT_TYPES = [
  "inbox.item.created",
  "inbox.item.triaged",
  "inbox.item.assigned",
  "inbox.item.status_changed",
  "inbox.item.emergency",
  "post.published",
  "post.failed",
  "ppid.request.created",
  "ppid.request.decided",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Anything that can run raw SQL: the Prisma client or one of its transactions. */
type Db = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Queues an event for every enabled endpoint that wants its type; nothing is stored when none
 * does. `dedupeKey`: an event announced after the fact may be announced twice (post.changed
 * fires on every change of a post, the catch-up looks again); the second is dropped.
 */
export async function queueWebhookEvent(
  db: Db,
  type: WebhookEventType,
  data: Record<string, unknown>,
  options: { dedupeKey?: string; now?: Date; registeredBy?: Date } = {},
): Promise<number> {
  const { dedupeKey, registeredBy, now } = options;
  return queueWebhookEvents(db, type, [{ data, dedupeKey, registeredBy }], now);
}

export type QueuedEvent = {
  data: Record<string, unknown>;
  dedupeKey?: string;
  /** Only endpoints registered by then get it (the catch-up, queueing a past change). */
  registeredBy?: Date;
};

/** queueWebhookEvent for several events of one type in one statement; returns how many deliveries were queued. */
export async function queueWebhookEvents(
  db: Db,
  type: WebhookEventType,
  events: QueuedEvent[],
  at = new Date(),
): Promise<number> {
  if (events.length === 0) return 0;
  const now = at.toISOString();
  const rows = JSON.stringify(
    events.map((event) => ({
      data: event.data,
      dedupeKey: event.dedupeKey ?? null,
      registeredBy: event.registeredBy?.toISOString() ?? null,
    })),
  );
  // Each event's id is drawn once (a CTE with a volatile function is materialised), so its
  // deliveries find it again, and the endpoints it may go to, without relying on the key.
  return db.$executeRaw`
    WITH input AS (
      SELECT gen_random_uuid() AS "id", r."data", r."dedupeKey", r."registeredBy"
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("data" jsonb, "dedupeKey" text, "registeredBy" timestamp(3))),
    targets AS (SELECT "id", "createdAt" FROM "WebhookEndpoint" WHERE "enabled" AND ${type} = ANY("events")),
    pairs AS (
      SELECT input."id" AS "eventId", targets."id" AS "endpointId" FROM input JOIN targets
        ON input."registeredBy" IS NULL OR targets."createdAt" <= input."registeredBy"),
    event AS (
      INSERT INTO "WebhookEvent" ("id", "type", "data", "dedupeKey", "createdAt")
      SELECT input."id", ${type}, input."data", input."dedupeKey", ${now}::timestamp(3) FROM input
      WHERE EXISTS (SELECT 1 FROM pairs WHERE pairs."eventId" = input."id")
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "id")
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid(), pairs."endpointId", event."id", ${now}::timestamp(3), ${now}::timestamp(3)
    FROM event JOIN pairs ON pairs."eventId" = event."id"`;
}

type ItemFields = {
  id: string;
  trackingNumber: string | null;
  source: string;
  status: string;
  kind: string | null;
  category: string | null;
  urgency: string | null;
  unitId: string | null;
  informedUnitId: string | null;
  placeUnitId: string | null;
  assigneeId: string | null;
  receivedAt: Date;
};

/** What every inbox event says of its item: ids, codes and times, and where staff open it. */
export function itemData(item: ItemFields, publicBaseUrl: string) {
  return {
    item: {
      id: item.id,
      trackingNumber: item.trackingNumber,
      source: item.source,
      status: item.status,
      kind: item.kind,
      category: item.category,
      urgency: item.urgency,
      unitId: item.unitId,
      informedUnitId: item.informedUnitId,
      placeUnitId: item.placeUnitId,
      assigneeId: item.assigneeId,
      receivedAt: item.receivedAt.toISOString(),
      url: `${publicBaseUrl}/app/inbox/${item.id}`,
    },
  };
}

/** The columns itemData reads, for queries that load an item for an event. */
export const itemDataSelect = {
  id: true,
  trackingNumber: true,
  source: true,
  status: true,
  kind: true,
  category: true,
  urgency: true,
  unitId: true,
  informedUnitId: true,
  placeUnitId: true,
  assigneeId: true,
  receivedAt: true,
} as const satisfies Prisma.InboxItemSelect;

type RequestFields = {
  id: string;
  registrationNumber: string;
  channel: string;
  status: string;
  unitId: string;
  receivedAt: Date;
  noticeDueOn: Date;
  decision: string | null;
  decidedAt: Date | null;
};

/** What a PPID event says of its request: number, unit, dates and decision; never the applicant. */
export function requestData(request: RequestFields, publicBaseUrl: string) {
  return {
    request: {
      id: request.id,
      registrationNumber: request.registrationNumber,
      channel: request.channel,
      status: request.status,
      unitId: request.unitId,
      receivedAt: request.receivedAt.toISOString(),
      noticeDueOn: request.noticeDueOn.toISOString().slice(0, 10),
      decision: request.decision,
      decidedAt: request.decidedAt?.toISOString() ?? null,
      url: `${publicBaseUrl}/app/ppid/requests/${request.id}`,
    },
  };
}

/** How long the delivery log keeps what is finished. */
export const LOG_DAYS = 30;

/**
 * Deletes finished deliveries (succeeded or failed) older than LOG_DAYS, and events left without
 * deliveries; what is still queued stays, however old.
 */
export async function pruneWebhookLog(prisma: Db, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - LOG_DAYS * 24 * 3600_000).toISOString();
  await prisma.$executeRaw`DELETE FROM "WebhookDelivery" WHERE "status" <> 'pending' AND "createdAt" < ${before}::timestamp(3)`;
  await prisma.$executeRaw`DELETE FROM "WebhookEvent" e WHERE e."createdAt" < ${before}::timestamp(3)
    AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = e."id")`;
}

import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "@server/channels/adapter.js";
import type { SqlTransaction } from "@server/db/client.js";
import type { Channel } from "@server/db/generated/client.js";
import type { InboxSource } from "@server/db/generated/enums.js";
import type { Services } from "@server/services.js";
import type { Arrival, ArrivalDecision } from "./arrival.js";
import { openAlertsSql } from "./emergencyAlerts.js";

/** A citizen message and the connected channel it came through. */
export type IncomingArrival = { channel: Pick<Channel, "id" | "unitId">; message: IncomingMessage };
/** A newly filed item: its id and, when it was triaged while filed, the decision. */
export type FiledItem = { id: string; source: InboxSource; decision: ArrivalDecision | null };

/** Messages triaged between two turns of the event loop. */
const TRIAGE_SLICE = 50;

/**
 * Files citizen messages in a few set-based statements of plain SQL inside the caller's
 * transaction (each batch is one JSON parameter, which Prisma would plan at length): each
 * platform id once (a webhook retry, a webhook + poll overlap, a duplicate inside the batch, or
 * one filed at the same moment by another process is skipped by the unique index), in the
 * conversation of its thread and author, with its "received" event. With `decide`, items are
 * stored already triaged, routed and given deadlines, with their "triaged" event; without it
 * they are stored as new for triage on arrival. Returns the items filed now.
 */
export async function fileMessages(
  sql: SqlTransaction,
  arrivals: IncomingArrival[],
  decide?: (arrival: Arrival) => ArrivalDecision,
): Promise<FiledItem[]> {
  // Sorted, so that concurrent batches insert (and wait on) the same platform ids in the same order.
  const unique = [
    ...new Map(
      arrivals.map((arrival) => [`${arrival.message.source}\u0000${arrival.message.platformId}`, arrival]),
    ).entries(),
  ]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, arrival]) => arrival);
  if (unique.length === 0) return [];
  const receivedAt = new Date();
  const conversationIds = await upsertConversations(sql, unique);
  const postAnswered = await postsAnswered(sql, unique);

  const decisions: (ArrivalDecision | null)[] = [];
  for (const { message } of unique) {
    decisions.push(decide ? decide({ text: message.text, placeUnitId: null, receivedAt }) : null);
    // Triage is CPU work: let waiting requests (webhook acknowledgements) through between slices of a large batch.
    if (decisions.length % TRIAGE_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const rows = unique.map(({ channel, message }, index) => {
    const decision = decisions[index] ?? null;
    return {
      row: {
        id: randomUUID(),
        conversationId: conversationIds.get(conversationKey(message))!,
        source: message.source,
        channelId: channel.id,
        platformId: message.platformId,
        parentPlatformId: message.parentPlatformId,
        postRemoteId: message.postRemoteId,
        postId: postAnswered(channel.id, message.postRemoteId),
        // Made storable and cut to length once, where the channel adapter built the message (channels/incoming.ts).
        authorName: message.author.name,
        authorHandle: message.author.handle,
        authorPlatformId: message.author.platformId,
        text: message.text,
        attachments: message.attachments,
        location: message.location ?? null,
        sentAt: message.sentAt,
        receivedAt,
        status: "new",
        ...decision?.fields,
      },
      decision,
      received: { source: message.source, channelId: channel.id },
    };
  });
  // jsonb_to_recordset turns one JSON parameter into typed rows: one statement whatever the batch size.
  const inserted = await sql.query<{ id: string }>(
    `INSERT INTO "InboxItem" ("id", "conversationId", "source", "channelId", "platformId", "parentPlatformId", "postRemoteId", "postId",
      "authorName", "authorHandle", "authorPlatformId", "text", "attachments", "location", "sentAt", "receivedAt", "status",
      "kind", "category", "urgency", "placeUnitId", "triage", "unitId", "informedUnitId", "slaPolicy", "firstResponseDueAt", "resolutionDueAt", "createdAt", "updatedAt")
    SELECT "id", "conversationId", "source", "channelId", "platformId", "parentPlatformId", "postRemoteId", "postId",
      "authorName", "authorHandle", "authorPlatformId", "text", "attachments", "location", "sentAt", "receivedAt", "status",
      "kind", "category", "urgency", "placeUnitId", "triage", "unitId", "informedUnitId", "slaPolicy", "firstResponseDueAt", "resolutionDueAt", "receivedAt", "receivedAt"
    FROM jsonb_to_recordset($1::jsonb) AS x(
      "id" uuid, "conversationId" uuid, "source" "InboxSource", "channelId" uuid, "platformId" text, "parentPlatformId" text, "postRemoteId" text, "postId" uuid,
      "authorName" text, "authorHandle" text, "authorPlatformId" text, "text" text, "attachments" jsonb, "location" jsonb, "sentAt" timestamp(3), "receivedAt" timestamp(3), "status" "InboxStatus",
      "kind" text, "category" text, "urgency" text, "placeUnitId" uuid, "triage" jsonb, "unitId" uuid, "informedUnitId" uuid, "slaPolicy" text, "firstResponseDueAt" timestamp(3), "resolutionDueAt" timestamp(3))
    ON CONFLICT ("source", "platformId") DO NOTHING
    RETURNING "id"::text AS id`,
    [JSON.stringify(rows.map(({ row }) => row))],
  );
  const filedIds = new Set(inserted.map((row) => row.id));
  const filed = rows.filter(({ row }) => filedIds.has(row.id));
  if (filed.length === 0) return [];
  const events = filed.flatMap(({ row, decision, received }) => [
    { itemId: row.id, type: "received", data: received },
    ...(decision ? [{ itemId: row.id, type: "triaged", data: decision.event }] : []),
  ]);
  // An emergency's alert is opened with it: if the process dies now, another sends it.
  await openAlertsSql(
    sql,
    filed.filter(({ decision }) => decision?.alert).map(({ row }) => row.id),
  );
  // In array order, so each item's "received" comes before its "triaged" on the timeline.
  await sql.query(
    `INSERT INTO "InboxEvent" ("itemId", "type", "data") SELECT "itemId", "type", "data" FROM jsonb_to_recordset($1::jsonb) AS x("itemId" uuid, "type" text, "data" jsonb)`,
    [JSON.stringify(events)],
  );
  return filed.map(({ row, decision }) => ({ id: row.id, source: row.source, decision }));
}

/**
 * Files one citizen message in its own transaction (polling fills the inbox this way) and
 * announces it for triage on arrival. Returns the new item's id, or null when it was already stored.
 */
export async function storeIncoming(
  services: Services,
  channel: IncomingArrival["channel"],
  message: IncomingMessage,
): Promise<string | null> {
  const [filed] = await services.db.transaction((sql) => fileMessages(sql, [{ channel, message }]));
  if (!filed) return null;
  services.events.emit("inbox.itemReceived", { itemId: filed.id });
  return filed.id;
}

const conversationKey = (message: IncomingMessage) =>
  `${message.source}\u0000${message.threadKey}\u0000${authorKeyOf(message)}`;
/**
 * Who wrote it, within its thread. A message without an author id (Meta omits `from` at times) is
 * a conversation of its own, keyed by its own platform id: a display name such as "Pengguna
 * Facebook" is shared by many citizens and would merge them across units.
 */
export const authorKeyOf = (message: IncomingMessage) => message.author.platformId ?? `anonymous:${message.platformId}`;

/**
 * The conversation of each message's thread and author, created when new, its last item time
 * moved forward. Keys are sorted so that concurrent batches lock conversations in the same order.
 */
async function upsertConversations(sql: SqlTransaction, arrivals: IncomingArrival[]): Promise<Map<string, string>> {
  const latest = new Map<
    string,
    { source: string; channelId: string; threadKey: string; authorKey: string; lastItemAt: Date }
  >();
  for (const { channel, message } of arrivals) {
    const key = conversationKey(message);
    const known = latest.get(key);
    if (!known)
      latest.set(key, {
        source: message.source,
        channelId: channel.id,
        threadKey: message.threadKey,
        authorKey: authorKeyOf(message),
        lastItemAt: message.sentAt,
      });
    else if (message.sentAt > known.lastItemAt) known.lastItemAt = message.sentAt;
  }
  const conversations = [...latest.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, conversation]) => ({ id: randomUUID(), ...conversation }));
  const rows = await sql.query<{ id: string; source: string; threadKey: string; authorKey: string }>(
    `INSERT INTO "Conversation" ("id", "source", "channelId", "threadKey", "authorKey", "lastItemAt")
    SELECT "id", "source", "channelId", "threadKey", "authorKey", "lastItemAt"
    FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "source" "InboxSource", "channelId" uuid, "threadKey" text, "authorKey" text, "lastItemAt" timestamp(3))
    ON CONFLICT ("source", "threadKey", "authorKey") DO UPDATE SET "lastItemAt" = GREATEST("Conversation"."lastItemAt", EXCLUDED."lastItemAt")
    RETURNING "id"::text AS id, "source"::text AS source, "threadKey", "authorKey"`,
    [JSON.stringify(conversations)],
  );
  return new Map(rows.map((row) => [`${row.source}\u0000${row.threadKey}\u0000${row.authorKey}`, row.id]));
}

/**
 * Comments under our own posts are linked to them, so staff see what they answer: channel +
 * remote id → post id. A comment on a Page video names the video's feed post,
 * {page-id}_{video-id}, while the delivery holds the video id.
 */
async function postsAnswered(
  sql: SqlTransaction,
  arrivals: IncomingArrival[],
): Promise<(channelId: string, postRemoteId: string | null) => string | null> {
  const videoIdOf = (remoteId: string) => remoteId.slice(remoteId.indexOf("_") + 1);
  const remoteIds = [
    ...new Set(
      arrivals.flatMap(({ message }) =>
        message.postRemoteId ? [message.postRemoteId, videoIdOf(message.postRemoteId)] : [],
      ),
    ),
  ];
  if (remoteIds.length === 0) return () => null;
  const channelIds = [...new Set(arrivals.map(({ channel }) => channel.id))];
  const deliveries = await sql.query<{ channelId: string; remoteId: string; postId: string }>(
    `SELECT "channelId"::text AS "channelId", "remoteId", "postId"::text AS "postId" FROM "Delivery"
    WHERE "channelId" IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid) AND "remoteId" IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [JSON.stringify(channelIds), JSON.stringify(remoteIds)],
  );
  const posts = new Map(
    deliveries.map((delivery) => [`${delivery.channelId}\u0000${delivery.remoteId}`, delivery.postId]),
  );
  return (channelId, postRemoteId) =>
    postRemoteId === null
      ? null
      : (posts.get(`${channelId}\u0000${postRemoteId}`) ??
        posts.get(`${channelId}\u0000${videoIdOf(postRemoteId)}`) ??
        null);
}

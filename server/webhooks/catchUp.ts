/**
 * The safety net under announced.ts: events announced after their change committed are lost if
 * the process dies in between (or its listener failed). This looks back over recent items,
 * emergencies and posts for an event that should exist and does not, and queues it through the
 * same announce functions: the event's unique dedupeKey is the claim, so the listener and any
 * number of processes catching up queue it exactly once.
 *
 * Why a catch-up rather than queueing inside every transaction: items are filed on many paths
 * (webhook batches, polling, e-mail, web reports, Open311, dead-letter retries) and the webhook
 * batch is the benchmarked hot path; this costs those paths nothing, covers paths added later,
 * and does nothing at all while no enabled endpoint subscribes to these events.
 */
import type { Services } from "@server/services.js";
import { announceItems, announcePost } from "./announced.js";
import type { WebhookEventType } from "./events.js";

/** Left to the listener: a change this recent (or a batch transaction still committing) is not looked at yet. */
export const CATCH_UP_GRACE_MS = 60_000;
// Items are queued a batch per statement (a process dying in a flood leaves many); posts one by one.
const BATCH = 500;

const AFTER_COMMIT_TYPES = ["inbox.item.created", "inbox.item.emergency", "post.published", "post.failed"] as const;
type AfterCommitType = (typeof AFTER_COMMIT_TYPES)[number];

/** `timestamp(3)` as JavaScript's toISOString writes it, which is how announced.ts builds post keys. */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Ids whose event of this type, changed in [since, until), is not in the queue; at most BATCH, oldest first. */
function missing(
  services: Services,
  type: AfterCommitType,
  since: Date,
  until: Date,
): Promise<{ id: string; at: string }[]> {
  const { prisma } = services;
  const range = [since.toISOString(), until.toISOString()] as const;
  switch (type) {
    case "inbox.item.created":
      return prisma.$queryRawUnsafe(
        `SELECT i."id"::text AS id, to_char(i."receivedAt", ${ISO}) AS at FROM "InboxItem" i
        WHERE i."receivedAt" >= $1::timestamp(3) AND i."receivedAt" < $2::timestamp(3)
          AND NOT EXISTS (SELECT 1 FROM "WebhookEvent" e WHERE e."dedupeKey" = 'inbox.item.created:' || i."id")
        ORDER BY i."receivedAt" LIMIT ${BATCH}`,
        ...range,
      );
    case "inbox.item.emergency":
      // Open emergencies are few and indexed (InboxItem_open_darurat_idx); an alert row exists only when alerts are configured.
      return prisma.$queryRawUnsafe(
        `SELECT i."id"::text AS id, to_char(i."updatedAt", ${ISO}) AS at FROM "InboxItem" i
        WHERE i."urgency" = 'darurat' AND i."status" IN ('new', 'triaged', 'assigned', 'in_progress', 'reopened')
          AND i."updatedAt" >= $1::timestamp(3) AND i."updatedAt" < $2::timestamp(3)
          AND NOT EXISTS (SELECT 1 FROM "WebhookEvent" e WHERE e."dedupeKey" = 'inbox.item.emergency:' || i."id")
        ORDER BY i."updatedAt" LIMIT ${BATCH}`,
        ...range,
      );
    case "post.published":
      return prisma.$queryRawUnsafe(
        `SELECT p."id"::text AS id, to_char(p."publishedAt", ${ISO}) AS at FROM "Post" p
        WHERE p."publishedAt" >= $1::timestamp(3) AND p."publishedAt" < $2::timestamp(3)
          AND p."status" IN ('published', 'partially_published')
          AND NOT EXISTS (SELECT 1 FROM "WebhookEvent" e
            WHERE e."dedupeKey" = 'post.published:' || p."id" || ':' || to_char(p."publishedAt", ${ISO}))
        ORDER BY p."publishedAt" LIMIT ${BATCH}`,
        ...range,
      );
    case "post.failed":
      return prisma.$queryRawUnsafe(
        `SELECT p."id"::text AS id, to_char(p."updatedAt", ${ISO}) AS at FROM "Post" p
        WHERE p."status" = 'failed' AND p."updatedAt" >= $1::timestamp(3) AND p."updatedAt" < $2::timestamp(3)
          AND NOT EXISTS (SELECT 1 FROM "WebhookEvent" e
            WHERE e."dedupeKey" = 'post.failed:' || p."id" || ':' || to_char(p."updatedAt", ${ISO}))
        ORDER BY p."updatedAt" LIMIT ${BATCH}`,
        ...range,
      );
  }
}

/**
 * Queues the after-commit events of the last `lookbackMs` (up to CATCH_UP_GRACE_MS ago) that no
 * listener queued. Only for types some enabled endpoint wants, and only to endpoints registered
 * by the time of the change: an endpoint is not sent what happened before it.
 * Returns how many deliveries it queued.
 */
export async function catchUpWebhookEvents(services: Services, lookbackMs: number, now = new Date()): Promise<number> {
  const endpoints = await services.prisma.webhookEndpoint.findMany({
    where: { enabled: true },
    select: { events: true, createdAt: true },
  });
  const until = new Date(now.getTime() - CATCH_UP_GRACE_MS);
  let queued = 0;
  for (const type of AFTER_COMMIT_TYPES) {
    const subscribed = endpoints.filter((endpoint) => endpoint.events.includes(type as WebhookEventType));
    if (subscribed.length === 0) continue;
    const registered = Math.min(...subscribed.map((endpoint) => endpoint.createdAt.getTime()));
    const since = new Date(Math.max(now.getTime() - lookbackMs, registered));
    for (;;) {
      const ids = await missing(services, type, since, until);
      const late = ids.map(({ id, at }) => ({ id, registeredBy: new Date(at) }));
      let deliveries = 0;
      if (type === "inbox.item.created" || type === "inbox.item.emergency")
        deliveries = await announceItems(services, type, late);
      else for (const post of late) deliveries += await announcePost(services, post.id, post);
      queued += deliveries;
      // A full batch of which nothing could be queued (its endpoints turned off meanwhile) would be found again.
      if (ids.length < BATCH || deliveries === 0) break;
    }
  }
  if (queued > 0) services.logger.warn({ deliveries: queued }, "webhook events caught up that no listener had queued");
  return queued;
}

/**
 * Events queued from the in-process announcements (server/events.ts) after the change committed,
 * where the change happens on paths too many or too hot to queue inside their transaction (an
 * item filed from any channel, an emergency, a post's publishing outcome). A process that dies
 * between the commit and this listener leaves the event to catchUp.ts, which finds it missing and
 * queues it through these same functions; each event's dedupeKey keeps it to one.
 */
import type { Services } from "@server/services.js";
import { itemData, itemDataSelect, queueWebhookEvent, queueWebhookEvents, type WebhookEventType } from "./events.js";

/** Tells the sender when something was queued; returns how many deliveries were. */
async function queued(services: Services, count: Promise<number>): Promise<number> {
  const deliveries = await count;
  if (deliveries > 0) services.events.emit("webhooks.queued", {});
  return deliveries;
}

/** What the catch-up passes: only endpoints registered by the time of the change get it. */
type Late = { registeredBy?: Date };

/** inbox.item.created or inbox.item.emergency for items, once per item; one statement for all. */
export async function announceItems(
  services: Services,
  type: "inbox.item.created" | "inbox.item.emergency",
  items: ({ id: string } & Late)[],
): Promise<number> {
  // Whole webhook batches come here: nothing is read for them while no endpoint wants the type.
  const wanted = await services.prisma.webhookEndpoint.count({ where: { enabled: true, events: { has: type } } });
  if (wanted === 0 || items.length === 0) return 0;
  const found = await services.prisma.inboxItem.findMany({
    where: { id: { in: items.map((item) => item.id) } },
    select: itemDataSelect,
  });
  const registeredBy = new Map(items.map((item) => [item.id, item.registeredBy]));
  return queued(
    services,
    queueWebhookEvents(
      services.prisma,
      type,
      found.map((item) => ({
        data: itemData(item, services.config.publicBaseUrl),
        dedupeKey: `${type}:${item.id}`,
        registeredBy: registeredBy.get(item.id),
      })),
    ),
  );
}

/** post.published once per publication, post.failed once per failure (post.changed fires on every change). */
export async function announcePost(services: Services, postId: string, { registeredBy }: Late = {}): Promise<number> {
  const post = await services.prisma.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      unitId: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      deliveries: { select: { channelId: true, status: true } },
    },
  });
  if (!post) return 0;
  const type: WebhookEventType | null = ["published", "partially_published"].includes(post.status)
    ? "post.published"
    : post.status === "failed"
      ? "post.failed"
      : null;
  if (!type) return 0;
  const { config } = services;
  const data = {
    post: {
      id: post.id,
      unitId: post.unitId,
      status: post.status,
      publishedAt: post.publishedAt?.toISOString() ?? null,
      deliveries: post.deliveries,
      url: `${config.publicBaseUrl}/app/posts/${post.id}`,
    },
  };
  const when = type === "post.published" ? post.publishedAt : post.updatedAt;
  return queued(
    services,
    queueWebhookEvent(services.prisma, type, data, {
      dedupeKey: `${type}:${post.id}:${when?.toISOString()}`,
      registeredBy,
    }),
  );
}

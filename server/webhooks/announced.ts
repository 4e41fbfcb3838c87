/**
 * Events queued from the in-process announcements (server/events.ts) after the change committed,
 * where the change happens on paths too many or too hot to queue inside their transaction (an
 * item filed from any channel, an emergency, a post's publishing outcome). A process that dies
 * between the commit and this listener loses that webhook event: at most once, as README says.
 */
import type { Services } from "@server/services.js";
import { itemData, itemDataSelect, queueWebhookEvent, type WebhookEventType } from "./events.js";

async function queued(services: Services, count: Promise<number>): Promise<void> {
  if ((await count) > 0) services.events.emit("webhooks.queued", {});
}

/** inbox.item.created or inbox.item.emergency for an item, once per item. */
export async function announceItem(
  services: Services,
  type: "inbox.item.created" | "inbox.item.emergency",
  itemId: string,
): Promise<void> {
  const item = await services.prisma.inboxItem.findUnique({ where: { id: itemId }, select: itemDataSelect });
  if (!item) return;
  await queued(
    services,
    queueWebhookEvent(services.prisma, type, itemData(item, services.config.publicBaseUrl), {
      dedupeKey: `${type}:${itemId}`,
    }),
  );
}

/** post.published once per publication, post.failed once per failure (post.changed fires on every change). */
export async function announcePost(services: Services, postId: string): Promise<void> {
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
  if (!post) return;
  const type: WebhookEventType | null = ["published", "partially_published"].includes(post.status)
    ? "post.published"
    : post.status === "failed"
      ? "post.failed"
      : null;
  if (!type) return;
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
  await queued(
    services,
    queueWebhookEvent(services.prisma, type, data, { dedupeKey: `${type}:${post.id}:${when?.toISOString()}` }),
  );
}

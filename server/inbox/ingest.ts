import type { IncomingMessage } from "../channels/adapter.js";
import { isUniqueViolation } from "../commands/prismaErrors.js";
import type { Channel } from "../db/generated/client.js";
import type { Services } from "../services.js";

/**
 * Files one citizen message: once per platform id (webhook retries and webhook + poll overlap
 * land here again and are recognised), in the conversation of its thread and author. Returns
 * the new item's id, or null when it was already stored.
 */
export async function storeIncoming(services: Services, channel: Pick<Channel, "id" | "unitId">, message: IncomingMessage, attempt = 1): Promise<string | null> {
  const { prisma } = services;
  const known = await prisma.inboxItem.findUnique({ where: { source_platformId: { source: message.source, platformId: message.platformId } }, select: { id: true } });
  if (known) return null;
  const authorKey = message.author.platformId ?? message.author.name;
  // A comment under one of our own posts is linked to it, so staff see what it answers.
  const ourPost = message.postRemoteId
    ? await prisma.delivery.findFirst({ where: { channelId: channel.id, remoteId: message.postRemoteId }, select: { postId: true } })
    : null;
  try {
    const id = await prisma.$transaction(async (tx) => {
      const conversation = await tx.conversation.upsert({
        where: { source_threadKey_authorKey: { source: message.source, threadKey: message.threadKey, authorKey } },
        create: { source: message.source, channelId: channel.id, threadKey: message.threadKey, authorKey, lastItemAt: message.sentAt },
        update: { lastItemAt: message.sentAt },
      });
      const item = await tx.inboxItem.create({
        data: {
          conversationId: conversation.id,
          source: message.source,
          channelId: channel.id,
          platformId: message.platformId,
          parentPlatformId: message.parentPlatformId,
          postRemoteId: message.postRemoteId,
          postId: ourPost?.postId ?? null,
          authorName: message.author.name.slice(0, 200),
          authorHandle: message.author.handle,
          authorPlatformId: message.author.platformId,
          text: message.text.slice(0, 20_000),
          attachments: message.attachments,
          sentAt: message.sentAt,
        },
      });
      await tx.inboxEvent.create({ data: { itemId: item.id, type: "received", data: { source: message.source, channelId: channel.id } } });
      return item.id;
    });
    services.events.emit("inbox.itemReceived", { itemId: id });
    return id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Filed at the same moment elsewhere: either this very message (the other one won), or
    // another message of the same new conversation (then this one still has to be filed).
    const stored = await prisma.inboxItem.findUnique({ where: { source_platformId: { source: message.source, platformId: message.platformId } }, select: { id: true } });
    if (stored || attempt >= 3) return null;
    return storeIncoming(services, channel, message, attempt + 1);
  }
}

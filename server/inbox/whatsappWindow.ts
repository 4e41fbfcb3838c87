/**
 * What a reply to a WhatsApp message may be: free-form text within the customer service window
 * (24 hours from the citizen's last message, https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages#customer-service-windows),
 * otherwise only a template admins listed for the number (outside the window Meta fails free
 * text with 131047, Re-engagement message).
 */
import type { PrismaClient } from "@server/db/generated/client.js";

export const SERVICE_WINDOW_MS = 24 * 3600_000;

/** When the window of the item's conversation closes (its newest message + 24 h); null when it has no message. */
export async function windowClosesAt(prisma: PrismaClient, conversationId: string): Promise<Date | null> {
  const newest = await prisma.inboxItem.aggregate({ where: { conversationId }, _max: { sentAt: true } });
  return newest._max.sentAt ? new Date(newest._max.sentAt.getTime() + SERVICE_WINDOW_MS) : null;
}

export type WhatsAppReplyOptions = {
  windowOpen: boolean;
  windowClosesAt: string | null;
  templates: { id: string; name: string; language: string; category: string; body: string; parameters: string[] }[];
};

/** For the composer: whether free text is possible and why, and the templates that always are. */
export async function whatsappReplyOptions(
  prisma: PrismaClient,
  item: { conversationId: string; channelId: string | null },
  now = new Date(),
): Promise<WhatsAppReplyOptions> {
  const [closesAt, templates] = await Promise.all([
    windowClosesAt(prisma, item.conversationId),
    item.channelId
      ? prisma.whatsAppTemplate.findMany({ where: { channelId: item.channelId }, orderBy: { name: "asc" } })
      : [],
  ]);
  return {
    windowOpen: closesAt !== null && closesAt > now,
    windowClosesAt: closesAt?.toISOString() ?? null,
    templates: templates.map(({ id, name, language, category, body, parameters }) => ({
      id,
      name,
      language,
      category,
      body,
      parameters,
    })),
  };
}

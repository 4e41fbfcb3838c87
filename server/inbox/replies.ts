import type { InboxSourceKind, RemotePost } from "@server/channels/adapter.js";
import { ChannelError } from "@server/channels/adapter.js";
import { adapterFor } from "@server/channels/index.js";
import { withFreshXToken } from "@server/channels/oauth/xTokens.js";
import { sendTemplate } from "@server/channels/whatsapp.js";
import { whatsappCharge } from "@server/channels/whatsappBilling.js";
import type { Channel, InboxItem, WhatsAppTemplate } from "@server/db/generated/client.js";
import type { InboxSource } from "@server/db/generated/enums.js";
import type { Services } from "@server/services.js";
import { recordPlatformCharges, recordPlatformRequests } from "@server/channels/platformUsage.js";
import { sendEmailReply } from "./email/reply.js";

export type RepliedItem = Pick<
  InboxItem,
  | "id"
  | "source"
  | "platformId"
  | "parentPlatformId"
  | "authorPlatformId"
  | "authorHandle"
  | "conversationId"
  | "trackingNumber"
> & {
  /** Its conversation's thread, when the caller read it already (a burst of automatic replies does, at once). */
  conversation?: { threadKey: string };
};

/** A WhatsApp template reply: the listed template and its filled parameters. */
export type TemplateReply = { template: WhatsAppTemplate; values: string[] };

/** The request each reply makes, counted with polling's so admins see the whole spend (X bills replies too). */
const REPLY_ENDPOINTS: Partial<Record<InboxSource, string>> = {
  facebook_comment: "POST /{comment-id}/comments",
  facebook_message: "POST /{page-id}/messages",
  instagram_comment: "POST /{ig-comment-id}/replies",
  x_mention: "POST /2/tweets",
  whatsapp_message: "POST /{phone-number-id}/messages",
};

/**
 * Answers a citizen's message on the platform it came from, in its thread, and returns the
 * reply's remote id and URL. Throws ChannelError (the caller records the timeline event).
 */
export async function sendReply(
  services: Services,
  channel: Channel,
  item: RepliedItem,
  text: string,
  templateReply?: TemplateReply,
): Promise<RemotePost> {
  // E-mail is answered over SMTP from the unit's address, with the thread's headers (inbox/email/reply.ts).
  if (item.source === "email") return sendEmailReply(services, channel, item, text);
  const adapter = adapterFor(channel.kind);
  const endpoint = REPLY_ENDPOINTS[item.source];
  if (!adapter.reply || !endpoint)
    throw new ChannelError(
      "permanent",
      `${channel.kind}:reply_unsupported`,
      `Siar cannot reply to a ${item.source} on ${channel.kind}`,
    );
  const reply = adapter.reply;
  const { threadKey } =
    item.conversation ??
    (await services.prisma.conversation.findUniqueOrThrow({
      where: { id: item.conversationId },
      select: { threadKey: true },
    }));
  const to = {
    source: item.source as InboxSourceKind,
    platformId: item.platformId,
    threadKey,
    authorPlatformId: item.authorPlatformId,
    authorHandle: item.authorHandle,
    parentPlatformId: item.parentPlatformId,
  };
  const remote = await withFreshXToken(services, channel, (target) =>
    templateReply
      ? sendTemplate(target, to.authorPlatformId ?? to.threadKey, {
          name: templateReply.template.name,
          language: templateReply.template.language,
          parameters: templateReply.values,
        })
      : reply(target, to, text),
  );
  await recordPlatformRequests(services.prisma, channel.id, [{ endpoint, count: 1 }]);
  // WhatsApp bills per message by category: free text in the window is a service message.
  const charges =
    channel.kind === "whatsapp" ? [whatsappCharge(templateReply?.template.category ?? "service")] : remote.charges;
  await recordPlatformCharges(services.prisma, channel.id, charges);
  return remote;
}

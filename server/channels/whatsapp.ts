/**
 * The WhatsApp Business Platform (Cloud API): a unit's business phone number, an inbox only.
 * Citizens' messages arrive by the Meta webhook (server/inbox/whatsappWebhook.ts); this adapter
 * checks the connection and sends replies. The Cloud API is served on Graph paths and answers
 * errors in Graph's shape (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes),
 * so it reuses GraphClient.
 */
import { ChannelError, type ChannelAdapter, type ChannelTarget, type RemotePost, type ReplyTarget } from "./adapter.js";
import { GraphClient } from "./graph.js";
import { unsupportedReply } from "./incoming.js";
import type { Platform } from "./http.js";

export const WHATSAPP: Platform = { label: "WhatsApp", codePrefix: "whatsapp" };

/** The system user's access token (https://developers.facebook.com/documentation/business-messaging/whatsapp/access-tokens). */
export type WhatsAppCredentials = { accessToken: string };
/** Graph's base URL and version, and the WhatsApp Business Account that owns the number (for its templates). */
export type WhatsAppSettings = { baseUrl?: string; apiVersion?: string; wabaId?: string };

/** A template's filled-in body parameters, in order ({{1}}, {{2}}…). */
export type TemplateMessage = { name: string; language: string; parameters: string[] };

const clientFor = (target: ChannelTarget) => GraphClient.forTarget(WHATSAPP, target, "accessToken");

/** Text and templates are sent to the citizen's WhatsApp id, which is the thread of their conversation. */
function recipientOf(to: Pick<ReplyTarget, "authorPlatformId" | "threadKey">): string {
  return to.authorPlatformId ?? to.threadKey;
}

type SendAnswer = { messages?: { id: string }[] };

async function send(target: ChannelTarget, payload: Record<string, unknown>): Promise<RemotePost> {
  try {
    // https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/message-api
    const answer = await clientFor(target).post<SendAnswer>(`${target.externalId}/messages`, {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      ...payload,
    });
    const id = answer.messages?.[0]?.id;
    if (!id)
      throw new ChannelError(
        "transient",
        "whatsapp:no_message_id",
        "WhatsApp: the answer carried no message id",
        undefined,
        { outcomeUnknown: true },
      );
    return { remoteId: id, remoteUrl: null };
  } catch (error) {
    throw error instanceof ChannelError ? whatsappFailure(error) : error;
  }
}

/**
 * Cloud API codes that Graph's classification does not know: 130429 (throughput reached) and
 * 131056 (too many messages to one user) pass with time; 131047 (outside the customer service
 * window) and 132xxx (template problems) fail the same way until something changes.
 */
function whatsappFailure(error: ChannelError): ChannelError {
  const code = Number(error.code.replace(/^graph:/, ""));
  const codeText = `whatsapp:${Number.isNaN(code) ? error.code : code}`;
  if (code === 130429 || code === 131056)
    return new ChannelError("transient", codeText, error.message, error.retryAt ?? new Date(Date.now() + 60_000));
  return new ChannelError(error.failure, codeText, error.message, error.retryAt, {
    outcomeUnknown: error.outcomeUnknown,
  });
}

/** Sends an approved message template: the only way to write to a citizen outside the 24-hour window. */
export function sendTemplate(target: ChannelTarget, to: string, template: TemplateMessage): Promise<RemotePost> {
  return send(target, {
    to,
    type: "template",
    template: {
      name: template.name,
      language: { code: template.language },
      components: [{ type: "body", parameters: template.parameters.map((text) => ({ type: "text", text })) }],
    },
  });
}

export const whatsappAdapter: ChannelAdapter = {
  kind: "whatsapp",

  async verify(target) {
    if (!target.externalId)
      throw new ChannelError(
        "permanent",
        "whatsapp:missing_phone_number_id",
        "WhatsApp: the phone number id is required",
      );
    const number = await clientFor(target).get<{ id: string; display_phone_number: string; verified_name: string }>(
      target.externalId,
      { fields: "id,display_phone_number,verified_name" },
    );
    return { name: `${number.verified_name} (${number.display_phone_number})`, externalId: number.id };
  },

  async publish() {
    throw new ChannelError(
      "permanent",
      "whatsapp:publish_unsupported",
      "WhatsApp: Siar does not publish announcements to a WhatsApp number",
    );
  },
  findPublished: async () => null,
  async remove() {
    throw new ChannelError("permanent", "whatsapp:publish_unsupported", "WhatsApp: nothing published to remove");
  },

  async reply(target, to, text) {
    if (to.source !== "whatsapp_message") throw unsupportedReply(WHATSAPP, to.source);
    // Free-form text: the caller has checked the customer service window first.
    return send(target, { to: recipientOf(to), type: "text", text: { preview_url: false, body: text } });
  },
};

/**
 * The WhatsApp Business Account `messages` webhook: citizens' messages to a connected number and
 * the statuses of the office's replies. Payloads as in
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 * (object "whatsapp_business_account", changes[].value with metadata.phone_number_id,
 * contacts[].profile.name and wa_id, messages[] and statuses[]).
 */
import { z } from "zod";
import type { IncomingMessage } from "@server/channels/adapter.js";
import { incomingMessage } from "@server/channels/incoming.js";

const media = z.object({
  id: z.string(),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});
const message = z.object({
  from: z.string(),
  id: z.string(),
  timestamp: z.string(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: media.optional(),
  video: media.optional(),
  document: media.optional(),
  audio: media.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
    })
    .optional(),
});
const status = z.object({
  id: z.string(),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  timestamp: z.string(),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional() })).optional(),
  pricing: z.object({ billable: z.boolean().optional(), category: z.string().optional() }).optional(),
});
const value = z.object({
  metadata: z.object({ phone_number_id: z.string() }),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

/** What a reply's status webhook says: Siar shows it on the reply (delivered, read, or why it failed). */
export type WhatsAppStatus = {
  phoneNumberId: string;
  messageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  at: Date;
  /** The Cloud API's error, for failed messages (131047: outside the service window). */
  error: { code: number; title: string | null } | null;
  /** Meta's pricing category of a billed message (service, utility, marketing, authentication). */
  category: string | null;
};

/** What the item's text says for media without a caption, so triage and staff see what arrived. */
const WITHOUT_CAPTION: Record<string, string> = {
  image: "(foto)",
  video: "(video)",
  document: "(dokumen)",
  audio: "(pesan suara)",
};
const MEDIA_TYPES = ["image", "video", "document", "audio"] as const;

const secondsToDate = (seconds: string) => new Date(Number(seconds) * 1000);

/** The text, attachments and point of one message; null for types Siar does not file (reactions, stickers, unsupported). */
function contentOf(parsed: z.infer<typeof message>): Pick<IncomingMessage, "text" | "attachments" | "location"> | null {
  if (parsed.type === "text" && parsed.text) return { text: parsed.text.body, attachments: [] };
  const kind = MEDIA_TYPES.find((type) => type === parsed.type);
  const file = kind ? parsed[kind] : undefined;
  if (kind && file) {
    const words = [file.caption, file.filename && kind === "document" ? file.filename : undefined].filter(Boolean);
    return {
      text: words.length > 0 ? words.join(" — ") : WITHOUT_CAPTION[kind]!,
      // Downloaded into Siar's storage later through the media endpoint; the id is all the webhook gives.
      attachments: [{ type: kind, url: `whatsapp-media:${file.id}` }],
    };
  }
  if (parsed.type === "location" && parsed.location) {
    const { latitude, longitude, name, address } = parsed.location;
    // The place's name and address go into the text, where triage finds the desa by the area tree's names.
    const place = [name, address].filter(Boolean).join(", ");
    return {
      text: place ? `Lokasi: ${place}` : "(lokasi dibagikan)",
      attachments: [],
      location: { lat: latitude, lng: longitude },
    };
  }
  const choice = parsed.interactive?.button_reply ?? parsed.interactive?.list_reply;
  if (parsed.type === "interactive" && choice) return { text: choice.title, attachments: [] };
  return null;
}

/** The citizens' messages and the reply statuses in one `messages` change; others fields are ignored. */
export function parseWhatsAppChange(
  field: string,
  raw: unknown,
): { messages: { accountId: string; message: IncomingMessage }[]; statuses: WhatsAppStatus[] } {
  const none = { messages: [], statuses: [] };
  if (field !== "messages") return none;
  const change = value.safeParse(raw);
  if (!change.success) return none;
  const phoneNumberId = change.data.metadata.phone_number_id;
  const names = new Map((change.data.contacts ?? []).map((contact) => [contact.wa_id, contact.profile?.name]));
  const messages = (change.data.messages ?? []).flatMap((entry) => {
    const parsed = message.safeParse(entry);
    const content = parsed.success ? contentOf(parsed.data) : null;
    if (!parsed.success || !content) return [];
    const waId = parsed.data.from;
    return [
      {
        accountId: phoneNumberId,
        message: incomingMessage({
          source: "whatsapp_message",
          platformId: parsed.data.id,
          parentPlatformId: null,
          postRemoteId: null,
          // One conversation per citizen's number: the thread and the author are the wa_id.
          threadKey: waId,
          author: { platformId: waId, name: names.get(waId) || "Pengguna WhatsApp", handle: null },
          sentAt: secondsToDate(parsed.data.timestamp),
          ...content,
        }),
      },
    ];
  });
  const statuses = (change.data.statuses ?? []).flatMap((entry) => {
    const parsed = status.safeParse(entry);
    if (!parsed.success) return [];
    const error = parsed.data.errors?.[0];
    return [
      {
        phoneNumberId,
        messageId: parsed.data.id,
        status: parsed.data.status,
        at: secondsToDate(parsed.data.timestamp),
        error: error ? { code: error.code, title: error.title ?? null } : null,
        category: parsed.data.pricing?.category ?? null,
      },
    ];
  });
  return { messages, statuses };
}

import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { IncomingMessage } from "@server/channels/adapter.js";
import { incomingMessage } from "@server/channels/incoming.js";
import { parseWhatsAppChange, type WhatsAppStatus } from "./whatsappWebhook.js";

/** X-Hub-Signature-256 is "sha256=" + the hex HMAC-SHA256 of the exact raw body with the app secret. */
export function verifyMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const sent = header?.match(/^sha256=([0-9a-f]{64})$/i)?.[1];
  if (!sent) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(sent, "hex"));
}

// Only the fields Siar uses; everything else in Meta's payloads is ignored.
const pageFeedComment = z.object({
  item: z.literal("comment"),
  verb: z.enum(["add", "edited", "remove", "hide", "unhide"]),
  comment_id: z.string(),
  post_id: z.string(),
  parent_id: z.string().optional(),
  message: z.string().optional(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  created_time: z.union([z.number(), z.string()]).optional(),
});
const instagramComment = z.object({
  id: z.string(),
  text: z.string().optional(),
  parent_id: z.string().optional(),
  from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
  media: z.object({ id: z.string() }).optional(),
});
const payload = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});

/** Whether a parsed body has the shape of a Meta webhook (object and entries), whatever its changes. */
export function isMetaWebhookPayload(body: unknown): boolean {
  return payload.safeParse(body).success;
}

/** A comment or message found in a Meta webhook, with the account (Page, IG user, WhatsApp phone number id) it was addressed to. */
export type MetaWebhookMessage = { accountId: string; message: IncomingMessage };

function timeOf(value: number | string | undefined, fallbackSeconds: number | undefined): Date {
  if (typeof value === "number") return new Date(value * 1000);
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return new Date(value);
  return fallbackSeconds ? new Date(fallbackSeconds * 1000) : new Date();
}

/**
 * The new comments in a Page `feed` or Instagram `comments` webhook, the messages to a WhatsApp
 * number and the statuses of replies sent from it. Throws on a body that is not a Meta webhook at
 * all; ignores changes Siar does not handle (likes, edits, removals).
 */
export function parseMetaWebhook(body: unknown): { messages: MetaWebhookMessage[]; statuses: WhatsAppStatus[] } {
  const parsed = payload.parse(body);
  const messages: MetaWebhookMessage[] = [];
  const statuses: WhatsAppStatus[] = [];
  for (const entry of parsed.entry) {
    for (const change of entry.changes ?? []) {
      if (parsed.object === "whatsapp_business_account") {
        const found = parseWhatsAppChange(change.field, change.value);
        messages.push(...found.messages);
        statuses.push(...found.statuses);
      }
      if (parsed.object === "page" && change.field === "feed") {
        const value = pageFeedComment.safeParse(change.value);
        if (!value.success) continue;
        const comment = value.data;
        if (comment.verb !== "add" || !comment.message) continue;
        // The Page's own replies come back as feed events too; they are not citizens' messages.
        if (comment.from?.id === entry.id) continue;
        messages.push({
          accountId: entry.id,
          message: incomingMessage({
            source: "facebook_comment",
            platformId: comment.comment_id,
            parentPlatformId: comment.parent_id && comment.parent_id !== comment.post_id ? comment.parent_id : null,
            postRemoteId: comment.post_id,
            threadKey: comment.post_id,
            author: {
              platformId: comment.from?.id ?? null,
              name: comment.from?.name ?? "Pengguna Facebook",
              handle: null,
            },
            text: comment.message,
            sentAt: timeOf(comment.created_time, entry.time),
            attachments: [],
          }),
        });
      }
      if (parsed.object === "instagram" && change.field === "comments") {
        const value = instagramComment.safeParse(change.value);
        if (!value.success) continue;
        const comment = value.data;
        if (!comment.text) continue;
        if (comment.from?.id === entry.id) continue;
        messages.push({
          accountId: entry.id,
          message: incomingMessage({
            source: "instagram_comment",
            platformId: comment.id,
            parentPlatformId: comment.parent_id ?? null,
            postRemoteId: comment.media?.id ?? null,
            threadKey: comment.media?.id ?? comment.id,
            author: {
              platformId: comment.from?.id ?? null,
              name: comment.from?.username ?? "Pengguna Instagram",
              handle: comment.from?.username ?? null,
            },
            text: comment.text,
            sentAt: timeOf(undefined, entry.time),
            attachments: [],
          }),
        });
      }
    }
  }
  return { messages, statuses };
}

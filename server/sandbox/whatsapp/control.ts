/**
 * Driving the WhatsApp number the sandbox plays: citizens writing in (text, photos, documents,
 * voice notes, videos, shared locations, button replies), each also sent as a signed `messages`
 * webhook, templates admins get approved, throughput, and what the office sent. Mounted under
 * /_sandbox/whatsapp behind the control token; `SandboxControl.whatsapp` is the same in code.
 */
import { createHash } from "node:crypto";
import { type Request, Router } from "express";
import { z } from "zod";
import { parseBody } from "@server/sandbox/http";
import type { SandboxState } from "@server/sandbox/state";
import type { WebhookDispatcher } from "@server/sandbox/webhooks";
import { WHATSAPP_ACCOUNTS, type WhatsAppSandbox } from "./state";

/** A 1×1 JPEG: what a citizen's photo carries when the test gives no bytes. */
const TINY_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==",
  "base64",
);

/** What each kind of media carries by default: bytes that start as the real formats do. */
const DEFAULT_MEDIA: Record<string, { data: Buffer; mimeType: string }> = {
  image: { data: TINY_JPEG, mimeType: "image/jpeg" },
  audio: { data: Buffer.concat([Buffer.from("OggS"), Buffer.alloc(60)]), mimeType: "audio/ogg; codecs=opus" },
  video: {
    data: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(60)]),
    mimeType: "video/mp4",
  },
  document: { data: Buffer.from("%PDF-1.4\n%%EOF\n"), mimeType: "application/pdf" },
};

const citizenMessage = z.object({
  /** The citizen's WhatsApp id (their number, digits only); a new one by default. */
  waId: z
    .string()
    .regex(/^\d{8,15}$/)
    .optional(),
  name: z.string().min(1).max(100).optional(),
  type: z.enum(["text", "image", "document", "audio", "video", "location", "interactive"]).default("text"),
  /** The text, or a media caption. */
  text: z.string().min(1).max(4096).optional(),
  /** Media bytes (base64) and type; a small file of the message's type by default. */
  mediaBase64: z.string().optional(),
  mimeType: z.string().max(100).optional(),
  filename: z.string().max(200).optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  /** Writes the message as sent this long ago (to test a closed service window). */
  ageMs: z.number().int().min(0).optional(),
});

export type CitizenWhatsAppMessage = z.input<typeof citizenMessage>;

export class WhatsAppControl {
  private citizens = 0;

  constructor(
    private readonly state: SandboxState,
    private readonly whatsapp: WhatsAppSandbox,
    private readonly webhooks: WebhookDispatcher,
  ) {}

  /** One citizen message, as the number receives it: the window opens, the webhook goes out. Returns its wamid. */
  citizenWrites(input: CitizenWhatsAppMessage = {}): { id: string; waId: string } {
    const message = citizenMessage.parse(input);
    const citizen = this.state.citizens.next("message");
    this.citizens++;
    const waId = message.waId ?? `62812${String(40000000 + this.citizens).padStart(8, "0")}`;
    const at = this.state.now() - (message.ageMs ?? 0);
    const id = this.whatsapp.messageId();
    const text = message.text ?? citizen.text;
    const last = this.whatsapp.lastInbound.get(waId) ?? 0;
    this.whatsapp.lastInbound.set(waId, Math.max(last, at));
    const content = this.content(message, text);
    this.webhooks.whatsappChange(WHATSAPP_ACCOUNTS.wabaId, {
      contacts: [{ profile: { name: message.name ?? citizen.author.name }, wa_id: waId }],
      messages: [{ from: waId, id, timestamp: String(Math.floor(at / 1000)), type: message.type, ...content }],
    });
    return { id, waId };
  }

  /** Messages the office sent, oldest first. */
  sent() {
    return this.whatsapp.sent;
  }

  setThroughput(messagesPerSecond: number): void {
    this.whatsapp.messagesPerSecond = z.number().int().min(0).parse(messagesPerSecond);
  }

  /** The type-specific object of a message, as the messages webhook reference shows each. */
  private content(message: z.output<typeof citizenMessage>, text: string): Record<string, unknown> {
    switch (message.type) {
      case "text":
        return { text: { body: text } };
      case "location": {
        const location = message.location ?? { latitude: 0.1227, longitude: 110.5986, name: "Sanggau" };
        return { location };
      }
      case "interactive":
        return { interactive: { type: "button_reply", button_reply: { id: "status", title: text.slice(0, 20) } } };
      default: {
        const fallback = DEFAULT_MEDIA[message.type]!;
        const data = message.mediaBase64 ? Buffer.from(message.mediaBase64, "base64") : fallback.data;
        const mimeType = message.mimeType ?? fallback.mimeType;
        const media = {
          id: this.whatsapp.mediaId(),
          mimeType,
          data,
          sha256: createHash("sha256").update(data).digest("hex"),
        };
        this.whatsapp.media.set(media.id, media);
        const caption = message.text && message.type !== "audio" ? { caption: message.text } : {};
        const filename = message.type === "document" ? { filename: message.filename ?? "laporan.pdf" } : {};
        return { [message.type]: { id: media.id, mime_type: mimeType, sha256: media.sha256, ...caption, ...filename } };
      }
    }
  }
}

export function whatsappControlRoutes(control: WhatsAppControl): Router {
  const router = Router();
  const body = async (req: Request) => (await parseBody(req)).fields;
  router.post("/_sandbox/whatsapp/messages", async (req, res) => {
    res.status(201).json(control.citizenWrites(await body(req)));
  });
  router.get("/_sandbox/whatsapp/sent", (_req, res) => res.json({ data: control.sent() }));
  router.put("/_sandbox/whatsapp/throughput", async (req, res) => {
    control.setThroughput(Number((await body(req)).messagesPerSecond));
    res.status(204).end();
  });
  return router;
}

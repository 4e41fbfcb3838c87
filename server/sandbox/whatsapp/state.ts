/**
 * The WhatsApp Business Platform (Cloud API) as the sandbox keeps it: one business account with
 * one phone number, its system-user token, approved message templates, the citizens who wrote
 * (each one's last message opens the 24-hour customer service window), what was sent, and media.
 */
import { randomBytes } from "node:crypto";

export const WHATSAPP_ACCOUNTS = {
  wabaId: "104200000000001",
  phoneNumberId: "109900000000001",
  /** The hotline printed on the banners; the business's number, not personal data. */
  displayPhoneNumber: "62 811-5600-1122",
  verifiedName: "Pemkab Sanggau",
  systemUserToken: "EAAsandboxWhatsAppSystemUserToken0001",
} as const;

/**
 * The customer service window: free-form messages may be sent within 24 hours of the user's last
 * message; after it only templates. https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages#customer-service-windows
 */
export const SERVICE_WINDOW_MS = 24 * 3600_000;

export type WhatsAppTemplate = {
  name: string;
  language: string;
  category: "UTILITY" | "MARKETING" | "AUTHENTICATION";
  status: "APPROVED" | "PENDING" | "REJECTED";
  /** The BODY component's text with {{1}}, {{2}}… */
  body: string;
};

export type SentWhatsAppMessage = {
  id: string;
  to: string;
  type: "text" | "template";
  text: string;
  /** The pricing category Meta would bill it under (service within the window, else the template's). */
  category: "service" | "utility" | "marketing" | "authentication";
  at: number;
};

export type WhatsAppMedia = { id: string; mimeType: string; data: Buffer; sha256: string };

export class WhatsAppSandbox {
  readonly templates = new Map<string, WhatsAppTemplate>();
  /** wa_id → when the user last wrote to the number (ms). */
  readonly lastInbound = new Map<string, number>();
  readonly sent: SentWhatsAppMessage[] = [];
  readonly media = new Map<string, WhatsAppMedia>();
  /** Messages a number may send per second (Cloud API default throughput: 80 mps); error 130429 beyond. */
  messagesPerSecond = 80;
  private sentThisSecond = { second: 0, count: 0 };
  private sequence = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.templates.clear();
    this.lastInbound.clear();
    this.sent.length = 0;
    this.media.clear();
    this.messagesPerSecond = 80;
    this.sentThisSecond = { second: 0, count: 0 };
    this.addTemplate({
      name: "laporan_ditindaklanjuti",
      language: "id",
      category: "UTILITY",
      status: "APPROVED",
      body: "Laporan Anda {{1}} telah ditindaklanjuti: {{2}}",
    });
    this.addTemplate({
      name: "promo_festival",
      language: "id",
      category: "MARKETING",
      status: "PENDING",
      body: "Datanglah ke festival {{1}}",
    });
  }

  addTemplate(template: WhatsAppTemplate): void {
    this.templates.set(`${template.name}:${template.language}`, template);
  }

  /** A WhatsApp message id in Meta's shape ("wamid." + base64). */
  messageId(): string {
    this.sequence++;
    return `wamid.${Buffer.from(`sandbox-${this.sequence}-${randomBytes(6).toString("hex")}`).toString("base64")}`;
  }

  mediaId(): string {
    this.sequence++;
    return String(7_000_000_000_000 + this.sequence);
  }

  windowOpen(waId: string, now: number): boolean {
    const last = this.lastInbound.get(waId);
    return last !== undefined && now - last < SERVICE_WINDOW_MS;
  }

  /** Takes one send from this second's throughput; false when it is used up. */
  takeThroughput(now: number): boolean {
    const second = Math.floor(now / 1000);
    if (this.sentThisSecond.second !== second) this.sentThisSecond = { second, count: 0 };
    if (this.sentThisSecond.count >= this.messagesPerSecond) return false;
    this.sentThisSecond.count++;
    return true;
  }
}

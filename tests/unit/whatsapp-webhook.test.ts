import { describe, expect, it } from "vitest";
import { parseMetaWebhook } from "@server/inbox/metaWebhook.js";
import { maskedPhone } from "@server/presenters/inboxItem.js";

// Payloads from https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
const delivery = (value: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "102290129340398",
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
            ...value,
          },
        },
      ],
    },
  ],
});

describe("the WhatsApp messages webhook", () => {
  it("reads a text message with its sender's profile name and wa_id", () => {
    const { messages } = parseMetaWebhook(
      delivery({
        contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
        messages: [
          { from: "16505551234", id: "wamid.A", timestamp: "1749416383", type: "text", text: { body: "Halo" } },
        ],
      }),
    );
    expect(messages).toEqual([
      {
        accountId: "106540352242922",
        message: expect.objectContaining({
          source: "whatsapp_message",
          platformId: "wamid.A",
          threadKey: "16505551234",
          author: { platformId: "16505551234", name: "Sheena Nelson", handle: null },
          text: "Halo",
          sentAt: new Date(1749416383 * 1000),
        }),
      },
    ]);
  });

  it("skips reactions and stickers, reads button replies, keeps statuses with their errors", () => {
    const parsed = parseMetaWebhook(
      delivery({
        messages: [
          { from: "1", id: "wamid.R", timestamp: "1", type: "reaction", reaction: { message_id: "x", emoji: "👍" } },
          { from: "1", id: "wamid.S", timestamp: "1", type: "sticker", sticker: { id: "9" } },
          {
            from: "1",
            id: "wamid.B",
            timestamp: "1",
            type: "interactive",
            interactive: { type: "button_reply", button_reply: { id: "b", title: "Cek status" } },
          },
        ],
        statuses: [
          {
            id: "wamid.OUT",
            status: "failed",
            timestamp: "1749416400",
            recipient_id: "1",
            errors: [{ code: 131047, title: "Re-engagement message" }],
          },
        ],
      }),
    );
    expect(parsed.messages.map(({ message }) => [message.platformId, message.text])).toEqual([
      ["wamid.B", "Cek status"],
    ]);
    expect(parsed.statuses).toEqual([
      expect.objectContaining({
        messageId: "wamid.OUT",
        status: "failed",
        error: { code: 131047, title: "Re-engagement message" },
      }),
    ]);
  });

  it("masks a number down to its country code and last four digits", () => {
    expect(maskedPhone("6281240000012")).toBe("+62 812-••••-0012");
    expect(maskedPhone("123")).toBe("••••");
  });
});

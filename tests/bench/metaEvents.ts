import type { CitizenText } from "@server/sandbox/citizenText.js";
import { signatureOf } from "@server/sandbox/webhooks.js";

// Meta webhook deliveries as Meta sends them, signed with the app secret over the exact body and
// posted to Siar's /webhooks/meta. Meta aggregates notifications: one delivery may carry several
// entries (up to 1,000 updates), though batching is not guaranteed, so one comment per delivery
// happens too (https://developers.facebook.com/docs/graph-api/webhooks/getting-started, "Event Notifications").

export type MetaAccounts = { pageId: string; igUserId: string; wabaId: string; phoneNumberId: string };
/** Which webhook object a comment or message arrives by. */
export type MetaObject = "page" | "instagram" | "whatsapp_business_account";
/** A signed delivery and the comments (platform ids) it carries. */
export type SignedEvent = { platformIds: string[]; body: string; signature: string };
/** One citizen's comment (or WhatsApp message), to be put in a delivery. */
export type Comment = { platformId: string; citizen: CitizenText; object: MetaObject };

/** The entry of a citizen's WhatsApp text to the office's number; 500 citizens write, several times each. */
function whatsappEntry(accounts: MetaAccounts, { platformId, citizen }: Comment, time: number) {
  const waId = `62813${String(Number(platformId.replace(/\D/g, "")) % 500).padStart(8, "0")}`;
  return {
    id: accounts.wabaId,
    changes: [
      {
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: "6281100000000", phone_number_id: accounts.phoneNumberId },
          contacts: [{ profile: { name: citizen.author.name }, wa_id: waId }],
          messages: [
            { from: waId, id: platformId, timestamp: String(time), type: "text", text: { body: citizen.text } },
          ],
        },
      },
    ],
  };
}

/** The entry of a Page feed comment or an Instagram comment carrying a citizen's text, under one of 50 posts. */
function commentEntry(accounts: MetaAccounts, comment: Comment, time: number) {
  const { platformId, citizen, object } = comment;
  if (object === "whatsapp_business_account") return whatsappEntry(accounts, comment, time);
  const post = Number(platformId.replace(/\D/g, "")) % 50;
  if (object === "instagram") {
    return {
      id: accounts.igUserId,
      time,
      changes: [
        {
          field: "comments",
          value: {
            id: platformId,
            text: citizen.text,
            from: { id: `ig-${citizen.author.handle}`, username: citizen.author.handle },
            media: { id: `media-${post}` },
          },
        },
      ],
    };
  }
  return {
    id: accounts.pageId,
    time,
    changes: [
      {
        field: "feed",
        value: {
          item: "comment",
          verb: "add",
          comment_id: platformId,
          post_id: `${accounts.pageId}_${post}`,
          message: citizen.text,
          from: { id: `fb-${citizen.author.handle}`, name: citizen.author.name },
          created_time: time,
        },
      },
    ],
  };
}

/** One delivery of comments that all come by the same object: the Page, Instagram or a WhatsApp Business Account. */
export function deliveryOf(accounts: MetaAccounts, comments: Comment[], appSecret: string): SignedEvent {
  const time = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    object: comments[0]!.object,
    entry: comments.map((comment) => commentEntry(accounts, comment, time)),
  });
  return { platformIds: comments.map((comment) => comment.platformId), body, signature: signatureOf(body, appSecret) };
}

/** A delivery of a single comment. */
export function commentEvent(
  accounts: MetaAccounts,
  platformId: string,
  citizen: CitizenText,
  object: MetaObject,
  appSecret: string,
): SignedEvent {
  return deliveryOf(accounts, [{ platformId, citizen, object }], appSecret);
}

/** Posts one delivery; Siar acknowledges with 200 once it is kept in the durable queue. */
export async function postEvent(baseUrl: string, event: SignedEvent): Promise<void> {
  const response = await fetch(`${baseUrl}/webhooks/meta`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": event.signature },
    body: event.body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook ${event.platformIds[0]}…: HTTP ${response.status}`);
}

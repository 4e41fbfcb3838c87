import type { CitizenText } from "../../server/sandbox/citizenText.js";
import { signatureOf } from "../../server/sandbox/webhooks.js";

// Meta webhook deliveries as Meta sends them: one comment per delivery, signed with the app
// secret over the exact body, posted to Siar's /webhooks/meta.

export type MetaAccounts = { pageId: string; igUserId: string };
export type SignedEvent = { platformId: string; body: string; signature: string };

/** A Page feed comment or an Instagram comment carrying a citizen's text, under one of 50 posts. */
export function commentEvent(accounts: MetaAccounts, platformId: string, citizen: CitizenText, instagram: boolean, appSecret: string): SignedEvent {
  const time = Math.floor(Date.now() / 1000);
  const post = Number(platformId.replace(/\D/g, "")) % 50;
  const payload = instagram
    ? {
        object: "instagram",
        entry: [{ id: accounts.igUserId, time, changes: [{ field: "comments", value: { id: platformId, text: citizen.text, from: { id: `ig-${citizen.author.handle}`, username: citizen.author.handle }, media: { id: `media-${post}` } } }] }],
      }
    : {
        object: "page",
        entry: [
          {
            id: accounts.pageId,
            time,
            changes: [
              {
                field: "feed",
                value: { item: "comment", verb: "add", comment_id: platformId, post_id: `${accounts.pageId}_${post}`, message: citizen.text, from: { id: `fb-${citizen.author.handle}`, name: citizen.author.name }, created_time: time },
              },
            ],
          },
        ],
      };
  const body = JSON.stringify(payload);
  return { platformId, body, signature: signatureOf(body, appSecret) };
}

/** Posts one delivery; Siar acknowledges with 200 once it is kept in the durable queue. */
export async function postEvent(baseUrl: string, event: SignedEvent): Promise<void> {
  const response = await fetch(`${baseUrl}/webhooks/meta`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": event.signature },
    body: event.body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook ${event.platformId}: HTTP ${response.status}`);
}

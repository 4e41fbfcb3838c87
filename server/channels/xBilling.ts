/**
 * What X charges for, as Siar counts it beside its requests (https://docs.x.com/x-api/getting-started/pricing):
 * reads per resource returned, each resource once per UTC day; the connected account's own posts
 * and mentions as Owned Reads when that account owns the developer app; writes per request, a
 * post whose text has a URL at the "with URL" price. Prices are not here: admins keep them in
 * PlatformPrice (Admin → Kanal → X usage), since X changes them.
 */
import twitterText from "twitter-text";
import type { WhatsAppBilledItem } from "./whatsappBilling.js";

export const X_BILLED_ITEMS = [
  /** Posts: Read, per post returned (post lookup for engagement). */
  "x.post_read",
  /** Owned Reads, per post: the account's own mentions and posts. */
  "x.owned_read",
  /** User: Read, per user returned (the authors of mentions). */
  "x.user_read",
  /** Post: Create, per post without a URL. */
  "x.post_create",
  /** Post: Create (with URL), per post whose text has a link. */
  "x.post_create_url",
] as const;
export type XBilledItem = (typeof X_BILLED_ITEMS)[number];

/** One billed thing: resources read (deduplicated per day by id) or requests or messages made (X, WhatsApp). */
export type PlatformCharge =
  | { item: XBilledItem; resourceIds: string[] }
  | { item: XBilledItem | WhatsAppBilledItem; count: number };

/** What creating a post with this text costs: one request, at the URL price when the text has a link. */
export function postCreateCharge(text: string): PlatformCharge {
  return { item: twitterText.extractUrls(text).length > 0 ? "x.post_create_url" : "x.post_create", count: 1 };
}

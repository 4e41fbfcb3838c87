/**
 * What Meta bills a WhatsApp number for, as Siar counts it: since 1 July 2025 per delivered
 * message by category (https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing):
 * template messages per category (utility, marketing, authentication); free-form service
 * messages within the customer service window are free, though counted (Meta announced a monthly
 * allowance per number for them, then billing). Prices are not here: admins keep them in
 * PlatformPrice, like X's, since Meta sets them per market and changes them.
 */
import type { PlatformCharge } from "./xBilling.js";

export const WHATSAPP_BILLED_ITEMS = [
  "whatsapp.service",
  "whatsapp.utility",
  "whatsapp.marketing",
  "whatsapp.authentication",
] as const;
export type WhatsAppBilledItem = (typeof WHATSAPP_BILLED_ITEMS)[number];

/** One message sent in a category ("service" for free text within the window, else the template's). */
export function whatsappCharge(category: string): PlatformCharge {
  const item = `whatsapp.${category}`;
  return {
    item: (WHATSAPP_BILLED_ITEMS as readonly string[]).includes(item)
      ? (item as WhatsAppBilledItem)
      : "whatsapp.marketing",
    count: 1,
  };
}

/** The channels whose platform bills per item, so their spend is counted against a money budget. */
export const isBilledKind = (kind: string) => kind === "x" || kind === "whatsapp";

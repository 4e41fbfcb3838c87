import type { PlatformPrice } from "@server/db/generated/client.js";

/** Micro-dollars as the API shows money: US dollars, to the sixth decimal. */
export const dollarsOf = (micros: number) => micros / 1_000_000;

/** A billed item's price as admins edit it, in US dollars per unit (who changed it is in the audit log). */
export function presentPlatformPrice(price: PlatformPrice) {
  return {
    item: price.item,
    currency: "USD" as const,
    unitPrice: dollarsOf(price.unitPriceMicros),
    updatedAt: price.updatedAt.toISOString(),
  };
}

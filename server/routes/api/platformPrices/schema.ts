import { z } from "zod";
import { WHATSAPP_BILLED_ITEMS } from "@server/channels/whatsappBilling.js";
import { X_BILLED_ITEMS } from "@server/channels/xBilling.js";

export const priceItemParam = z.object({ item: z.enum([...X_BILLED_ITEMS, ...WHATSAPP_BILLED_ITEMS]) });

/** US dollars per unit, to the millionth (what X's price table shows, $0.001–$0.200 today). */
export const updatePlatformPriceBody = z
  .object({
    unitPrice: z.number().min(0).max(100),
  })
  .strict();

export type UpdatePlatformPriceBody = z.input<typeof updatePlatformPriceBody>;

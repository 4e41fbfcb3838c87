import { z } from "zod";
import { ChannelKind } from "@server/db/generated/enums.js";
import { TEMPLATE_PARAMETERS } from "@server/channels/whatsappTemplateText.js";
import { storedCount } from "@server/text/fields.js";

const secrets = z.record(z.string().regex(/^[A-Za-z0-9_]{1,40}$/), z.string().trim().min(1).max(4000));
const settings = z.record(z.string().regex(/^[A-Za-z0-9_]{1,40}$/), z.string().trim().max(500));

export const connectChannelBody = z
  .object({
    unitId: z.uuid(),
    kind: z.enum(ChannelKind),
    name: z.string().trim().min(1).max(120).optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    credentials: secrets,
    settings: settings.optional(),
    /** Connect even though another unit already has this account (answered channel_connected_elsewhere). */
    shareAccount: z.boolean().optional(),
  })
  .strict();

export const updateChannelBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    credentials: secrets.optional(),
    settings: settings.optional(),
    status: z.enum(["connected", "disabled"]).optional(),
    /** Most requests polling may spend per month (X bills per request); null: no limit. */
    monthlyRequestBudget: storedCount.nullable().optional(),
    /** Most US dollars X may charge the channel per month, at the prices admins keep (PlatformPrice); null: no limit. */
    monthlySpendBudget: z.number().min(0).max(1_000_000).nullable().optional(),
  })
  .strict();

export const whatsappTemplateBody = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,512}$/),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/),
    /** What fills {{1}}, {{2}}… in order. */
    parameters: z.array(z.enum(TEMPLATE_PARAMETERS)).max(10),
  })
  .strict();
export type WhatsAppTemplateBody = z.input<typeof whatsappTemplateBody>;

export const templateParams = z.object({ id: z.uuid(), templateId: z.uuid() });

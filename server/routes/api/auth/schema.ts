import { z } from "zod";
import { API_TOKEN_SCOPES } from "@server/auth/tokenScopes.js";
import { LOCALES } from "@server/i18n/locale.js";

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const passwordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const profileBody = z
  .object({ name: z.string().trim().min(1).max(120).optional(), locale: z.enum(LOCALES).optional() })
  .strict();

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(80),
  expiresInDays: z.number().int().min(1).max(730).optional(),
  /** Omitted: every scope, as tokens behaved before scopes existed (scripts written then keep working). */
  scopes: z
    .array(z.enum(API_TOKEN_SCOPES))
    .min(1)
    .max(API_TOKEN_SCOPES.length)
    .transform((scopes) => API_TOKEN_SCOPES.filter((scope) => scopes.includes(scope)))
    .optional(),
  unitLimitId: z.uuid().nullable().optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBody>;

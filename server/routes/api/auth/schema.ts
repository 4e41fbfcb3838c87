import { z } from "zod";
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
});

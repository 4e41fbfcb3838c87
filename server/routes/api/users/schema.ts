import { z } from "zod";
import { Role } from "@server/db/generated/enums.js";
import { LOCALES } from "@server/i18n/locale.js";
import { paginationQuery } from "@server/routes/pagination.js";

export const listUsersQuery = paginationQuery.extend({
  q: z.string().trim().max(120).optional(),
  role: z.enum(Role).optional(),
  unitId: z.uuid().optional(),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

const email = z.email().max(254);
const unitIds = z.array(z.uuid()).min(1).max(50);

export const createUserBody = z
  .object({
    email,
    name: z.string().trim().min(2).max(120),
    role: z.enum(Role),
    unitIds,
    locale: z.enum(LOCALES).optional(),
    password: z.string().max(1024).optional(),
  })
  .strict();

export const updateUserBody = z
  .object({
    email: email.optional(),
    name: z.string().trim().min(2).max(120).optional(),
    role: z.enum(Role).optional(),
    unitIds: unitIds.optional(),
    locale: z.enum(LOCALES).optional(),
    active: z.boolean().optional(),
  })
  .strict();

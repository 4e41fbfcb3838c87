import { z } from "zod";
import { PpidLevel, UnitType } from "../../../db/generated/enums.js";
import { UNIT_TIME_ZONES } from "../../../deadlines/timeZones.js";
import { paginationQuery } from "../../pagination.js";

export const listUnitsQuery = paginationQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  type: z.enum(UnitType).optional(),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/);

export const createUnitBody = z
  .object({
    name: z.string().trim().min(2).max(160),
    type: z.enum(UnitType),
    parentId: z.uuid().nullable(),
    code: code.nullable().optional(),
    timezone: z.enum(UNIT_TIME_ZONES).optional(),
  })
  .strict();

export const updateUnitBody = z
  .object({
    name: z.string().trim().min(2).max(160).optional(),
    parentId: z.uuid().nullable().optional(),
    code: code.nullable().optional(),
    timezone: z.enum(UNIT_TIME_ZONES).optional(),
    active: z.boolean().optional(),
    ppidLevel: z.enum(PpidLevel).nullable().optional(),
    ppidSuperiorId: z.uuid().nullable().optional(),
  })
  .strict();

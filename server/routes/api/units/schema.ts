import { z } from "zod";
import { REGION_CODE } from "@server/areas/officialAreas.js";
import { PpidLevel, UnitType } from "@server/db/generated/enums.js";
import { UNIT_TIME_ZONES } from "@server/deadlines/timeZones.js";
import { paginationQuery } from "@server/routes/pagination.js";

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

/** A kabupaten/kota code ("61.03"); whether the data knows it is the import's question. */
const region = z.string().trim().regex(REGION_CODE);

export const importPreviewQuery = z.object({ region, parentId: z.uuid() }).strict();

export const importAreasBody = z.object({ region, parentId: z.uuid() }).strict();
export type ImportAreasBody = z.infer<typeof importAreasBody>;

export const mergeUnitBody = z.object({ intoUnitId: z.uuid() }).strict();
export type MergeUnitBody = z.infer<typeof mergeUnitBody>;

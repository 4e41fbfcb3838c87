import { z } from "zod";
import { CATEGORIES } from "@server/triage/taxonomy.js";

const rule = {
  category: z.enum(CATEGORIES).nullable(),
  placeUnitId: z.uuid().nullable(),
  unitId: z.uuid(),
  priority: z.number().int().min(-1000).max(1000),
};
export const createRuleBody = z.object(rule).strict();
export const updateRuleBody = z.object(rule).partial().strict();

import { z } from "zod";
import { moment } from "@server/text/fields.js";
import { paginationQuery } from "@server/routes/pagination.js";

export const listAuditEventsQuery = paginationQuery.extend({
  actorId: z.uuid().optional(),
  action: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z_.]+$/)
    .optional(),
  targetType: z
    .string()
    .trim()
    .max(40)
    .regex(/^[A-Za-z]+$/)
    .optional(),
  targetId: z.string().trim().max(80).optional(),
  /** Events of this unit and every unit below it. */
  unitId: z.uuid().optional(),
  from: moment.optional(),
  to: moment.optional(),
});

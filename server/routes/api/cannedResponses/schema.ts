import { z } from "zod";
import { TEMPLATE_LANGUAGES } from "@server/inbox/cannedResponses.js";

const fields = {
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  unitId: z.uuid().nullable(),
  language: z.enum(TEMPLATE_LANGUAGES),
};
export const createCannedResponseBody = z.object(fields).strict();
export const updateCannedResponseBody = z.object(fields).partial().strict();
/** forItem: only the templates that apply to that item's unit. */
export const listCannedResponsesQuery = z.object({ forItem: z.uuid().optional() });

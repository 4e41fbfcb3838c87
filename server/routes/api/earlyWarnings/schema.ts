import { z } from "zod";
import { EARLY_WARNING_STATUSES } from "@server/inbox/earlyWarning.js";

export const listEarlyWarningsQuery = z.object({
  status: z.enum(EARLY_WARNING_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

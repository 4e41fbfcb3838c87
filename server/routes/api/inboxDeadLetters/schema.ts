import { z } from "zod";
import { paginationQuery } from "@server/routes/pagination.js";

export const listInboxDeadLettersQuery = paginationQuery.extend({
  /** open: waiting for an admin (the default); resolved: filed or dismissed; all. */
  state: z.enum(["open", "resolved", "all"]).default("open").describe("Which entries: waiting, handled, or both"),
});

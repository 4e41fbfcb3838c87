import { z } from "zod";
import { calendarMonth } from "@server/text/fields.js";

export const monthlyReportQuery = z
  .object({
    /** Without one, the last full month. */
    month: calendarMonth.optional(),
    unitId: z.uuid().optional(),
  })
  .strict();

export const sendTestBody = z
  .object({
    /** "me": to the caller only, whatever REPORT_RECIPIENTS says. */
    to: z.enum(["recipients", "me"]).default("recipients"),
  })
  .strict();

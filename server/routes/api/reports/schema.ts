import { z } from "zod";
import { MONTH_PATTERN } from "../../../reports/period.js";

export const monthlyReportQuery = z
  .object({
    /** Without one, the last full month. */
    month: z.string().regex(MONTH_PATTERN, "bulan harus berbentuk YYYY-MM / month must be YYYY-MM").optional(),
    unitId: z.uuid().optional(),
  })
  .strict();

export const sendTestBody = z
  .object({
    /** "me": to the caller only, whatever REPORT_RECIPIENTS says. */
    to: z.enum(["recipients", "me"]).default("recipients"),
  })
  .strict();

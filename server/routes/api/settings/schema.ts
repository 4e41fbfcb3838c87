import type { z } from "zod";
import { reportingSettingsFields } from "@server/reporting/settings.js";

export const reportingSettingsBody = reportingSettingsFields;
export type ReportingSettingsBody = z.infer<typeof reportingSettingsBody>;

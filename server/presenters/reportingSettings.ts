import { offsetMinutesOf, ZONE_ABBREVIATIONS } from "@server/reporting/zones.js";
import type { ReportingSettings } from "@server/reporting/settings.js";

/** The reporting settings as the admin screen shows them, with whether the rollups are being recounted. */
export function presentReportingSettings(settings: ReportingSettings, recounting: boolean) {
  return {
    timeZone: settings.timeZone,
    zoneAbbreviation: ZONE_ABBREVIATIONS[settings.timeZone],
    /** Minutes ahead of UTC, for reading plain dates on the organisation's wall clock. */
    offsetMinutes: offsetMinutesOf(settings.timeZone),
    onTimeToleranceMinutes: settings.onTimeToleranceMinutes,
    /** True until the background job has counted the figures again in the new zone. */
    recounting,
  };
}

export type ReportingSettingsView = ReturnType<typeof presentReportingSettings>;

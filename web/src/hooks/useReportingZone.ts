import type { ReportingSettingsView } from "@server/presenters/reportingSettings";
import { api } from "@web/api/client";
import { useLoad } from "./useLoad";

/** The organisation's reporting zone (WIB, WITA or WIT), in which the figures count days and months. */
export function useReportingZone() {
  return useLoad(() => api.get<ReportingSettingsView>("/settings/reporting"), []);
}

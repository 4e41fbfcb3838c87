import type { ReportingSettings } from "@web/api/types";
import { api } from "@web/api/client";
import { useLoad } from "./useLoad";

/** The organisation's reporting zone (WIB, WITA or WIT), in which the figures count days and months. */
export function useReportingZone() {
  return useLoad(() => api.get<ReportingSettings>("/settings/reporting"), []);
}

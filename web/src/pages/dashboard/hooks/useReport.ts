import { api, type Query } from "@web/api/client";
import { useLoad } from "@web/hooks/useLoad";

/** One dashboard report for these filters, read again whenever they change. */
export function useReport<T>(report: string, query: Query) {
  const key = JSON.stringify(query);
  return useLoad(() => api.get<T>(`/dashboard/${report}`, query), [report, key]);
}

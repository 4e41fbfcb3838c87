import { api, type Query } from "../../../api/client";
import { useLoad } from "../../../hooks/useLoad";

/** One dashboard report for these filters, read again whenever they change. */
export function useReport<T>(report: string, query: Query) {
  const key = JSON.stringify(query);
  return useLoad(() => api.get<T>(`/dashboard/${report}`, query), [report, key]);
}

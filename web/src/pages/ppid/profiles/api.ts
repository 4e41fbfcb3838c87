import { api } from "@web/api/client";
import type { PpidProfile, RequestBody } from "@web/api/types";

type SavePpidProfileBody = RequestBody<"/api/ppid-profiles/{unitId}", "put">;

/** The PPID profiles API; the body is typed by the API's document. */
export const ppidProfileApi = {
  list: async () => (await api.get<{ data: PpidProfile[] }>("/ppid-profiles")).data,
  get: (unitId: string) => api.get<PpidProfile>(`/ppid-profiles/${unitId}`),
  save: (unitId: string, body: SavePpidProfileBody) => api.put<PpidProfile>(`/ppid-profiles/${unitId}`, body),
};

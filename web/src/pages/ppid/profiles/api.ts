import type { SavePpidProfileBody } from "@server/routes/api/ppidProfiles/schema";
import { api } from "@web/api/client";
import type { PpidProfile } from "@web/api/types";

/** The PPID profiles API; the body is typed by the server's schema. */
export const ppidProfileApi = {
  list: async () => (await api.get<{ data: PpidProfile[] }>("/ppid-profiles")).data,
  get: (unitId: string) => api.get<PpidProfile>(`/ppid-profiles/${unitId}`),
  save: (unitId: string, body: SavePpidProfileBody) => api.put<PpidProfile>(`/ppid-profiles/${unitId}`, body),
};

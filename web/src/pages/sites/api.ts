import type { SiteEntryKind, SiteEntryStatus } from "@server/db/generated/enums";
import type { ContentOf } from "@server/sites/content";
import { api, fetchAllPages, uploadFile } from "@web/api/client";
import type { RequestBody, Schemas, Site, SiteEntryDetail, SiteEntrySummary } from "@web/api/types";

export type { ContentOf, Site, SiteEntryDetail, SiteEntryKind, SiteEntryStatus, SiteEntrySummary };
export type Freshness = Schemas["SiteFreshness"];
export type SiteDocument = Schemas["SiteDocument"];
type SiteSettingsBody = RequestBody<"/api/sites/{unitId}", "patch">;
/** What the editor sends: the kind's content as the server's schema reads it. */
export type EntryContent = ContentOf<SiteEntryKind>;

/** The unit-site API, one typed call per action; content is checked by the server per kind. */
export const sitesApi = {
  list: () => api.get<{ data: Site[] }>("/sites").then((page) => page.data),
  get: (unitId: string) => api.get<Site>(`/sites/${unitId}`),
  updateSettings: (unitId: string, body: SiteSettingsBody) => api.patch<Site>(`/sites/${unitId}`, body),
  issuePushToken: (unitId: string) => api.post<Schemas["IssuedPushToken"]>(`/sites/${unitId}/push-token`),
  revokePushToken: (unitId: string) => api.delete<void>(`/sites/${unitId}/push-token`),
  freshness: (query: { unitId?: string } = {}) => api.get<Freshness>("/sites/freshness", query),
  settings: () => api.get<Schemas["SiteSettings"]>("/sites/settings"),
  updateStaleAfterDays: (staleAfterDays: number) =>
    api.patch<Schemas["SiteSettings"]>("/sites/settings", { staleAfterDays }),
  uploadDocument: (unitId: string, file: File) =>
    uploadFile<SiteDocument>(`/sites/${unitId}/documents`, file, { name: file.name }),

  entries: (query: { status?: SiteEntryStatus; unitId?: string; kind?: SiteEntryKind } = {}) =>
    fetchAllPages<SiteEntrySummary>("/site-entries", query),
  entry: (id: string) => api.get<SiteEntryDetail>(`/site-entries/${id}`),
  createEntry: (unitId: string, body: { kind: SiteEntryKind; content: EntryContent; submit: boolean }) =>
    api.post<SiteEntryDetail>(`/site-entries/units/${unitId}`, body),
  updateEntry: (id: string, body: { content: EntryContent; submit: boolean }) =>
    api.patch<SiteEntryDetail>(`/site-entries/${id}`, body),
  submitEntry: (id: string) => api.post<SiteEntryDetail>(`/site-entries/${id}/submit`),
  approveEntry: (id: string) => api.post<SiteEntryDetail>(`/site-entries/${id}/approve`),
  returnEntry: (id: string, note: string) => api.post<SiteEntryDetail>(`/site-entries/${id}/return`, { note }),
  deleteEntry: (id: string) => api.delete<void>(`/site-entries/${id}`),
};

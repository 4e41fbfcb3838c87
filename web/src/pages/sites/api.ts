import type { SiteEntryKind, SiteEntryStatus } from "@server/db/generated/enums";
import type { Site } from "@server/presenters/site";
import type { SiteEntryDetail, SiteEntrySummary } from "@server/presenters/siteEntry";
import type { SiteSettingsBody } from "@server/routes/api/sites/schema";
import type { ContentOf } from "@server/sites/content";
import type { freshnessReport } from "@server/sites/freshness";
import { api, fetchAllPages, uploadFile } from "@web/api/client";

export type { ContentOf, Site, SiteEntryDetail, SiteEntryKind, SiteEntryStatus, SiteEntrySummary };
export type Freshness = Awaited<ReturnType<typeof freshnessReport>>;
export type SiteDocument = { id: string; name: string; bytes: number; url: string };
/** What the editor sends: the kind's content as the server's schema reads it. */
export type EntryContent = ContentOf<SiteEntryKind>;

/** The unit-site API, one typed call per action; content is checked by the server per kind. */
export const sitesApi = {
  list: () => api.get<{ data: Site[] }>("/sites").then((page) => page.data),
  get: (unitId: string) => api.get<Site>(`/sites/${unitId}`),
  updateSettings: (unitId: string, body: SiteSettingsBody) => api.patch<Site>(`/sites/${unitId}`, body),
  issuePushToken: (unitId: string) =>
    api.post<{ token: string; prefix: string; createdAt: string }>(`/sites/${unitId}/push-token`),
  revokePushToken: (unitId: string) => api.delete<void>(`/sites/${unitId}/push-token`),
  freshness: (query: { unitId?: string } = {}) => api.get<Freshness>("/sites/freshness", query),
  settings: () => api.get<{ staleAfterDays: number }>("/sites/settings"),
  updateStaleAfterDays: (staleAfterDays: number) =>
    api.patch<{ staleAfterDays: number }>("/sites/settings", { staleAfterDays }),
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

import { api } from "@web/api/client";
import type { BulkResult, InboxItem, InboxItemDetail, LaporHandoff, RequestBody } from "@web/api/types";

type ReplyBody = RequestBody<"/api/inbox/{id}/reply", "post">;
type NoteBody = RequestBody<"/api/inbox/{id}/notes", "post">;
type AssignBody = RequestBody<"/api/inbox/{id}/assign", "post">;
type StatusBody = RequestBody<"/api/inbox/{id}/status", "post">;
type MergeBody = RequestBody<"/api/inbox/{id}/merge", "post">;
export type TriageBody = RequestBody<"/api/inbox/{id}/triage", "patch">;
export type LaporHandoffBody = RequestBody<"/api/inbox/{id}/lapor", "post">;
export type LaporUpdateBody = RequestBody<"/api/inbox/{id}/lapor", "patch">;
export type BulkBody = RequestBody<"/api/inbox/bulk", "post">;

/** The inbox API, one typed call per action; the bodies are typed by the API's document. */
export const inboxApi = {
  item: (id: string) => api.get<InboxItemDetail>(`/inbox/${id}`),
  reply: (id: string, body: ReplyBody) => api.post<InboxItem>(`/inbox/${id}/reply`, body),
  note: (id: string, body: NoteBody) => api.post<InboxItem>(`/inbox/${id}/notes`, body),
  assign: (id: string, body: AssignBody) => api.post<InboxItem>(`/inbox/${id}/assign`, body),
  setStatus: (id: string, body: StatusBody) => api.post<InboxItem>(`/inbox/${id}/status`, body),
  correctTriage: (id: string, body: TriageBody) => api.patch<InboxItem>(`/inbox/${id}/triage`, body),
  merge: (id: string, body: MergeBody) => api.post<InboxItem>(`/inbox/${id}/merge`, body),
  lapor: (id: string) => api.get<LaporHandoff>(`/inbox/${id}/lapor`),
  recordLapor: (id: string, body: LaporHandoffBody) => api.post<LaporHandoff>(`/inbox/${id}/lapor`, body),
  updateLapor: (id: string, body: LaporUpdateBody) => api.patch<LaporHandoff>(`/inbox/${id}/lapor`, body),
  bulk: (body: BulkBody) => api.post<BulkResult>("/inbox/bulk", body),
};

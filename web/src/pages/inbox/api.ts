import type {
  AssignBody,
  BulkBody,
  LaporHandoffBody,
  LaporUpdateBody,
  MergeBody,
  NoteBody,
  ReplyBody,
  StatusBody,
  TriageBody,
} from "@server/routes/api/inbox/schema";
import { api } from "@web/api/client";
import type { BulkResult, InboxItem, InboxItemDetail, LaporHandoff } from "@web/api/types";

/** The inbox API, one typed call per action; the bodies are typed by the server's schemas. */
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

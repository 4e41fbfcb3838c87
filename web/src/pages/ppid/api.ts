import { api, uploadFile } from "@web/api/client";
import type {
  PpidDeadlineLists,
  PpidObjection,
  PpidRequest,
  RegisteredPpidRequest,
  RequestBody,
  Schemas,
} from "@web/api/types";

export type AnnualReport = Schemas["PpidAnnualReport"];
export type SelfAssessment = Schemas["PpidSelfAssessment"];

// What each action takes, as the API's document says.
export type CreateRequestBody = RequestBody<"/api/ppid/requests", "post">;
export type UpdateRequestBody = RequestBody<"/api/ppid/requests/{id}", "patch">;
export type ForwardBody = RequestBody<"/api/ppid/requests/{id}/forward", "post">;
export type ExtendBody = RequestBody<"/api/ppid/requests/{id}/extend", "post">;
export type DecideBody = RequestBody<"/api/ppid/requests/{id}/decide", "post">;
export type ShareBody = RequestBody<"/api/ppid/requests/{id}/files/{fileId}", "patch">;
export type ObjectionBody = RequestBody<"/api/ppid/requests/{id}/objections", "post">;
export type AnswerBody = RequestBody<"/api/ppid/objections/{id}/answer", "post">;
export type DisputeBody = RequestBody<"/api/ppid/objections/{id}/dispute", "post">;
export type HearingBody = RequestBody<"/api/ppid/objections/{id}/dispute/hearings", "post">;
export type DisputeOutcomeBody = RequestBody<"/api/ppid/objections/{id}/dispute/outcome", "post">;
export type AnnualReportBody = RequestBody<"/api/ppid/annual-reports/{year}", "patch">;

/** The PPID API, one typed call per action; the bodies are typed by the server's schemas. */
export const ppidApi = {
  request: (id: string) => api.get<PpidRequest>(`/ppid/requests/${id}`),
  register: (body: CreateRequestBody) => api.post<RegisteredPpidRequest>("/ppid/requests", body),
  update: (id: string, body: UpdateRequestBody) => api.patch<PpidRequest>(`/ppid/requests/${id}`, body),
  identity: (id: string) => api.get<Schemas["PpidIdentity"]>(`/ppid/requests/${id}/identity`),
  forward: (id: string, body: ForwardBody) => api.post<PpidRequest>(`/ppid/requests/${id}/forward`, body),
  extend: (id: string, body: ExtendBody) => api.post<PpidRequest>(`/ppid/requests/${id}/extend`, body),
  decide: (id: string, body: DecideBody) => api.post<PpidRequest>(`/ppid/requests/${id}/decide`, body),
  renewAccessCode: (id: string) => api.post<RegisteredPpidRequest>(`/ppid/requests/${id}/access-code`),
  upload: (id: string, file: File, query: { shared: boolean; redactedFromId?: string; redactionNote?: string }) =>
    uploadFile<PpidRequest>(`/ppid/requests/${id}/files`, file, { name: file.name, ...query }),
  share: (id: string, fileId: string, body: ShareBody) =>
    api.patch<PpidRequest>(`/ppid/requests/${id}/files/${fileId}`, body),
  registerObjection: (id: string, body: ObjectionBody) =>
    api.post<PpidRequest>(`/ppid/requests/${id}/objections`, body),
  objection: (id: string) => api.get<PpidObjection>(`/ppid/objections/${id}`),
  answer: (id: string, body: AnswerBody) => api.post<PpidObjection>(`/ppid/objections/${id}/answer`, body),
  dispute: (id: string, body: DisputeBody) => api.post<PpidObjection>(`/ppid/objections/${id}/dispute`, body),
  hearing: (id: string, body: HearingBody) => api.post<PpidObjection>(`/ppid/objections/${id}/dispute/hearings`, body),
  disputeOutcome: (id: string, body: DisputeOutcomeBody) =>
    api.post<PpidObjection>(`/ppid/objections/${id}/dispute/outcome`, body),
  annualReport: (year: number, unitId?: string) => api.get<AnnualReport>(`/ppid/annual-reports/${year}`, { unitId }),
  saveAnnualReport: (year: number, unitId: string | undefined, body: AnnualReportBody) =>
    api.patch<AnnualReport>(`/ppid/annual-reports/${year}${unitId ? `?unitId=${unitId}` : ""}`, body),
  selfAssessment: (year: number) => api.get<SelfAssessment>("/ppid/self-assessment", { year }),
  deadlines: (unitId?: string) => api.get<PpidDeadlineLists & { scope: string }>("/ppid/deadlines", { unitId }),
  figures: (query: { unitId?: string; year?: number }) => api.get<Schemas["PpidFiguresReport"]>("/ppid/figures", query),
};

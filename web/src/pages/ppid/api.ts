import type {
  AnswerBody,
  CreateRequestBody,
  DecideBody,
  DisputeBody,
  DisputeOutcomeBody,
  ExtendBody,
  ForwardBody,
  HearingBody,
  ObjectionBody,
  ShareBody,
  UpdateRequestBody,
} from "@server/routes/api/ppid/schema";
import type { AnnualReportBody } from "@server/routes/api/ppid/registers";
import type { AnnualReport as StoredReport } from "@server/ppid/annualReport";
import type { Obligation } from "@server/ppid/selfAssessment";
import { api, uploadFile } from "@web/api/client";
import type { PpidDeadlineLists, PpidFigures, PpidObjection, PpidRequest, RegisteredPpidRequest } from "@web/api/types";

export type AnnualReport = StoredReport & { scope: string; unit: { id: string; name: string } | null };
export type SelfAssessment = {
  year: number;
  sections: {
    scope: string;
    unit: { id: string; name: string; ppidLevel: string | null } | null;
    obligations: Obligation[];
  }[];
};

/** The PPID API, one typed call per action; the bodies are typed by the server's schemas. */
export const ppidApi = {
  request: (id: string) => api.get<PpidRequest>(`/ppid/requests/${id}`),
  register: (body: CreateRequestBody) => api.post<RegisteredPpidRequest>("/ppid/requests", body),
  update: (id: string, body: UpdateRequestBody) => api.patch<PpidRequest>(`/ppid/requests/${id}`, body),
  identity: (id: string) => api.get<{ identityType: string; identityNumber: string }>(`/ppid/requests/${id}/identity`),
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
  figures: (query: { unitId?: string; year?: number }) =>
    api.get<{ year: number; scope: string; unit: { id: string; name: string } | null; figures: PpidFigures }>(
      "/ppid/figures",
      query,
    ),
};

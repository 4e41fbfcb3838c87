import type {
  CreateDipItemBody,
  UpdateDipItemBody,
  WithdrawDipItemBody,
} from "../../../../../server/routes/api/dipItems/schema";
import { api, uploadFile, withQuery, type Query } from "../../../api/client";
import type { DipItem, Unit } from "../../../api/types";

/** The DIP API, one typed call per action; the bodies are typed by the server's schemas. */
export const dipApi = {
  item: (id: string) => api.get<DipItem>(`/dip-items/${id}`),
  /** The units the signed-in person may add entries to. */
  units: async () => (await api.get<{ data: Unit[] }>("/dip-items/units")).data,
  create: (body: CreateDipItemBody) => api.post<DipItem>("/dip-items", body),
  update: (id: string, body: UpdateDipItemBody) => api.patch<DipItem>(`/dip-items/${id}`, body),
  publish: (id: string) => api.post<DipItem>(`/dip-items/${id}/publish`),
  withdraw: (id: string, body: WithdrawDipItemBody) => api.post<DipItem>(`/dip-items/${id}/withdraw`, body),
  remove: (id: string) => api.delete<void>(`/dip-items/${id}`),
  addFile: (id: string, file: File, query: { name: string; purpose: "information" | "consequence_test" }) =>
    uploadFile<DipItem>(`/dip-items/${id}/files`, file, query),
  addVersion: (id: string, fileId: string, file: File) =>
    uploadFile<DipItem>(`/dip-items/${id}/files/${fileId}/versions`, file),
  removeFile: (id: string, fileId: string) => api.delete<DipItem>(`/dip-items/${id}/files/${fileId}`),
  /** The export's address, for a plain download link (the session cookie goes with it). */
  exportUrl: (format: "csv" | "json", filters: Query) =>
    `/api${withQuery("/dip-items/export", { ...filters, format })}`,
};

import { api, uploadFile, withQuery, type Query } from "@web/api/client";
import type { DipItem, RequestBody, Unit } from "@web/api/types";

type CreateDipItemBody = RequestBody<"/api/dip-items", "post">;
type UpdateDipItemBody = RequestBody<"/api/dip-items/{id}", "patch">;
type WithdrawDipItemBody = RequestBody<"/api/dip-items/{id}/withdraw", "post">;

// Browsers name some types differently or not at all (a .csv as "application/vnd.ms-excel" on
// Windows, an .ods as ""): the type is taken from the extension where it is known.
const TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  csv: "text/csv",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};
function typed(file: File): File {
  const type = TYPES_BY_EXTENSION[file.name.split(".").pop()?.toLowerCase() ?? ""];
  return type && type !== file.type ? new File([file], file.name, { type }) : file;
}

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
    uploadFile<DipItem>(`/dip-items/${id}/files`, typed(file), { ...query, fileName: file.name }),
  addVersion: (id: string, fileId: string, file: File) =>
    uploadFile<DipItem>(`/dip-items/${id}/files/${fileId}/versions`, typed(file), { fileName: file.name }),
  removeFile: (id: string, fileId: string) => api.delete<DipItem>(`/dip-items/${id}/files/${fileId}`),
  /** The export's address, for a plain download link (the session cookie goes with it). */
  exportUrl: (format: "csv" | "json", filters: Query) =>
    `/api${withQuery("/dip-items/export", { ...filters, format })}`,
};

import type { DipClass, DipFormat } from "@server/db/generated/enums.js";
import type { ApiClient } from "./client.js";

// What the DIP tests share: a complete entry to start from, small files of each kind, and the
// raw-body upload the staff app makes.

/** A complete berkala entry of `unitId`; fields can be overridden. */
export function dipEntry(unitId: string, overrides: Record<string, unknown> = {}) {
  return {
    unitId,
    class: "berkala" as DipClass,
    title: "Laporan Keuangan 2025",
    summary: "Neraca, laporan realisasi anggaran dan catatan atas laporan keuangan tahun 2025.",
    responsibleOfficial: "Kepala Sub Bagian Keuangan",
    madeOn: "2026-03-31",
    year: 2026,
    period: "Tahun 2025",
    formats: ["softcopy", "hardcopy"] as DipFormat[],
    retention: "5 tahun",
    ...overrides,
  };
}

/** A minimal well-formed PDF whose text is `text`. */
export function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n4 0 obj<</Length ${stream.length}>>stream\n${stream}\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    "latin1",
  );
}

/** Uploads a document to an entry (a new one, or a new version of `fileId`) as the staff app does. */
export async function uploadDipFile(
  baseUrl: string,
  client: ApiClient,
  itemId: string,
  file: { bytes: Buffer; type: string; name?: string; purpose?: string; fileId?: string },
) {
  const path = file.fileId
    ? `/api/dip-items/${itemId}/files/${file.fileId}/versions`
    : `/api/dip-items/${itemId}/files?${new URLSearchParams({ name: file.name ?? "Dokumen", ...(file.purpose ? { purpose: file.purpose } : {}) })}`;
  const response = await fetch(baseUrl + path, {
    method: "POST",
    headers: { "content-type": file.type, cookie: client.cookie!, "x-csrf-token": client.csrfToken! },
    body: new Uint8Array(file.bytes),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

import type { InboxItem } from "../../api/types";

// Ready answers staff start from. Kept here in the client for now (not yet editable by admins);
// they are written in Bahasa Indonesia because that is what citizens receive, whatever the UI language.
// Variables: {{nama}} the author's name, {{nomor}} the web report's tracking number.
export type CannedResponse = { id: string; title: string; text: string };

export const CANNED_RESPONSES: readonly CannedResponse[] = [
  {
    id: "received",
    title: "Terima kasih, sedang ditindaklanjuti",
    text: "Terima kasih, {{nama}}. Laporan Anda sudah kami terima dan sedang ditindaklanjuti oleh unit terkait.",
  },
  {
    id: "tracking",
    title: "Nomor laporan untuk memantau",
    text: "Terima kasih, {{nama}}. Laporan Anda tercatat dengan nomor {{nomor}}. Perkembangannya dapat dipantau di halaman lacak laporan.",
  },
  {
    id: "details",
    title: "Minta lokasi dan rincian",
    text: "Halo {{nama}}, mohon kirimkan lokasi lengkap (desa/kelurahan dan kecamatan) serta foto bila ada, agar dapat segera kami teruskan ke petugas.",
  },
  {
    id: "done",
    title: "Sudah ditangani",
    text: "Halo {{nama}}, laporan Anda sudah ditangani. Bila masih ada kendala, silakan sampaikan kembali. Terima kasih atas kepeduliannya.",
  },
];

const VARIABLES: Record<string, (item: InboxItem) => string | null> = {
  nama: (item) => item.author.name,
  nomor: (item) => item.trackingNumber,
};

const VARIABLE_PATTERN = /\{\{(\w+)\}\}/g;

/** Templates whose every variable this item can fill (no tracking number, no "{{nomor}}" template). */
export function responsesFor(item: InboxItem): CannedResponse[] {
  return CANNED_RESPONSES.filter((response) => [...response.text.matchAll(VARIABLE_PATTERN)].every(([, name]) => VARIABLES[name!]?.(item)));
}

export function fillResponse(response: CannedResponse, item: InboxItem): string {
  return response.text.replace(VARIABLE_PATTERN, (match, name: string) => VARIABLES[name]?.(item) ?? match);
}

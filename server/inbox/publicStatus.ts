/** How a report's status reads to the citizen: the tracking page and WhatsApp's status answers. */
import type { InboxStatus } from "@server/db/generated/enums.js";
import type { PublicReport } from "./webReports.js";

/** Each status in plain Indonesian, with a sentence on what it means for the citizen. */
export const STATUS_TEXT: Record<InboxStatus, (report: PublicReport) => { label: string; meaning: string }> = {
  new: () => ({ label: "Diterima", meaning: "Laporan Anda sudah masuk dan menunggu diperiksa petugas." }),
  triaged: () => ({ label: "Sedang diverifikasi", meaning: "Petugas sedang memeriksa laporan Anda." }),
  assigned: (report) => ({
    label: `Diteruskan ke ${report.unitName ?? "perangkat daerah terkait"}`,
    meaning: "Laporan Anda sudah diteruskan kepada yang berwenang menanganinya.",
  }),
  in_progress: () => ({ label: "Sedang ditangani", meaning: "Laporan Anda sedang ditindaklanjuti." }),
  answered: () => ({
    label: "Dijawab",
    meaning: "Petugas sudah menanggapi laporan Anda; lihat tanggapannya di bawah.",
  }),
  resolved: () => ({ label: "Selesai", meaning: "Laporan Anda sudah selesai ditindaklanjuti." }),
  reopened: () => ({ label: "Dibuka kembali", meaning: "Laporan Anda ditindaklanjuti kembali." }),
  closed_spam: () => ({ label: "Tidak dapat diproses", meaning: "Laporan ini tidak dapat kami tindak lanjuti." }),
};

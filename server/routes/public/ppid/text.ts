import type { Request } from "express";
import type { Locale } from "@server/i18n/locale.js";

// The words of the public PPID pages in Bahasa Indonesia and English. The language is chosen by
// the address (?lang=en), so a page can be linked, cached and shared in either.

export function pageLanguage(req: Request): Locale {
  return req.query.lang === "en" ? "en" : "id";
}

/** A path with the page's language kept (Indonesian needs nothing). */
export function localized(path: string, lang: Locale, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== "") params.set(key, String(value));
  if (lang === "en") params.set("lang", "en");
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const id = {
  ppid: "Pejabat Pengelola Informasi dan Dokumentasi (PPID)",
  ppidOf: (unit: string) => `PPID ${unit}`,
  utama: "PPID Utama",
  pelaksana: "PPID Pelaksana",
  about: "Tentang PPID",
  howToRequest: "Cara mengajukan permohonan informasi",
  requestButton: "Ajukan permohonan informasi",
  howToObject: "Cara mengajukan keberatan",
  serviceStandard: "Standar layanan",
  serviceHours: "Waktu layanan",
  contact: "Kontak",
  address: "Alamat",
  phone: "Telepon",
  email: "Email",
  notPublishedYet: "Belum diumumkan.",
  noPpid: "Badan publik ini belum menetapkan PPID di Siar.",
  pelaksanaList: "PPID Pelaksana",
  dip: "Daftar Informasi Publik",
  dipIntro:
    "Informasi yang wajib disediakan dan diumumkan menurut UU No. 14 Tahun 2008 tentang Keterbukaan Informasi Publik: informasi berkala, serta-merta, dan tersedia setiap saat.",
  exceptedList: "Daftar informasi yang dikecualikan",
  exceptedIntro:
    "Informasi yang dikecualikan berdasarkan Pasal 17 UU No. 14 Tahun 2008, masing-masing dengan uji konsekuensinya dan masa berlakunya. Setelah masa pengecualian berakhir, informasi kembali terbuka dan tercantum di Daftar Informasi Publik.",
  search: "Cari",
  searchLabel: "Kata kunci",
  unit: "Unit",
  allUnits: "Semua unit",
  dipClass: "Klasifikasi",
  allClasses: "Semua klasifikasi",
  year: "Tahun",
  reset: "Hapus saringan",
  results: (count: number) => `${count} informasi ditemukan`,
  moreResults: (count: number) => `Lebih dari ${count.toLocaleString("id-ID")} informasi ditemukan`,
  none: "Tidak ada informasi yang cocok.",
  notFoundAsk: "Tidak menemukan informasi yang Anda cari?",
  pageOf: (page: number, count: number) => `Halaman ${page} dari ${count}`,
  page: (page: number) => `Halaman ${page}`,
  previous: "← Sebelumnya",
  next: "Berikutnya →",
  download: "Unduh",
  export: "Unduh daftar",
  title: "Judul",
  summary: "Ringkasan isi informasi",
  responsible: "Pejabat/unit penanggung jawab",
  madeOn: "Waktu pembuatan",
  period: "Periode",
  formats: "Bentuk informasi",
  retention: "Jangka waktu penyimpanan",
  body: "Badan",
  files: "Dokumen",
  noFiles: "Belum ada dokumen daring; informasi dapat diminta melalui permohonan.",
  version: (n: number) => `versi ${n}`,
  olderVersions: "Versi sebelumnya",
  exemption: "Dasar pengecualian",
  exemptionArticle: (letter: string) => `Pasal 17 huruf ${letter} UU No. 14 Tahun 2008`,
  consequenceTest: "Uji konsekuensi",
  exceptedUntil: "Dikecualikan sampai",
  exceptedNote:
    "Isi informasi ini tidak dibuka. Anda tetap dapat mengajukan permohonan; bila ditolak, Anda dapat mengajukan keberatan.",
  exceptionEnded: (day: string) => `Pengecualian berakhir ${day}; informasi ini kini terbuka.`,
  fromAnnouncement: "Diumumkan sebagai pengumuman resmi:",
  backToList: "← Daftar Informasi Publik",
  invalidAddress: "Alamat tidak valid",
  invalidAddressBody: "Saringan pada alamat ini tidak dikenal.",
  language: "English",
};

type Words = typeof id;

const en: Words = {
  ppid: "Information and Documentation Management Officer (PPID)",
  ppidOf: (unit) => `PPID ${unit}`,
  utama: "Principal PPID",
  pelaksana: "Implementing PPID",
  about: "About the PPID",
  howToRequest: "How to request information",
  requestButton: "Request information",
  howToObject: "How to file an objection",
  serviceStandard: "Service standard",
  serviceHours: "Service hours",
  contact: "Contact",
  address: "Address",
  phone: "Phone",
  email: "E-mail",
  notPublishedYet: "Not published yet.",
  noPpid: "This public body has not designated its PPID in Siar yet.",
  pelaksanaList: "Implementing PPIDs",
  dip: "Public Information List",
  dipIntro:
    "Information to be provided and announced under Law 14/2008 on Public Information Disclosure: periodic information, immediate information, and information available at any time.",
  exceptedList: "List of excepted information",
  exceptedIntro:
    "Information excepted under Article 17 of Law 14/2008, each with its consequence test and how long the exception lasts. When an exception ends, the information is open again and appears on the Public Information List.",
  search: "Search",
  searchLabel: "Keywords",
  unit: "Unit",
  allUnits: "All units",
  dipClass: "Class",
  allClasses: "All classes",
  year: "Year",
  reset: "Clear filters",
  results: (count) => `${count} ${count === 1 ? "entry" : "entries"} found`,
  moreResults: (count) => `More than ${count.toLocaleString("en-GB")} entries found`,
  none: "No information matches.",
  notFoundAsk: "Did not find what you are looking for?",
  pageOf: (page, count) => `Page ${page} of ${count}`,
  page: (page) => `Page ${page}`,
  previous: "← Previous",
  next: "Next →",
  download: "Download",
  export: "Download the list",
  title: "Title",
  summary: "Summary",
  responsible: "Responsible official or office",
  madeOn: "Made on",
  period: "Period",
  formats: "Available as",
  retention: "Retention period",
  body: "Body",
  files: "Documents",
  noFiles: "No document online yet; the information can be requested.",
  version: (n) => `version ${n}`,
  olderVersions: "Earlier versions",
  exemption: "Ground for the exception",
  exemptionArticle: (letter) => `Article 17(${letter}) of Law 14/2008`,
  consequenceTest: "Consequence test",
  exceptedUntil: "Excepted until",
  exceptedNote:
    "The content of this information is not disclosed. You may still request it; if refused, you may file an objection.",
  exceptionEnded: (day) => `The exception ended on ${day}; this information is now open.`,
  fromAnnouncement: "Announced as an official announcement:",
  backToList: "← Public Information List",
  invalidAddress: "Invalid address",
  invalidAddressBody: "The filters in this address are not recognised.",
  language: "Bahasa Indonesia",
};

export const WORDS: Record<Locale, Words> = { id, en };

/** What a PPID without a written profile shows: the procedure of UU 14/2008 and Perki 1/2021. */
export const DEFAULT_PROCEDURES: Record<Locale, { request: string; objection: string }> = {
  id: {
    request:
      "Isi formulir permohonan informasi secara daring atau datang langsung ke meja layanan PPID dengan membawa identitas (KTP untuk perorangan, akta pendirian untuk badan hukum). Anda menerima nomor pendaftaran dan tanda bukti penerimaan. PPID wajib memberikan pemberitahuan tertulis paling lambat 10 hari kerja sejak permohonan diterima, dan dapat memperpanjangnya satu kali paling lama 7 hari kerja dengan alasan tertulis.",
    objection:
      "Bila permohonan ditolak, tidak ditanggapi, ditanggapi tidak sebagaimana diminta, dikenai biaya yang tidak wajar, atau dijawab terlambat, Anda dapat mengajukan keberatan kepada atasan PPID paling lambat 30 hari kerja setelah alasan itu ada. Atasan PPID menjawab dalam 30 hari kerja. Bila tidak puas, Anda dapat mengajukan sengketa ke Komisi Informasi dalam 14 hari kerja.",
  },
  en: {
    request:
      "Fill in the information request form online or come to the PPID service desk with proof of identity (an identity card for a person, the deed of establishment for a legal body). You receive a registration number and a receipt. The PPID must give a written notice within 10 working days of receiving the request, extendable once by at most 7 working days with written reasons.",
    objection:
      "If a request is refused, not answered, answered not as asked, charged an unreasonable fee or answered late, you may object to the PPID's superior within 30 working days after the reason arose. The superior answers within 30 working days. If you are not satisfied, you may bring a dispute to the Information Commission within 14 working days.",
  },
};

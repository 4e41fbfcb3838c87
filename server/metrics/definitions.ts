import { IndonesianHolidays } from "@server/deadlines/holidaysId.js";
import {
  INDONESIAN_TIME_ZONES,
  WorkingCalendar,
  calendarMinutesBetween,
  type IndonesianTimeZone,
} from "@server/deadlines/workingTime.js";
import type { InboxStatus } from "@server/db/generated/enums.js";
import { OPEN_STATUSES } from "@server/inbox/lifecycle.js";
import {
  AGE_BUCKETS,
  type AgeBucket,
  VOLUME_BUCKETS,
  VOLUME_GROUPS,
  type VolumeBucket,
  type VolumeGroup,
} from "./dimensions.js";

export { AGE_BUCKETS, type AgeBucket, VOLUME_BUCKETS, VOLUME_GROUPS, type VolumeBucket, type VolumeGroup };

// Every figure the dashboard shows is defined here once: the constants, the small pure
// functions behind them, and the glossary text the UI shows next to each figure.

/** The zone in which days, weeks and months are counted for volume buckets and date filters. */
export const REPORTING_TIME_ZONE: IndonesianTimeZone = "Asia/Jakarta";
export const REPORTING_OFFSET_MINUTES = INDONESIAN_TIME_ZONES[REPORTING_TIME_ZONE];
/** The period shown when none is asked for: the last 30 days up to now. */
export const DEFAULT_PERIOD_DAYS = 30;
/** Longest period a request may cover; a bigger one is a mistake or an attempt to load the server. */
export const MAX_PERIOD_DAYS = 2 * 366;

/** Backlog: items still waiting for the office (answered items wait for the citizen, not for us). */
export const BACKLOG_STATUSES: readonly InboxStatus[] = OPEN_STATUSES;

/** A delivery is on time when published at most this many minutes after it was due. */
export const ON_TIME_TOLERANCE_MINUTES = 5;

/**
 * Nearest-rank percentile: the smallest value such that at least p of the values are ≤ it, i.e.
 * the ⌈p·n⌉-th smallest. Always an observed value; the same as PostgreSQL's percentile_disc.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/**
 * Percentiles over more answered items than this (in the scope and period) are estimated from a
 * fixed sample, so that two years of a busy office still read in a fraction of a second; up to it
 * they are exact (sorting that many is quick, wherever they are found). The sample is one item in
 * eight (ids, random, starting with 0 or 1), or one in sixty-four (00–03) beyond
 * SMALL_SAMPLE_FACTOR times this: it then holds from about 2,500 to 20,000 items, and a median of
 * 2,500 is within about 1 % of the exact rank.
 */
export const EXACT_PERCENTILES_UP_TO = 20_000;
/** Beyond this many times EXACT_PERCENTILES_UP_TO answered items, the one-in-sixty-four sample. */
export const SMALL_SAMPLE_FACTOR = 8;

/** A share as a fraction 0–1, or null when nothing was measured (not 0: "no data" is not "all late"). */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function ageBucketOf(ageDays: number): AgeBucket {
  return AGE_BUCKETS.find((bucket) => ageDays < bucket.toDays)!.key;
}

const holidays = new IndonesianHolidays();
const calendars = new Map<IndonesianTimeZone, WorkingCalendar>();

/** The working calendar of a unit's time zone; an unknown or missing zone counts as Asia/Jakarta. */
export function workingCalendarFor(timeZone: string | null | undefined): WorkingCalendar {
  const zone = (timeZone && timeZone in INDONESIAN_TIME_ZONES ? timeZone : REPORTING_TIME_ZONE) as IndonesianTimeZone;
  let calendar = calendars.get(zone);
  if (!calendar) calendars.set(zone, (calendar = new WorkingCalendar({ timeZone: zone, holidays })));
  return calendar;
}

/**
 * A duration in whole calendar minutes and whole office minutes of the owning unit's calendar
 * (seconds dropped). The database keeps the same: calendar minutes in generated columns,
 * working minutes stored from here (server/metrics/workingMinutes.ts).
 */
export function durationMinutes(
  from: Date,
  to: Date,
  timeZone: string | null | undefined,
): { calendar: number; working: number } {
  return {
    calendar: Math.floor(calendarMinutesBetween(from, to)),
    working: Math.floor(workingCalendarFor(timeZone).workingMinutesBetween(from, to)),
  };
}

type Text = { name: string; definition: string };
export type GlossaryEntry = { id: Text; en: Text };

const RESPONSE_EXCLUSIONS = {
  id: "Laporan yang ditandai spam (closed_spam) dan duplikat yang digabungkan tidak dihitung.",
  en: "Items marked as spam (closed_spam) and merged duplicates are left out.",
};
const PERIOD_BY_RECEIPT = {
  id: "Dihitung atas laporan yang diterima dalam periode yang dipilih.",
  en: "Counted over the items received in the chosen period.",
};
const PERCENTILE = {
  id: `Median dan persentil ke-90 memakai metode peringkat terdekat (nilai ke-⌈p·n⌉ setelah diurutkan). Bila lebih dari ${EXACT_PERCENTILES_UP_TO.toLocaleString("id-ID")} laporan ditanggapi dalam cakupan, keduanya diperkirakan dari sampel tetap satu dari delapan laporan, atau satu dari enam puluh empat bila lebih dari ${(EXACT_PERCENTILES_UP_TO * SMALL_SAMPLE_FACTOR).toLocaleString("id-ID")} (ditandai ≈).`,
  en: `Median and 90th percentile use the nearest-rank method (the ⌈p·n⌉-th value in order). When more than ${EXACT_PERCENTILES_UP_TO.toLocaleString("en")} items in scope were answered, both are estimated from a fixed sample of one item in eight, or one in sixty-four beyond ${(EXACT_PERCENTILES_UP_TO * SMALL_SAMPLE_FACTOR).toLocaleString("en")} (marked ≈).`,
};
const WORKING_MINUTES = {
  id: "Ditampilkan dalam menit kalender dan menit kerja (jam kantor unit pemilik, tanpa akhir pekan, libur nasional dan cuti bersama; zona waktu unit, bawaan WIB), dalam menit penuh (detik diabaikan).",
  en: "Shown in calendar minutes and in working minutes (the owning unit's office hours, without weekends, national holidays and cuti bersama; the unit's time zone, WIB by default), in whole minutes (seconds dropped).",
};
const entry = (id: [string, ...string[]], en: [string, ...string[]]): GlossaryEntry => ({
  id: { name: id[0], definition: id.slice(1).join(" ") },
  en: { name: en[0], definition: en.slice(1).join(" ") },
});

/** What each figure means, in both languages, for the dashboard, exports and reports. */
export const GLOSSARY = {
  volume: entry(
    [
      "Jumlah laporan",
      "Laporan warga yang diterima dalam periode, menurut kanal/sumber, jenis, kategori atau urgensi; dikelompokkan per hari, minggu (Senin–Minggu) atau bulan WIB. Spam tidak dihitung; duplikat dihitung karena tiap warga melapor sendiri.",
    ],
    [
      "Volume",
      "Citizens' items received in the period, by channel/source, kind, category or urgency; bucketed by day, week (Monday–Sunday) or month in WIB. Spam is left out; duplicates count, as each citizen reported on their own.",
    ],
  ),
  firstResponse: entry(
    [
      "Waktu tanggapan pertama",
      "Dari diterimanya laporan sampai balasan pertama petugas.",
      PERIOD_BY_RECEIPT.id,
      WORKING_MINUTES.id,
      PERCENTILE.id,
      RESPONSE_EXCLUSIONS.id,
    ],
    [
      "First-response time",
      "From receipt of an item to the office's first reply.",
      PERIOD_BY_RECEIPT.en,
      WORKING_MINUTES.en,
      PERCENTILE.en,
      RESPONSE_EXCLUSIONS.en,
    ],
  ),
  resolution: entry(
    [
      "Waktu penyelesaian",
      "Dari diterimanya laporan sampai dinyatakan selesai (laporan yang dibuka kembali dan belum selesai lagi tidak dihitung).",
      PERIOD_BY_RECEIPT.id,
      WORKING_MINUTES.id,
      PERCENTILE.id,
      RESPONSE_EXCLUSIONS.id,
    ],
    [
      "Resolution time",
      "From receipt of an item to its resolution (items reopened and not resolved again are not counted).",
      PERIOD_BY_RECEIPT.en,
      WORKING_MINUTES.en,
      PERCENTILE.en,
      RESPONSE_EXCLUSIONS.en,
    ],
  ),
  compliance: entry(
    [
      "Kepatuhan tenggat",
      "Bagian laporan bertenggat yang ditanggapi paling lambat pada tenggat tanggapan pertama, dan yang diselesaikan paling lambat pada tenggat penyelesaian. Hanya laporan yang tenggatnya sudah lewat atau yang sudah ditanggapi/diselesaikan yang dinilai.",
      PERIOD_BY_RECEIPT.id,
      RESPONSE_EXCLUSIONS.id,
    ],
    [
      "Deadline compliance",
      "Share of items with a deadline answered by their first-response deadline, and resolved by their resolution deadline. Only items whose deadline has passed or that were answered/resolved are judged.",
      PERIOD_BY_RECEIPT.en,
      RESPONSE_EXCLUSIONS.en,
    ],
  ),
  overdue: entry(
    [
      "Lewat tenggat",
      "Laporan yang belum selesai dan tenggat tanggapan pertama (belum dibalas) atau tenggat penyelesaiannya sudah lewat saat ini, dengan umurnya sejak diterima. Keadaan saat ini: tidak dibatasi periode.",
      RESPONSE_EXCLUSIONS.id,
    ],
    [
      "Overdue",
      "Unresolved items whose first-response deadline (not yet answered) or resolution deadline has passed now, with their age since receipt. A snapshot of now: not limited to the period.",
      RESPONSE_EXCLUSIONS.en,
    ],
  ),
  backlog: entry(
    [
      "Tunggakan",
      "Laporan terbuka (baru, ditriase, ditugaskan, diproses, dibuka kembali) menurut umur sejak diterima: <1 hari, 1–3, 3–7, 7–14, ≥14 hari, dan menurut unit. Keadaan saat ini: tidak dibatasi periode.",
      RESPONSE_EXCLUSIONS.id,
    ],
    [
      "Backlog",
      "Open items (new, triaged, assigned, in progress, reopened) by age since receipt: <1 day, 1–3, 3–7, 7–14, ≥14 days, and by unit. A snapshot of now: not limited to the period.",
      RESPONSE_EXCLUSIONS.en,
    ],
  ),
  reopenRate: entry(
    [
      "Tingkat dibuka kembali",
      "Laporan yang pernah dibuka kembali dibagi laporan yang pernah diselesaikan.",
      PERIOD_BY_RECEIPT.id,
      RESPONSE_EXCLUSIONS.id,
    ],
    [
      "Reopen rate",
      "Items reopened at least once divided by items resolved at least once.",
      PERIOD_BY_RECEIPT.en,
      RESPONSE_EXCLUSIONS.en,
    ],
  ),
  units: entry(
    [
      "Peringkat unit",
      "Per unit di bawah unit yang dipilih (beserta seluruh sub-unitnya): jumlah laporan, median tanggapan pertama, kepatuhan tenggat dan tingkat dibuka kembali. Pilih unit untuk melihat rinciannya.",
    ],
    [
      "Unit league table",
      "Per unit below the chosen unit (with all its sub-units): volume, median first response, deadline compliance and reopen rate. Choose a unit to drill down.",
    ],
  ),
  earlyWarnings: entry(
    [
      "Peringatan dini",
      "Peringatan topik yang meningkat yang muncul dalam periode, dan median waktu (menit kalender) sampai diakui petugas.",
    ],
    [
      "Early warnings",
      "Rising-topic warnings raised in the period, and the median time (calendar minutes) until staff acknowledged them.",
    ],
  ),
  areas: entry(
    [
      "Wilayah",
      "Laporan per kecamatan dan desa/kelurahan tempat kejadian, diurutkan dari yang terbanyak; laporan di desa dijumlahkan ke kecamatannya. Spam tidak dihitung.",
    ],
    [
      "Areas",
      "Items per kecamatan and desa/kelurahan where it happened, most first; a desa's items add up to its kecamatan. Spam is left out.",
    ],
  ),
  publishing: entry(
    [
      "Publikasi",
      `Unggahan yang terbit per kanal dan unit dalam periode; tepat waktu bila terbit paling lambat ${ON_TIME_TOLERANCE_MINUTES} menit setelah jadwalnya, atau setelah disetujui bila tanpa jadwal (unggahan tanpa jadwal dan tanpa persetujuan tidak dinilai); kegagalan per kanal.`,
    ],
    [
      "Publishing",
      `Posts published per channel and unit in the period; on time when published at most ${ON_TIME_TOLERANCE_MINUTES} minutes after their schedule, or after approval when not scheduled (posts with neither are not judged); failures per channel.`,
    ],
  ),
  engagement: entry(
    [
      "Keterlibatan",
      "Reaksi, komentar, bagikan dan tayangan pada unggahan yang terbit dalam periode, menurut hitungan terakhir platform (dibaca berkala untuk unggahan beberapa hari terakhir). Reaksi: reaksi Facebook, suka Instagram dan X. Bagikan: bagikan Facebook dan Instagram, repost dan kutipan X. Tayangan: impresi unggahan Facebook, tayangan Instagram, impresi X; situs web dan WordPress tidak melaporkan keterlibatan. Tayangan kosong bila tidak ada platform yang melaporkannya.",
    ],
    [
      "Engagement",
      "Reactions, comments, shares and views on the posts published in the period, as the platforms last counted them (read periodically for posts of the last few days). Reactions: Facebook reactions, Instagram and X likes. Shares: Facebook and Instagram shares, X reposts and quotes. Views: Facebook post impressions, Instagram views, X impressions; the website and WordPress report no engagement. Views are empty when no platform reported them.",
    ],
  ),
  trend: entry(
    ["Tren", "Angka yang sama untuk periode sebelumnya dengan panjang yang sama, tepat sebelum periode yang dipilih."],
    ["Trend", "The same figure for the previous period of equal length, just before the chosen one."],
  ),
} satisfies Record<string, GlossaryEntry>;
export type Figure = keyof typeof GLOSSARY;

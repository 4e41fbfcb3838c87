import { Prisma, type PrismaClient } from "@server/db/client.js";
import { codeWord } from "@server/exports/words.js";
import { responseFigures, type ResponseFigures } from "@server/metrics/inbox.js";
import { CHANNEL_LABELS, DECISION_LABELS, STATUS_LABELS } from "@server/ppid/codes.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { reportingCalendar } from "@server/reporting/settings.js";
import { organisationScope } from "@server/reports/scope.js";

// Siar's open data (Satu Data Indonesia): the public pages' figures and lists as datasets, each
// defined once here with what it holds and when its data last changed. Nothing personal: the
// same columns the public pages show (aggregates; the DIP; the register without applicants).

/** Months of transparency figures in the download: the current one and the eleven before it. */
export const TRANSPARENCY_MONTHS = 12;
/** The register download's cap, far above a regional body's yearly requests. */
export const REGISTER_ROWS_MAX = 50_000;

export type DatasetId = "transparansi" | "dip" | "register-ppid";

export type DatasetInfo = {
  id: DatasetId;
  title: string;
  description: string;
  keyword: string[];
  /** The public page the figures or list come from. */
  landingPage: string;
};

export const DATASETS: readonly DatasetInfo[] = [
  {
    id: "transparansi",
    title: "Kinerja layanan pengaduan dan aspirasi per bulan",
    description:
      "Jumlah laporan warga yang diterima, ditanggapi dan diselesaikan, median waktu tanggapan (menit kerja) dan kepatuhan tenggat, per bulan dan per kategori, dua belas bulan terakhir. Angka gabungan tanpa data pribadi, seperti halaman Transparansi.",
    keyword: ["pengaduan", "aspirasi", "pelayanan publik", "transparansi"],
    landingPage: "/transparansi",
  },
  {
    id: "dip",
    title: "Daftar Informasi Publik (DIP)",
    description:
      "Daftar Informasi Publik yang diumumkan PPID (UU 14/2008, Perki 1/2021): judul, ringkasan, pejabat penanggung jawab, waktu pembuatan, bentuk, jangka waktu penyimpanan dan tautan dokumennya.",
    keyword: ["PPID", "DIP", "keterbukaan informasi publik"],
    landingPage: "/ppid/dip",
  },
  {
    id: "register-ppid",
    title: "Register permohonan informasi publik",
    description:
      "Register permohonan informasi publik (Perki 1/2021): nomor pendaftaran, tanggal, PPID, cara permohonan, ringkasan yang ditulis petugas, status, keputusan, tanggal pemberitahuan tertulis, lama dalam hari kerja dan jumlah keberatan. Tanpa nama, kontak maupun isi permohonan pemohon.",
    keyword: ["PPID", "permohonan informasi", "register"],
    landingPage: "/ppid/register",
  },
];

type Row = Record<string, string | number | null>;

const minutes = (value: number | null) => (value === null ? null : Math.round(value));
const rate = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

function transparencyRow(month: string, category: string | null, figures: ResponseFigures): Row {
  return {
    bulan: month,
    kategori: category,
    kategori_label: category ? codeWord("id", "inboxCategory", category) : "Semua kategori",
    diterima: figures.volume,
    ditanggapi: figures.firstResponse.count,
    diselesaikan: figures.resolution.count,
    median_tanggapan_menit_kerja: minutes(figures.firstResponse.workingMinutes.median),
    median_penyelesaian_menit_kerja: minutes(figures.resolution.workingMinutes.median),
    kepatuhan_tanggapan: rate(figures.compliance.firstResponse.rate),
    kepatuhan_penyelesaian: rate(figures.compliance.resolution.rate),
  };
}

/** The transparency page's figures of each of the last twelve months: all categories, then each. */
export async function transparencyRows(prisma: PrismaClient, now = new Date()): Promise<Row[]> {
  const calendar = await reportingCalendar(prisma);
  const months = Array.from({ length: TRANSPARENCY_MONTHS }, (_, back) =>
    calendar.monthOf(calendar.monthStart(now, -back)),
  );
  const rows: Row[] = [];
  for (const month of months.reverse()) {
    const scope = await organisationScope(prisma, calendar.monthPeriod(month), now);
    const byCategory = await responseFigures(prisma, scope, Prisma.sql`i."category"`);
    const overall = (await responseFigures(prisma, scope)).get(null);
    if (overall) rows.push(transparencyRow(month, null, overall));
    for (const [category, figures] of [...byCategory].sort(([a], [b]) => (a ?? "").localeCompare(b ?? ""))) {
      if (figures.volume > 0 && category !== null) rows.push(transparencyRow(month, category, figures));
    }
  }
  return rows;
}

/** The public register (server/routes/public/ppid/register.ts) in full, newest first. */
export async function registerRows(prisma: PrismaClient): Promise<Row[]> {
  const calendar = await officeCalendar(prisma);
  const rows = await prisma.ppidRequest.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: REGISTER_ROWS_MAX,
    select: {
      registrationNumber: true,
      receivedAt: true,
      channel: true,
      status: true,
      decision: true,
      decidedAt: true,
      publicSummary: true,
      unit: { select: { name: true } },
      _count: { select: { objections: true } },
    },
  });
  return rows.map((row) => {
    const receivedOn = calendar.dateOf(row.receivedAt);
    const decidedOn = row.decidedAt ? calendar.dateOf(row.decidedAt) : null;
    return {
      nomor_pendaftaran: row.registrationNumber,
      tanggal_diterima: receivedOn,
      ppid: row.unit.name,
      cara_permohonan: CHANNEL_LABELS[row.channel].id,
      ringkasan: row.publicSummary,
      status: STATUS_LABELS[row.status].id,
      keputusan: row.decision ? DECISION_LABELS[row.decision].id : null,
      tanggal_pemberitahuan: decidedOn,
      hari_kerja: decidedOn ? calendar.workingDaysBetween(receivedOn, decidedOn) : null,
      keberatan: row._count.objections,
    };
  });
}

/** When each dataset's data last changed: the newest change among the records it is made of. */
export async function datasetsModified(prisma: PrismaClient): Promise<Record<DatasetId, Date | null>> {
  const [items, dip, register] = await Promise.all([
    prisma.inboxItem.aggregate({ _max: { updatedAt: true } }),
    prisma.dipItem.aggregate({ where: { status: "published" }, _max: { updatedAt: true } }),
    prisma.ppidRequest.aggregate({ _max: { updatedAt: true } }),
  ]);
  return {
    transparansi: items._max.updatedAt,
    dip: dip._max.updatedAt,
    "register-ppid": register._max.updatedAt,
  };
}

import { type ActingOrigin, recordAudit } from "@server/audit/record.js";
import type { PrismaClient } from "@server/db/client.js";
import { formatRate } from "@server/reports/format.js";
import type { Letterhead } from "@server/reports/letterhead.js";
import type { PpidCalendar } from "./calendar.js";
import {
  CHANNEL_LABELS,
  DECISION_LABELS,
  DISPUTE_OUTCOME_LABELS,
  EXEMPTIONS,
  type Exemption,
  OBJECTION_OUTCOME_LABELS,
  OBJECTION_REASONS,
  type ObjectionReason,
} from "./codes.js";
import { type PpidFigures, ppidFigures } from "./figures.js";
import { Letter, longDate } from "./pdf/letter.js";
import type { ReportScope } from "./reportScope.js";

// The yearly public-information service report (laporan layanan informasi publik), per PPID and for
// the whole body, due by the end of March for the year before. Staff write its prose; every
// figure is read from the registers when the report is read, so it is never out of date.

/** The prose sections staff write, in the report's order. */
export const ANNUAL_REPORT_SECTIONS = [
  "policy",
  "staff",
  "facilities",
  "budget",
  "obstacles",
  "recommendations",
] as const;
export type AnnualReportSection = (typeof ANNUAL_REPORT_SECTIONS)[number];
export type AnnualReportProse = Partial<Record<AnnualReportSection, string>>;

const SECTION_TITLES: Record<AnnualReportSection, string> = {
  policy: "Kebijakan pelayanan informasi publik",
  staff: "Sumber daya manusia",
  facilities: "Sarana dan prasarana",
  budget: "Anggaran",
  obstacles: "Kendala internal dan eksternal",
  recommendations: "Rekomendasi dan rencana tindak lanjut",
};

export type AnnualReport = {
  year: number;
  /** "body:2026" or "unit:<id>:2026". */
  key: string;
  title: string;
  /** The last day to publish it: 31 March of the next year. */
  dueOn: string;
  sections: AnnualReportProse;
  /** Every prose section written. */
  complete: boolean;
  updatedAt: string | null;
  figures: PpidFigures;
};

export async function loadAnnualReport(
  prisma: Pick<PrismaClient, "ppidAnnualReport" | "ppidRequest">,
  scope: ReportScope,
  year: number,
  calendar: PpidCalendar,
  now: Date,
): Promise<AnnualReport> {
  const key = scope.reportKey(year);
  const [stored, figures] = await Promise.all([
    prisma.ppidAnnualReport.findUnique({ where: { scopeKey: key } }),
    ppidFigures(prisma, { AND: [scope.where, { receivedAt: calendar.yearRange(year) }] }, calendar, now),
  ]);
  const sections = (stored?.sections ?? {}) as AnnualReportProse;
  return {
    year,
    key,
    title: `Laporan Layanan Informasi Publik Tahun ${year}`,
    dueOn: `${year + 1}-03-31`,
    sections,
    complete: ANNUAL_REPORT_SECTIONS.every((section) => sections[section]?.trim()),
    updatedAt: stored?.updatedAt.toISOString() ?? null,
    figures,
  };
}

/** Saves the prose (the sections given replace theirs, the others stay), audited. */
export async function saveAnnualReport(
  prisma: PrismaClient,
  input: { origin: ActingOrigin; scope: ReportScope; year: number; sections: AnnualReportProse },
): Promise<void> {
  const key = input.scope.reportKey(input.year);
  await prisma.$transaction(async (tx) => {
    const stored = await tx.ppidAnnualReport.findUnique({ where: { scopeKey: key } });
    const sections = { ...((stored?.sections ?? {}) as AnnualReportProse), ...input.sections };
    await tx.ppidAnnualReport.upsert({
      where: { scopeKey: key },
      create: {
        scopeKey: key,
        unitId: input.scope.unit?.id ?? null,
        year: input.year,
        sections,
        updatedById: input.origin.actor.id,
      },
      update: { sections, updatedById: input.origin.actor.id },
    });
    await recordAudit(tx, input.origin, {
      action: "ppid_annual_report.update",
      targetType: "PpidAnnualReport",
      targetId: key,
      unitId: input.scope.unit?.id ?? null,
      changes: { sections: Object.keys(input.sections) },
    });
  });
}

const days = (value: number | null) =>
  value === null ? "–" : `${value.toLocaleString("id-ID", { maximumFractionDigits: 1 })} hari kerja`;
const count = (value: number) => value.toLocaleString("id-ID");

/** The figures as the report's labelled rows, one table per part. */
export function figureTables(f: PpidFigures): { title: string; rows: [string, string][] }[] {
  return [
    {
      title: "Permohonan informasi menurut kanal",
      rows: [
        ["Jumlah permohonan diterima", count(f.requests.received)],
        ...Object.entries(f.requests.byChannel).map(([channel, n]): [string, string] => [
          CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS].id,
          count(n),
        ]),
      ],
    },
    {
      title: "Keputusan atas permohonan",
      rows: [
        ...Object.entries(f.requests.byDecision).map(([decision, n]): [string, string] => [
          DECISION_LABELS[decision as keyof typeof DECISION_LABELS].id,
          count(n),
        ]),
        ["Belum diputuskan", count(f.requests.pending)],
        ["Jangka waktu diperpanjang", count(f.requests.extended)],
      ],
    },
    {
      title: "Pengecualian yang digunakan (UU 14/2008 Pasal 17)",
      rows: Object.entries(f.requests.exemptions)
        .filter(([, n]) => n > 0)
        .map(([letter, n]): [string, string] => [`Huruf ${letter}: ${EXEMPTIONS[letter as Exemption].id}`, count(n)]),
    },
    {
      title: "Waktu sampai pemberitahuan tertulis",
      rows: [
        ["Pemberitahuan diterbitkan", count(f.notice.decided)],
        ["Tepat waktu", `${count(f.notice.onTime)} (${formatRate(f.notice.onTimeRate)})`],
        ["Melewati batas waktu", count(f.notice.late)],
        ["Belum dijawab dan sudah lewat batas waktu", count(f.notice.overdue)],
        ["Rata-rata waktu", days(f.notice.averageWorkingDays)],
        ["Waktu terlama", days(f.notice.longestWorkingDays)],
      ],
    },
    {
      title: "Keberatan",
      rows: [
        ["Keberatan diajukan", count(f.objections.filed)],
        ...Object.entries(f.objections.byReason)
          .filter(([, n]) => n > 0)
          .map(([reason, n]): [string, string] => [
            `Alasan huruf ${reason}: ${OBJECTION_REASONS[reason as ObjectionReason].id}`,
            count(n),
          ]),
        ["Ditanggapi atasan PPID", count(f.objections.answered)],
        ["Ditanggapi tepat waktu", count(f.objections.answeredOnTime)],
        ...Object.entries(f.objections.byOutcome).map(([outcome, n]): [string, string] => [
          OBJECTION_OUTCOME_LABELS[outcome as keyof typeof OBJECTION_OUTCOME_LABELS].id,
          count(n),
        ]),
        ["Belum ditanggapi", count(f.objections.pending)],
      ],
    },
    {
      title: "Sengketa informasi di Komisi Informasi",
      rows: [
        ["Sengketa diajukan", count(f.disputes.filed)],
        ...Object.entries(f.disputes.byOutcome).map(([outcome, n]): [string, string] => [
          DISPUTE_OUTCOME_LABELS[outcome as keyof typeof DISPUTE_OUTCOME_LABELS].id,
          count(n),
        ]),
        ["Masih berjalan", count(f.disputes.pending)],
      ],
    },
    {
      title: "Survei kepuasan pemohon",
      rows: [
        ["Jumlah penilaian", count(f.survey.responses)],
        [
          "Rata-rata kepuasan (1–5)",
          f.survey.averageSatisfaction === null
            ? "–"
            : f.survey.averageSatisfaction.toLocaleString("id-ID", { maximumFractionDigits: 2 }),
        ],
        ["Informasi tepat waktu", formatRate(f.survey.timelyRate)],
        ["Informasi sesuai permintaan", formatRate(f.survey.asRequestedRate)],
      ],
    },
  ];
}

export function annualReportPdf(
  report: AnnualReport,
  head: { office: string; issuer: string; letterhead: Letterhead },
): Promise<Buffer> {
  const letter = new Letter({ ...head, title: report.title });
  const prose = (section: AnnualReportSection) =>
    letter.heading(SECTION_TITLES[section]).paragraph(report.sections[section]?.trim() || "(belum diisi)");
  letter.note(
    `Laporan ini wajib diumumkan paling lambat ${longDate(report.dueOn)}. Angka dihitung dari register permohonan dan keberatan di Siar.`,
  );
  letter.heading("I. Gambaran umum kebijakan pelayanan informasi publik");
  prose("policy");
  letter.heading("II. Gambaran umum pelaksanaan pelayanan informasi publik");
  for (const section of ["staff", "facilities", "budget"] as const) prose(section);
  letter.heading("III. Rincian pelayanan informasi publik");
  for (const table of figureTables(report.figures)) {
    letter.paragraph(table.title, { bold: true });
    letter.fields(table.rows.length > 0 ? table.rows : [["Tidak ada", "–"]]);
  }
  letter.heading("IV. Kendala");
  prose("obstacles");
  letter.heading("V. Rekomendasi");
  prose("recommendations");
  return letter.finish();
}

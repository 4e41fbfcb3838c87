import { STAFF_APP_BASE as STAFF_APP } from "@server/config.js";
import type { Services } from "@server/services.js";
import type { PpidCalendar } from "./calendar.js";
import type { Bilingual } from "./codes.js";
import { dipCheck } from "./dipAssessment.js";
import { DIP_OBLIGATIONS } from "./dipCompliance.js";
import { ppidFigures } from "./figures.js";
import { loadAnnualReport } from "./annualReport.js";
import type { ReportScope } from "./reportScope.js";

// The self-assessment: which obligations the Komisi Informasi's yearly monitoring looks at are met
// in Siar, for the whole body and for each PPID Pelaksana, each with its live evidence and, when
// not met, where to fix it. The monitoring questionnaire can be answered from this page.

export type Evidence = { label: Bilingual; href: string };
export type Obligation = {
  id: string;
  title: Bilingual;
  met: boolean;
  /** What Siar found, in a sentence. */
  finding: Bilingual;
  evidence: Evidence[];
  /** Where staff fix it when it is not met. */
  fix?: Evidence;
};

export type AssessmentContext = {
  services: Pick<Services, "prisma" | "config">;
  scope: ReportScope;
  /** The year assessed; the annual report checked is the previous year's. */
  year: number;
  calendar: PpidCalendar;
  now: Date;
};

/** One obligation, checked against what Siar holds. */
export type SelfAssessmentCheck = (context: AssessmentContext) => Promise<Obligation>;

const unitQuery = (context: AssessmentContext) => (context.scope.unit ? `&unitId=${context.scope.unit.id}` : "");

/** The request and objection service: forms online, the register kept, notices and answers on time, the annual report. */
export const REQUEST_SERVICE_CHECKS: readonly SelfAssessmentCheck[] = [
  async (context) => {
    const utama = await context.services.prisma.unit.findFirst({
      where: { ppidLevel: "utama", active: true },
      select: { id: true },
    });
    const addressed = context.scope.unit ? context.scope.unit.ppidLevel !== null : utama !== null;
    return {
      id: "request_form_online",
      title: { id: "Formulir permohonan informasi tersedia daring", en: "The information request form is online" },
      met: addressed,
      finding: addressed
        ? { id: "Permohonan dapat diajukan melalui situs web.", en: "Requests can be filed on the website." }
        : {
            id: "Unit ini belum ditetapkan sebagai PPID, jadi tidak dapat dipilih di formulir.",
            en: "This unit is not marked as a PPID, so the form does not offer it.",
          },
      evidence: [
        {
          label: { id: "Formulir permohonan", en: "Request form" },
          href: `${context.services.config.publicBaseUrl}/ppid/permohonan`,
        },
      ],
      fix: addressed
        ? undefined
        : { label: { id: "Atur unit sebagai PPID", en: "Mark the unit as a PPID" }, href: `${STAFF_APP}/admin/units` },
    };
  },
  async (context) => ({
    id: "objection_form_online",
    title: { id: "Formulir keberatan tersedia daring", en: "The objection form is online" },
    met: true,
    finding: {
      id: "Setiap pemohon dapat mengajukan keberatan dari halaman permohonannya, begitu alasannya ada.",
      en: "Every applicant can object from their case page as soon as a reason exists.",
    },
    evidence: [
      {
        label: { id: "Halaman permohonan dan keberatan", en: "Case and objection page" },
        href: `${context.services.config.publicBaseUrl}/ppid/lacak`,
      },
    ],
  }),
  async (context) => {
    const received = await context.services.prisma.ppidRequest.count({
      where: { AND: [context.scope.where, { receivedAt: context.calendar.yearRange(context.year) }] },
    });
    return {
      id: "request_register_kept",
      title: { id: "Register permohonan dan keberatan", en: "Register of requests and objections" },
      met: true,
      finding: {
        id: `${received} permohonan tercatat pada ${context.year}; register publik dan ekspor sesuai Perki 1/2021 tersedia.`,
        en: `${received} requests recorded in ${context.year}; the public register and exports after Perki 1/2021 are available.`,
      },
      evidence: [
        {
          label: { id: "Register publik", en: "Public register" },
          href: `${context.services.config.publicBaseUrl}/ppid/register?tahun=${context.year}${context.scope.unit ? `&ppid=${context.scope.unit.id}` : ""}`,
        },
        {
          label: { id: "Register (CSV)", en: "Register (CSV)" },
          href: `/api/ppid/registers/requests.csv?year=${context.year}${unitQuery(context)}`,
        },
      ],
    };
  },
  async (context) => {
    const figures = await ppidFigures(
      context.services.prisma,
      { AND: [context.scope.where, { receivedAt: context.calendar.yearRange(context.year) }] },
      context.calendar,
      context.now,
    );
    const { notice } = figures;
    const noticesMet = notice.late === 0 && notice.overdue === 0;
    return {
      id: "notices_on_time",
      title: { id: "Pemberitahuan tertulis tepat waktu (Pasal 22)", en: "Written notices on time (Article 22)" },
      met: noticesMet,
      finding: {
        id: `${notice.onTime} dari ${notice.decided} pemberitahuan tepat waktu; ${notice.late} terlambat; ${notice.overdue} permohonan belum dijawab melewati batas waktu.`,
        en: `${notice.onTime} of ${notice.decided} notices on time; ${notice.late} late; ${notice.overdue} requests unanswered past their deadline.`,
      },
      evidence: [
        {
          label: { id: "Angka tahun ini", en: "This year's figures" },
          href: `/api/ppid/figures?year=${context.year}${unitQuery(context)}&format=csv`,
        },
      ],
      fix: noticesMet
        ? undefined
        : {
            label: { id: "Permohonan lewat batas waktu", en: "Overdue requests" },
            href: `${STAFF_APP}/ppid/requests?view=overdue`,
          },
    };
  },
  async (context) => {
    const { objections } = await ppidFigures(
      context.services.prisma,
      { AND: [context.scope.where, { receivedAt: context.calendar.yearRange(context.year) }] },
      context.calendar,
      context.now,
    );
    const late = objections.answered - objections.answeredOnTime;
    const met = late === 0;
    return {
      id: "objections_answered_on_time",
      title: { id: "Keberatan ditanggapi tepat waktu (Pasal 36)", en: "Objections answered on time (Article 36)" },
      met,
      finding: {
        id: `${objections.answeredOnTime} dari ${objections.answered} keberatan ditanggapi tepat waktu; ${objections.pending} menunggu tanggapan.`,
        en: `${objections.answeredOnTime} of ${objections.answered} objections answered on time; ${objections.pending} waiting for an answer.`,
      },
      evidence: [
        { label: { id: "Daftar keberatan", en: "Objections" }, href: `${STAFF_APP}/ppid/objections?view=all` },
      ],
      fix: met
        ? undefined
        : {
            label: { id: "Keberatan lewat batas waktu", en: "Overdue objections" },
            href: `${STAFF_APP}/ppid/objections?view=overdue`,
          },
    };
  },
  async (context) => {
    const previous = context.year - 1;
    const report = await loadAnnualReport(
      context.services.prisma,
      context.scope,
      previous,
      context.calendar,
      context.now,
    );
    return {
      id: "annual_report_made",
      title: {
        id: `Laporan layanan informasi publik tahun ${previous}`,
        en: `Public information service report for ${previous}`,
      },
      met: report.complete,
      finding: report.complete
        ? { id: "Semua bagian laporan sudah diisi.", en: "Every section of the report is written." }
        : {
            id: `Bagian uraian laporan belum lengkap; batasnya ${report.dueOn}.`,
            en: `The report's prose is incomplete; it is due by ${report.dueOn}.`,
          },
      evidence: [
        {
          label: { id: "Laporan (PDF)", en: "Report (PDF)" },
          href: `/api/ppid/annual-reports/${previous}/report.pdf${context.scope.unit ? `?unitId=${context.scope.unit.id}` : ""}`,
        },
      ],
      fix: report.complete
        ? undefined
        : {
            label: { id: "Lengkapi laporan", en: "Complete the report" },
            href: `${STAFF_APP}/ppid/reports?year=${previous}`,
          },
    };
  },
  async (context) => {
    const unit = context.scope.unit
      ? await context.services.prisma.unit.findUnique({
          where: { id: context.scope.unit.id },
          select: { ppidLevel: true, ppidSuperiorId: true },
        })
      : await context.services.prisma.unit.findFirst({
          where: { ppidLevel: "utama" },
          select: { ppidLevel: true, ppidSuperiorId: true },
        });
    const met = !!unit?.ppidLevel && !!unit.ppidSuperiorId;
    return {
      id: "ppid_structure",
      title: { id: "PPID dan atasan PPID ditetapkan", en: "The PPID and its atasan are appointed" },
      met,
      finding: met
        ? {
            id: "Unit ditetapkan sebagai PPID dan atasan PPID sudah ditunjuk.",
            en: "The unit is a PPID and its atasan is named.",
          }
        : {
            id: "Unit belum ditetapkan sebagai PPID atau atasan PPID belum ditunjuk.",
            en: "The unit is not a PPID or no atasan PPID is named.",
          },
      evidence: [],
      fix: met
        ? undefined
        : {
            label: { id: "Atur PPID di data unit", en: "Set the PPID in the unit's settings" },
            href: `${STAFF_APP}/admin/units`,
          },
    };
  },
];

/**
 * The checks of the public information list (DIP): published and current with each of its columns,
 * each class present, the excepted list with its consequence tests, service hours, contact and
 * profile published. Each answers from dipCompliance() over the scope's PPID (the whole body's:
 * the PPID Utama's), so the answers are the DIP's as it stands.
 */
export const DIP_CHECKS: readonly SelfAssessmentCheck[] = DIP_OBLIGATIONS.map(dipCheck);

export async function selfAssessment(context: AssessmentContext): Promise<Obligation[]> {
  return Promise.all([...REQUEST_SERVICE_CHECKS, ...DIP_CHECKS].map((check) => check(context)));
}

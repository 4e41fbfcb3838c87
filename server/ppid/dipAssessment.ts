import { STAFF_APP_BASE } from "@server/config.js";
import type { Bilingual } from "./codes.js";
import { type DipCompliance, type DipObligation, type DipObligationCode, dipCompliance } from "./dipCompliance.js";
import type { AssessmentContext, Obligation, SelfAssessmentCheck } from "./selfAssessment.js";

// The DIP's questions of the self-assessment, answered by dipCompliance() for the PPID the scope
// is about: the PPID Utama for the whole body, else the unit's own PPID. The words here only say
// what the figures dipCompliance found mean; whether an obligation is met is its answer alone.

type Details = Record<string, unknown>;
type Words = {
  title: Bilingual;
  finding(details: Details, met: boolean): Bilingual;
  evidence: Bilingual;
  fix: Bilingual;
};

const n = (details: Details, key: string) => Number(details[key] ?? 0);
const DIP_LIST = { id: "Daftar Informasi Publik", en: "List of public information" };
const ADD_ENTRY = { id: "Tambah informasi ke DIP", en: "Add information to the DIP" };
const EDIT_DIP = { id: "Perbaiki DIP", en: "Fix the DIP" };
const PROFILE = { id: "Profil PPID", en: "PPID profile" };
const EDIT_PROFILE = { id: "Lengkapi profil PPID", en: "Complete the PPID profile" };

const classWords = (name: Bilingual, article: string): Words => ({
  title: {
    id: `Informasi ${name.id} tersedia (Pasal ${article})`,
    en: `${name.en} information is listed (Article ${article})`,
  },
  finding: (details) => ({
    id: `${n(details, "entries")} informasi ${name.id} di DIP publik.`,
    en: `${n(details, "entries")} ${name.en} entries on the public DIP.`,
  }),
  evidence: { id: `DIP: informasi ${name.id}`, en: `DIP: ${name.en} information` },
  fix: ADD_ENTRY,
});

const WORDS: Record<DipObligationCode, Words> = {
  dip_published: {
    title: { id: "Daftar Informasi Publik diumumkan di situs web", en: "The list of public information is published" },
    finding: (details) => ({
      id: `${n(details, "publicEntries")} informasi tercantum di DIP publik.`,
      en: `${n(details, "publicEntries")} entries on the public DIP.`,
    }),
    evidence: DIP_LIST,
    fix: ADD_ENTRY,
  },
  dip_current: {
    title: { id: "DIP mutakhir", en: "The DIP is current" },
    finding: (details) => {
      const months = n(details, "withinMonths");
      const last = typeof details.lastChange === "string" ? details.lastChange.slice(0, 10) : null;
      return last
        ? {
            id: `Terakhir diperbarui ${last}; dianggap mutakhir bila diperbarui dalam ${months} bulan terakhir.`,
            en: `Last changed on ${last}; current means changed within the last ${months} months.`,
          }
        : { id: "DIP belum pernah diumumkan.", en: "The DIP has never been published." };
    },
    evidence: DIP_LIST,
    fix: EDIT_DIP,
  },
  dip_columns_complete: {
    title: {
      id: "Setiap informasi di DIP memuat semua kolomnya",
      en: "Every DIP entry has each of its columns",
    },
    finding: (details) => {
      const titles = ((details.entries ?? []) as { title: string }[]).slice(0, 3).map((entry) => entry.title);
      const named = titles.length ? `: ${titles.join("; ")}` : "";
      return {
        id: `${n(details, "incomplete")} informasi belum lengkap (ringkasan, pejabat, waktu pembuatan, bentuk, jangka waktu penyimpanan)${named}.`,
        en: `${n(details, "incomplete")} entries lack a column (summary, official, when made, form, retention)${named}.`,
      };
    },
    evidence: DIP_LIST,
    fix: EDIT_DIP,
  },
  class_berkala: classWords({ id: "berkala", en: "Periodic" }, "9"),
  class_serta_merta: classWords({ id: "serta-merta", en: "Immediate (serta-merta)" }, "10"),
  class_setiap_saat: classWords({ id: "setiap saat", en: "Available-at-any-time" }, "11"),
  excepted_list_with_tests: {
    title: {
      id: "Daftar informasi yang dikecualikan, dengan uji konsekuensi (Pasal 17)",
      en: "The list of excepted information, with consequence tests (Article 17)",
    },
    finding: (details) => ({
      id: `${n(details, "excepted")} informasi dikecualikan; ${n(details, "withoutConsequenceTest")} tanpa uji konsekuensi.`,
      en: `${n(details, "excepted")} excepted entries; ${n(details, "withoutConsequenceTest")} without a consequence test.`,
    }),
    evidence: { id: "Daftar informasi yang dikecualikan", en: "Excepted information" },
    fix: EDIT_DIP,
  },
  service_hours_published: {
    title: { id: "Waktu layanan PPID diumumkan", en: "The PPID's service hours are published" },
    finding: (_details, met) =>
      met
        ? { id: "Waktu layanan tercantum di profil PPID.", en: "The service hours are on the PPID's profile." }
        : { id: "Profil PPID belum memuat waktu layanan.", en: "The PPID's profile has no service hours." },
    evidence: PROFILE,
    fix: EDIT_PROFILE,
  },
  contact_published: {
    title: { id: "Alamat dan kontak PPID diumumkan", en: "The PPID's address and contact are published" },
    finding: (_details, met) =>
      met
        ? { id: "Alamat dan telepon atau email tercantum.", en: "The address and a phone number or e-mail are listed." }
        : {
            id: "Profil PPID belum memuat alamat dan telepon atau email.",
            en: "The PPID's profile lacks the address, or both phone and e-mail.",
          },
    evidence: PROFILE,
    fix: EDIT_PROFILE,
  },
  profile_page: {
    title: { id: "Profil PPID diumumkan di situs web", en: "The PPID's profile is published" },
    finding: (_details, met) =>
      met
        ? { id: "Profil PPID sudah diisi.", en: "The PPID's profile is written." }
        : { id: "Profil PPID belum diisi.", en: "The PPID's profile is not written yet." },
    evidence: PROFILE,
    fix: EDIT_PROFILE,
  },
};

const NO_PPID: Bilingual = {
  id: "Unit ini belum ditetapkan sebagai PPID, jadi belum memiliki DIP untuk dinilai.",
  en: "This unit is not marked as a PPID, so it has no DIP to assess.",
};

/** One answer per context: the ten DIP checks of a section share one dipCompliance() query. */
const answers = new WeakMap<AssessmentContext, Promise<DipCompliance | null>>();

async function complianceOf(context: AssessmentContext): Promise<DipCompliance | null> {
  const { scope, services } = context;
  const unit =
    scope.kind === "unit"
      ? scope.unit
      : scope.kind === "body"
        ? await services.prisma.unit.findFirst({
            where: { ppidLevel: "utama", active: true },
            select: { id: true, ppidLevel: true },
          })
        : null;
  if (!unit?.ppidLevel) return null;
  return dipCompliance(services, { unitId: unit.id, now: context.now });
}

/** Staff pages as the staff app's own paths; public pages stay absolute. */
function staffPath(url: string, publicBaseUrl: string): string {
  const path = url.startsWith(publicBaseUrl) ? url.slice(publicBaseUrl.length) : url;
  return path.startsWith(`${STAFF_APP_BASE}/`) ? path : url;
}

function toObligation(code: DipObligationCode, answer: DipObligation, publicBaseUrl: string): Obligation {
  const words = WORDS[code];
  return {
    id: code,
    title: words.title,
    met: answer.met,
    finding: words.finding(answer.details, answer.met),
    evidence: answer.evidence.map((href) => ({ label: words.evidence, href })),
    fix: answer.met ? undefined : { label: words.fix, href: staffPath(answer.fix, publicBaseUrl) },
  };
}

/** The self-assessment's check of one DIP obligation. */
export function dipCheck(code: DipObligationCode): SelfAssessmentCheck {
  return async (context) => {
    if (!answers.has(context)) answers.set(context, complianceOf(context));
    const compliance = await answers.get(context)!;
    const answer = compliance?.obligations.find((candidate) => candidate.code === code);
    if (!answer)
      return {
        id: code,
        title: WORDS[code].title,
        met: false,
        finding: NO_PPID,
        evidence: [],
        fix: {
          label: { id: "Atur unit sebagai PPID", en: "Mark the unit as a PPID" },
          href: `${STAFF_APP_BASE}/admin/units`,
        },
      };
    return toObligation(code, answer, context.services.config.publicBaseUrl);
  };
}

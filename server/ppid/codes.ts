import type {
  PpidAccessMethod,
  PpidApplicantType,
  PpidChannel,
  PpidCopyForm,
  PpidDecision,
  PpidDelivery,
  PpidDisputeOutcome,
  PpidIdentityType,
  PpidObjectionOutcome,
  PpidRequestStatus,
} from "@server/db/generated/enums.js";
import type { Locale } from "@server/i18n/locale.js";

// The codes of the PPID service and their wording in the law's terms, in Bahasa Indonesia and
// English, for the public pages, the PDFs and the exports (the staff app has its own copies in
// web/src/i18n). One definition of each list, imported wherever it is needed.

export type Bilingual = Record<Locale, string>;

// UU 14/2008 Pasal 17's exemptions (letters a–j) are one list for the DIP and for refusals.
export {
  EXEMPTION_LABELS as EXEMPTIONS,
  EXEMPTION_LETTERS,
  type ExemptionLetter as Exemption,
} from "./dip/codes.js";

/** UU 14/2008 Pasal 35(1): the reasons an applicant may object for, letters a–g. */
export const OBJECTION_REASONS = {
  a: {
    id: "permohonan informasi ditolak dengan alasan pengecualian Pasal 17",
    en: "the request was refused on an exemption of Article 17",
  },
  b: { id: "informasi berkala (Pasal 9) tidak disediakan", en: "periodic information (Article 9) is not provided" },
  c: { id: "permohonan informasi tidak ditanggapi", en: "the request was not answered" },
  d: {
    id: "permohonan informasi ditanggapi tidak sebagaimana yang diminta",
    en: "the request was answered not as asked",
  },
  e: { id: "permohonan informasi tidak dipenuhi", en: "the request was not fulfilled" },
  f: { id: "pengenaan biaya yang tidak wajar", en: "an unreasonable fee was charged" },
  g: {
    id: "informasi disampaikan melebihi jangka waktu yang diatur",
    en: "the information was given later than the law allows",
  },
} as const satisfies Record<string, Bilingual>;
export type ObjectionReason = keyof typeof OBJECTION_REASONS;
export const OBJECTION_REASON_LETTERS = Object.keys(OBJECTION_REASONS) as ObjectionReason[];

export const CHANNEL_LABELS: Record<PpidChannel, Bilingual> = {
  web: { id: "Situs web", en: "Website" },
  in_person: { id: "Datang langsung", en: "In person" },
  phone: { id: "Telepon", en: "Phone" },
  letter: { id: "Surat", en: "Letter" },
  email: { id: "Email", en: "E-mail" },
  social_media: { id: "Media sosial", en: "Social media" },
};

export const APPLICANT_TYPE_LABELS: Record<PpidApplicantType, Bilingual> = {
  person: { id: "Perorangan", en: "Individual" },
  organisation: { id: "Kelompok orang/organisasi", en: "Group or organisation" },
  legal_body: { id: "Badan hukum", en: "Legal body" },
};

export const IDENTITY_TYPE_LABELS: Record<PpidIdentityType, Bilingual> = {
  nik: { id: "NIK (KTP)", en: "NIK (identity card)" },
  deed: { id: "Akta/SK pengesahan badan hukum", en: "Deed of the legal body" },
  passport: { id: "Paspor", en: "Passport" },
  other: { id: "Identitas lain", en: "Other identity document" },
};

export const ACCESS_METHOD_LABELS: Record<PpidAccessMethod, Bilingual> = {
  view: { id: "Melihat/membaca/mendengarkan/mencatat", en: "See, read, hear or take notes" },
  copy: { id: "Mendapatkan salinan", en: "Get a copy" },
};

export const COPY_FORM_LABELS: Record<PpidCopyForm, Bilingual> = {
  soft_copy: { id: "Salinan elektronik (softcopy)", en: "Electronic copy (soft copy)" },
  hard_copy: { id: "Salinan cetak (hardcopy)", en: "Printed copy (hard copy)" },
};

export const DELIVERY_LABELS: Record<PpidDelivery, Bilingual> = {
  pick_up: { id: "Mengambil langsung", en: "Pick up in person" },
  post: { id: "Pos", en: "Post" },
  courier: { id: "Kurir", en: "Courier" },
  email: { id: "Email", en: "E-mail" },
};

export const STATUS_LABELS: Record<PpidRequestStatus, Bilingual> = {
  received: { id: "Diterima", en: "Received" },
  in_process: { id: "Sedang diproses", en: "In process" },
  decided: { id: "Sudah diputuskan", en: "Decided" },
};

export const DECISION_LABELS: Record<PpidDecision, Bilingual> = {
  granted: { id: "Dikabulkan seluruhnya", en: "Granted in full" },
  granted_in_part: { id: "Dikabulkan sebagian", en: "Granted in part" },
  refused: { id: "Ditolak (informasi dikecualikan)", en: "Refused (exempted information)" },
  not_held: { id: "Informasi tidak dikuasai", en: "Information not held" },
  not_yet_documented: { id: "Informasi belum didokumentasikan", en: "Information not yet documented" },
};

export const OBJECTION_OUTCOME_LABELS: Record<PpidObjectionOutcome, Bilingual> = {
  accepted: { id: "Keberatan diterima", en: "Objection accepted" },
  rejected: { id: "Keberatan ditolak (keputusan PPID tetap)", en: "Objection rejected (the PPID's decision stands)" },
};

export const DISPUTE_OUTCOME_LABELS: Record<PpidDisputeOutcome, Bilingual> = {
  mediation_agreement: { id: "Kesepakatan mediasi", en: "Mediation agreement" },
  granted: { id: "Permohonan dikabulkan", en: "Request granted" },
  granted_in_part: { id: "Permohonan dikabulkan sebagian", en: "Request granted in part" },
  rejected: { id: "Permohonan ditolak", en: "Request rejected" },
  withdrawn: { id: "Dicabut pemohon", en: "Withdrawn by the applicant" },
  dismissed: { id: "Tidak dapat diterima", en: "Dismissed" },
};

/** The decisions that withhold information on an exemption: they need the consequence test. */
export const WITHHOLDING_DECISIONS: readonly PpidDecision[] = ["refused", "granted_in_part"];
/** The decisions under which the applicant receives (some of) the information. */
export const GRANTING_DECISIONS: readonly PpidDecision[] = ["granted", "granted_in_part"];

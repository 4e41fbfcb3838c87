/** The triage taxonomy of DESIGN.md ("use these exact codes"), defined once for rules, classifier and CLI. */
export const KINDS = ["pengaduan", "aspirasi", "pertanyaan", "permohonan_informasi", "apresiasi", "lainnya"] as const;
export const CATEGORIES = [
  "infrastruktur",
  "lingkungan",
  "kesehatan",
  "pendidikan",
  "kependudukan",
  "sosial",
  "ketertiban",
  "pelayanan_publik",
  "utilitas",
  "ekonomi",
  "lainnya",
] as const;
/** From most to least severe: ties between urgencies are broken towards the more severe one. */
export const URGENCIES = ["darurat", "tinggi", "normal", "rendah"] as const;

export type Kind = (typeof KINDS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Urgency = (typeof URGENCIES)[number];

export const TRIAGE_FIELDS = ["kind", "category", "urgency"] as const;
export type TriageField = (typeof TRIAGE_FIELDS)[number];
export type CodeOf<F extends TriageField> = { kind: Kind; category: Category; urgency: Urgency }[F];
export type TriageLabels = { [F in TriageField]: CodeOf<F> };

export const CODES_OF: { [F in TriageField]: readonly CodeOf<F>[] } = {
  kind: KINDS,
  category: CATEGORIES,
  urgency: URGENCIES,
};

export function isCodeOf<F extends TriageField>(field: F, value: unknown): value is CodeOf<F> {
  return (CODES_OF[field] as readonly unknown[]).includes(value);
}

/** Why a field got its code: which rule fired on which words, with what weight. */
export type Reason = { rule: string; matched: string; weight: number };

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

/** The kinds of danger the emergency rules know (server/triage/emergency.ts), named in the UI. */
export const DANGERS = [
  "flood",
  "fire",
  "landslide",
  "collapse",
  "weapon",
  "live_cable",
  "gas",
  "missing_person",
  "medical",
  "animal",
  "drowning",
  "fallen_tree",
  "accident",
  "rescue",
] as const;
export type Danger = (typeof DANGERS)[number];

/**
 * What a reason says, for the UI to put in its own language: the learned model's words, an
 * emergency cue (and the kind of danger), a cue that did not count and why, spam, staff corrections.
 */
export const REASON_CODES = [
  "model",
  "model_emergency",
  "emergency",
  "emergency_negated",
  "emergency_resolved",
  "emergency_past",
  "emergency_possible",
  "emergency_overruled",
  "spam",
  "corrections",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export type ReasonNote = { code: ReasonCode; danger?: Danger; probability?: number };

/**
 * Why a field got its code: which rule fired on which words, with what weight, and what that
 * means (`note`; reasons stored before notes existed have none).
 */
export type Reason = { rule: string; matched: string; weight: number; note?: ReasonNote };

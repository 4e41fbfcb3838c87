/**
 * Triage of one citizen message. The learned model (model.ts, trained on the corpus) reads kind,
 * category and urgency; the emergency rules (emergency.ts) make sure no danger to life is read
 * as anything but darurat; spam rules close promotions (never an emergency); the classifier trained on staff
 * corrections replaces a field when it is confident and has seen that label often enough. Every
 * field says which source decided it and why.
 */
import type { TriageClassifier } from "./classifier.js";
import { findEmergencyCues, type EmergencyCue } from "./emergency.js";
import type { ModelEstimate, TriageModel } from "./model.js";
import { normalize } from "./normalize.js";
import { recognisePlace, type KnownPlace, type PlaceMatch } from "./places.js";
import { shippedModel } from "./shippedModel.js";
import { spamEvidence } from "./spam.js";
import {
  URGENCIES,
  type CodeOf,
  type Reason,
  type ReasonCode,
  type TriageField,
  type TriageLabels,
  type Urgency,
} from "./taxonomy.js";

export type TriageSource = "model" | "rules" | "classifier";
export type FieldTriage<C extends string> = {
  code: C;
  source: TriageSource;
  /** The model's or the classifier's probability; 1 for a rule. */
  score: number;
  reasons: Reason[];
};
export type TriageResult = { [F in TriageField]: FieldTriage<CodeOf<F>> } & {
  place: PlaceMatch | null;
  spam: boolean;
  /** The emergency cues that count (a darurat item alerts its unit with these words). */
  emergency: EmergencyCue[];
};

export type TriageOptions = {
  places?: readonly KnownPlace[];
  /** Trained on staff corrections (classifier.ts). */
  classifier?: TriageClassifier;
  /** The learned base; the shipped model unless given. */
  model?: TriageModel;
  /** The classifier overrides a field only at or above this probability. */
  minProbability?: number;
  /** ...and only with at least this many training examples of the label it proposes. */
  minExamplesPerLabel?: number;
};

export const DEFAULT_MIN_PROBABILITY = 0.85;
export const DEFAULT_MIN_EXAMPLES_PER_LABEL = 5;

/**
 * The model reads darurat from this probability on, below its most likely code: a missed
 * emergency costs far more than a false alarm. On the training writers left out in turn, 0.2
 * catches more emergencies than 0.25 with false alarms under 4%; lower, a fever a puskesmas
 * turned away (tinggi) already reads as darurat. See the README's triage figures.
 */
export const DARURAT_PROBABILITY = 0.2;
/** When every emergency word in the message was negated, over or hypothetical, the model must be this sure. */
export const DARURAT_PROBABILITY_AFTER_DISMISSED_CUES = 0.8;
/**
 * Below this darurat probability the model overrules the emergency words: the message mentions a
 * danger but is plainly about something else ("mohon data jumlah kejadian kebakaran", thanks for a
 * blown transformer mended, a plea for a house-repair programme). On the training writers left out
 * in turn no real emergency the rules caught scored under 0.023; this is about a fifth of that,
 * for writers unlike them. See the README's triage figures.
 */
export const EMERGENCY_WORDS_OVERRULED_BELOW = 0.005;

/** Why a cue did not count, by its status (an active one did not count because the model overruled it). */
const DISMISSED_REASON: Record<EmergencyCue["status"], ReasonCode> = {
  active: "emergency_overruled",
  negated: "emergency_negated",
  resolved: "emergency_resolved",
  past: "emergency_past",
  possible: "emergency_possible",
};

function modelField<F extends TriageField>(
  estimate: ModelEstimate,
  field: F,
  code?: CodeOf<F>,
): FieldTriage<CodeOf<F>> {
  const decided = estimate[field];
  const chosen = code ?? decided.code;
  const probability = (decided.probabilities as Record<string, number>)[chosen]!;
  return {
    code: chosen,
    source: "model",
    score: probability,
    reasons: [
      {
        rule: `model.${field}.${chosen}`,
        matched: chosen === decided.code ? decided.words.join(", ") : "",
        weight: probability,
        note: { code: field === "urgency" && chosen === "darurat" ? "model_emergency" : "model", probability },
      },
    ],
  };
}

/** The emergency cues that make the message darurat: the active ones, unless the model overrules them all. */
const countedCues = (estimate: ModelEstimate, cues: readonly EmergencyCue[]) =>
  estimate.urgency.probabilities.darurat < EMERGENCY_WORDS_OVERRULED_BELOW
    ? []
    : cues.filter((cue) => cue.status === "active");

/** `active`: the cues that count (countedCues); the others are listed as dismissed, with why. */
function decideUrgency(estimate: ModelEstimate, cues: EmergencyCue[], active: EmergencyCue[]): FieldTriage<Urgency> {
  const dismissed: Reason[] = cues
    .filter((cue) => !active.includes(cue))
    .map((cue) => ({
      rule: `emergency.${cue.danger}.${cue.status === "active" ? "overruled" : cue.status}`,
      matched: cue.matched,
      weight: 0,
      note: { code: DISMISSED_REASON[cue.status], danger: cue.danger },
    }));
  if (active.length > 0)
    return {
      code: "darurat",
      source: "rules",
      score: 1,
      reasons: active.map((cue) => ({
        rule: `emergency.${cue.danger}`,
        matched: cue.matched,
        weight: 1,
        note: { code: "emergency", danger: cue.danger },
      })),
    };
  const probabilities = estimate.urgency.probabilities;
  const threshold = dismissed.length > 0 ? DARURAT_PROBABILITY_AFTER_DISMISSED_CUES : DARURAT_PROBABILITY;
  if (probabilities.darurat >= threshold) {
    const decided = modelField(estimate, "urgency", "darurat");
    return { ...decided, reasons: [...decided.reasons, ...dismissed] };
  }
  // Otherwise the most likely of the other levels.
  const code = URGENCIES.filter((urgency) => urgency !== "darurat").reduce((best, urgency) =>
    probabilities[urgency] > probabilities[best] ? urgency : best,
  );
  const decided = modelField(estimate, "urgency", code);
  return { ...decided, reasons: [...decided.reasons, ...dismissed] };
}

const SPAM_LABELS: TriageLabels = { kind: "lainnya", category: "lainnya", urgency: "rendah" };

export function triage(text: string, options: TriageOptions = {}): TriageResult {
  const minProbability = options.minProbability ?? DEFAULT_MIN_PROBABILITY;
  const minExamples = options.minExamplesPerLabel ?? DEFAULT_MIN_EXAMPLES_PER_LABEL;
  const normalized = normalize(text);
  const place = recognisePlace(text, options.places ?? []);
  const cues = findEmergencyCues(text, normalized);
  const spam = spamEvidence(normalized);
  // A cry for help that names a loan shark or a gambling site is still a cry for help.
  if (spam.spam && !cues.some((cue) => cue.status === "active")) {
    const bySpamRules = <F extends TriageField>(field: F): FieldTriage<CodeOf<F>> => ({
      code: SPAM_LABELS[field] as CodeOf<F>,
      source: "rules",
      score: 1,
      reasons: spam.reasons,
    });
    return {
      kind: bySpamRules("kind"),
      category: bySpamRules("category"),
      urgency: bySpamRules("urgency"),
      place,
      spam: true,
      emergency: [],
    };
  }

  const estimate = (options.model ?? shippedModel()).estimate(text, { normalized, cues });
  const counted = countedCues(estimate, cues);
  const base = {
    kind: modelField(estimate, "kind"),
    category: modelField(estimate, "category"),
    urgency: decideUrgency(estimate, cues, counted),
  };
  const learned = options.classifier?.predict(normalized);
  const corrected = <F extends TriageField>(field: F): FieldTriage<CodeOf<F>> => {
    const decided = base[field] as FieldTriage<CodeOf<F>>;
    const prediction = learned?.[field];
    const confident = prediction && prediction.probability >= minProbability && prediction.examples >= minExamples;
    if (!confident || prediction.code === decided.code) return decided;
    // Corrections refine the reading; they never talk an emergency the rules found out of being one.
    if (field === "urgency" && decided.source === "rules") return decided;
    return {
      code: prediction.code,
      source: "classifier",
      score: prediction.probability,
      reasons: [
        {
          rule: `classifier.${field}.${prediction.code}`,
          matched: `${prediction.examples}`,
          weight: prediction.probability,
          note: { code: "corrections", probability: prediction.probability },
        },
      ],
    };
  };
  return {
    kind: corrected("kind"),
    category: corrected("category"),
    urgency: corrected("urgency"),
    place,
    spam: false,
    emergency: counted,
  };
}

/** Just the three codes, for evaluation and the CLI. */
export const labelsOf = (result: TriageResult): TriageLabels => ({
  kind: result.kind.code,
  category: result.category.code,
  urgency: result.urgency.code,
});

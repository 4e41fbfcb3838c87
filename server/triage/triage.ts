/**
 * Triage of one citizen message: the rules decide first; the classifier trained on staff
 * corrections replaces a field only when it is confident and has seen that label often enough.
 * Every field says which source decided it and why.
 */
import type { TriageClassifier } from "./classifier.js";
import { normalize } from "./normalize.js";
import { recognisePlace, type KnownPlace, type PlaceMatch } from "./places.js";
import { applyRules } from "./rules.js";
import { TRIAGE_FIELDS, type CodeOf, type Reason, type TriageField, type TriageLabels } from "./taxonomy.js";

export type FieldTriage<C extends string> = {
  code: C;
  source: "rules" | "classifier";
  /** Rule score, or the classifier's probability when it decided. */
  score: number;
  reasons: Reason[];
};
export type TriageResult = { [F in TriageField]: FieldTriage<CodeOf<F>> } & { place: PlaceMatch | null; spam: boolean };

export type TriageOptions = {
  places?: readonly KnownPlace[];
  classifier?: TriageClassifier;
  /** The classifier overrides a field only at or above this probability. */
  minProbability?: number;
  /** ...and only with at least this many training examples of the label it proposes. */
  minExamplesPerLabel?: number;
};

export const DEFAULT_MIN_PROBABILITY = 0.85;
export const DEFAULT_MIN_EXAMPLES_PER_LABEL = 5;

export function triage(text: string, options: TriageOptions = {}): TriageResult {
  const minProbability = options.minProbability ?? DEFAULT_MIN_PROBABILITY;
  const minExamples = options.minExamplesPerLabel ?? DEFAULT_MIN_EXAMPLES_PER_LABEL;
  const normalized = normalize(text);
  const rules = applyRules(normalized);
  const learned = options.classifier?.predict(normalized);

  const decide = <F extends TriageField>(field: F): FieldTriage<CodeOf<F>> => {
    const byRules = rules[field] as { code: CodeOf<F>; score: number; reasons: Reason[] };
    const prediction = learned?.[field];
    const confident = prediction && prediction.probability >= minProbability && prediction.examples >= minExamples;
    if (!confident || prediction.code === byRules.code) return { ...byRules, source: "rules" };
    const why = `p=${prediction.probability.toFixed(2)} from ${prediction.examples} corrections; rules said ${byRules.code}`;
    return {
      code: prediction.code,
      source: "classifier",
      score: prediction.probability,
      reasons: [{ rule: `classifier.${field}.${prediction.code}`, matched: why, weight: prediction.probability }],
    };
  };

  const fields = Object.fromEntries(TRIAGE_FIELDS.map((field) => [field, decide(field)])) as {
    [F in TriageField]: FieldTriage<CodeOf<F>>;
  };
  return { ...fields, place: recognisePlace(text, options.places ?? []), spam: rules.spam };
}

/** Just the three codes, for evaluation and the CLI. */
export const labelsOf = (result: TriageResult): TriageLabels => ({
  kind: result.kind.code,
  category: result.category.code,
  urgency: result.urgency.code,
});

/**
 * A multinomial Naive Bayes classifier per triage field, trained on staff corrections, over
 * normalised unigrams and bigrams. Small enough to read, to persist as JSON and to retrain on
 * every correction.
 */
import { normalize, type NormalizedText } from "./normalize.js";
import { TRIAGE_FIELDS, isCodeOf, type CodeOf, type TriageField, type TriageLabels } from "./taxonomy.js";

export type LabelledExample = { text: string } & TriageLabels;

export type FieldPrediction<C extends string> = {
  code: C;
  probability: number;
  /** How many training examples carried this code: a guard against trusting one-off corrections. */
  examples: number;
};
export type ClassifierPrediction = { [F in TriageField]: FieldPrediction<CodeOf<F>> | null };

type FieldModel = {
  /** Training examples per code. */
  labelCounts: Record<string, number>;
  /** Feature counts per code, and their total per code. */
  featureCounts: Record<string, Record<string, number>>;
  featureTotals: Record<string, number>;
};
export type ClassifierState = { version: 1; vocabulary: string[]; fields: Record<TriageField, FieldModel> };

/**
 * A field's codes with their log priors, and each feature's log likelihood under every code,
 * computed when the feature is first met: prediction then adds up arrays instead of taking logs.
 */
type FieldScoring = { codes: string[]; logPriors: number[]; logLikelihoods: Map<string, Float64Array> };

// Laplace smoothing: an unseen feature is as likely as one seen once in a label.
const SMOOTHING = 1;

/** Unigrams and adjacent bigrams ("air mati" says more than "air" and "mati" apart). */
export function features(input: string | NormalizedText): string[] {
  const { tokens } = typeof input === "string" ? normalize(input) : input;
  const bigrams = tokens.slice(1).map((token, i) => `${tokens[i]} ${token}`);
  return [...tokens, ...bigrams];
}

/**
 * Counts keyed by citizens' words, without a prototype: "constructor" or "__proto__" are then
 * words like any other instead of Object's own members.
 */
const wordCounts = (from: Record<string, number> = {}): Record<string, number> =>
  Object.assign(Object.create(null) as Record<string, number>, from);

const emptyModel = (): FieldModel => ({ labelCounts: {}, featureCounts: {}, featureTotals: {} });

export class TriageClassifier {
  private readonly vocabulary: Set<string>;
  private readonly fields: Record<TriageField, FieldModel>;
  /** Derived from the counts; training clears it. */
  private scoring: Partial<Record<TriageField, FieldScoring>> = {};

  constructor(state?: ClassifierState) {
    this.vocabulary = new Set(state?.vocabulary ?? []);
    this.fields = state
      ? structuredClone(state.fields)
      : { kind: emptyModel(), category: emptyModel(), urgency: emptyModel() };
    for (const model of Object.values(this.fields)) {
      for (const [code, counts] of Object.entries(model.featureCounts)) model.featureCounts[code] = wordCounts(counts);
    }
  }

  /** Adds examples to what the classifier knows; training again with more corrections refines it. */
  train(examples: readonly LabelledExample[]): void {
    this.scoring = {};
    for (const example of examples) {
      const exampleFeatures = features(example.text);
      for (const feature of exampleFeatures) this.vocabulary.add(feature);
      for (const field of TRIAGE_FIELDS) {
        const model = this.fields[field];
        const code = example[field];
        model.labelCounts[code] = (model.labelCounts[code] ?? 0) + 1;
        const counts = (model.featureCounts[code] ??= wordCounts());
        for (const feature of exampleFeatures) counts[feature] = (counts[feature] ?? 0) + 1;
        model.featureTotals[code] = (model.featureTotals[code] ?? 0) + exampleFeatures.length;
      }
    }
  }

  /** How many training examples carried this code for this field. */
  examplesFor<F extends TriageField>(field: F, code: CodeOf<F>): number {
    return this.fields[field].labelCounts[code] ?? 0;
  }

  /** Triage passes the text it has already normalised. */
  predict(input: string | NormalizedText): ClassifierPrediction {
    // Features never seen in training carry no evidence for any label, so they are left out.
    const known = features(input).filter((feature) => this.vocabulary.has(feature));
    return {
      kind: this.predictField("kind", known),
      category: this.predictField("category", known),
      urgency: this.predictField("urgency", known),
    };
  }

  private predictField<F extends TriageField>(field: F, known: string[]): FieldPrediction<CodeOf<F>> | null {
    const model = this.fields[field];
    const { codes, logPriors, logLikelihoods } = (this.scoring[field] ??= this.scoringOf(model));
    // With fewer than two labels, or no known word, a "probability" would only echo the prior.
    if (codes.length < 2 || known.length === 0) return null;
    const logScores = [...logPriors];
    for (const feature of known) {
      let likelihoods = logLikelihoods.get(feature);
      if (!likelihoods) logLikelihoods.set(feature, (likelihoods = this.logLikelihoodsOf(model, codes, feature)));
      for (let index = 0; index < codes.length; index++) logScores[index]! += likelihoods[index]!;
    }
    const max = Math.max(...logScores);
    const weights = logScores.map((score) => Math.exp(score - max));
    const sum = weights.reduce((a, b) => a + b, 0);
    const bestIndex = weights.indexOf(Math.max(...weights));
    const code = codes[bestIndex]!;
    if (!isCodeOf(field, code)) return null;
    return { code, probability: weights[bestIndex]! / sum, examples: model.labelCounts[code]! };
  }

  private scoringOf(model: FieldModel): FieldScoring {
    const codes = Object.keys(model.labelCounts);
    const totalExamples = codes.reduce((sum, code) => sum + model.labelCounts[code]!, 0);
    return {
      codes,
      logPriors: codes.map((code) => Math.log(model.labelCounts[code]! / totalExamples)),
      logLikelihoods: new Map(),
    };
  }

  private logLikelihoodsOf(model: FieldModel, codes: string[], feature: string): Float64Array {
    return Float64Array.from(codes, (code) => {
      const denominator = (model.featureTotals[code] ?? 0) + SMOOTHING * this.vocabulary.size;
      return Math.log(((model.featureCounts[code]?.[feature] ?? 0) + SMOOTHING) / denominator);
    });
  }

  toJSON(): ClassifierState {
    return { version: 1, vocabulary: [...this.vocabulary], fields: structuredClone(this.fields) };
  }

  static fromJSON(state: ClassifierState): TriageClassifier {
    if (state.version !== 1) throw new Error(`Unknown triage classifier state version ${String(state.version)}`);
    return new TriageClassifier(state);
  }
}

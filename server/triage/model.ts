/**
 * The learned base of triage: one linear model per field (kind, category, urgency) over the
 * features of features.ts, sharing one vocabulary, trained on the corpus's training batches.
 */
import { findEmergencyCues, type EmergencyCue } from "./emergency.js";
import { featureNames, PAIR_SCALE, Vectorizer } from "./features.js";
import { LinearModel, type LinearModelState, type SparseExample, type TrainingSettings } from "./linearModel.js";
import { memoized } from "./memo.js";
import { normalize, type NormalizedText } from "./normalize.js";
import { CODES_OF, TRIAGE_FIELDS, type CodeOf, type TriageField, type TriageLabels } from "./taxonomy.js";

/** Bump when features, settings or the file format change: a model file of another version is retrained. */
export const MODEL_VERSION = "triage-linear-3";

export const DEFAULT_SETTINGS: TrainingSettings & { minDocuments: number } = {
  epochs: 12,
  learningRate: 0.1,
  l2: 1e-4,
  classBalance: 0.5,
  seed: 20_260_401,
  // A feature seen in a single message is more likely that writer's quirk than evidence.
  minDocuments: 2,
};

export type ModelState = {
  version: string;
  fingerprint: string;
  vocabulary: string[];
  fields: Record<TriageField, LinearModelState>;
};

export type FieldEstimate<C extends string> = {
  code: C;
  probability: number;
  probabilities: Record<C, number>;
  /** The words that pushed most towards the code, strongest first. */
  words: string[];
};
export type ModelEstimate = { [F in TriageField]: FieldEstimate<CodeOf<F>> };

const TOP_WORDS = 3;

export class TriageModel {
  private readonly vectorizer: Vectorizer;
  /** Where each field's class scores start in one array of all fields' scores. */
  private readonly offsets: Record<TriageField, number>;
  private readonly width: number;
  /** A word's share of every class score of every field (before dividing by the message's norm), computed once per word. */
  private readonly wordScores = memoized((token: string): Float64Array => {
    const scores = new Float64Array(this.width);
    const { indices, values } = this.vectorizer.wordFeatures(token);
    for (const field of TRIAGE_FIELDS)
      for (let i = 0; i < indices.length; i++)
        this.fields[field].addWeights(scores, this.offsets[field], indices[i]!, values[i]!);
    return scores;
  });

  private constructor(
    vocabulary: readonly string[],
    private readonly fields: Record<TriageField, LinearModel>,
    readonly fingerprint: string,
  ) {
    this.vectorizer = new Vectorizer(vocabulary);
    let offset = 0;
    this.offsets = Object.fromEntries(
      TRIAGE_FIELDS.map((field) => {
        const start = offset;
        offset += fields[field].classes.length;
        return [field, start];
      }),
    ) as Record<TriageField, number>;
    this.width = offset;
  }

  static train(
    examples: readonly ({ text: string } & TriageLabels)[],
    fingerprint: string,
    settings = DEFAULT_SETTINGS,
  ): TriageModel {
    const read = examples.map((example) => ({
      normalized: normalize(example.text),
      cues: findEmergencyCues(example.text),
    }));
    const documents = new Map<string, number>();
    for (const { normalized, cues } of read)
      for (const name of featureNames(normalized, cues)) documents.set(name, (documents.get(name) ?? 0) + 1);
    // Sorted, so the vocabulary (and with it the weights) does not depend on the order of the lines.
    const vocabulary = [...documents]
      .filter(([, count]) => count >= settings.minDocuments)
      .map(([name]) => name)
      .sort();
    const vectorizer = new Vectorizer(vocabulary);
    const sparse = read.map(({ normalized, cues }) => vectorizer.vectorize(normalized, cues));
    const fields = Object.fromEntries(
      TRIAGE_FIELDS.map((field) => {
        const classes = CODES_OF[field];
        const labelled: SparseExample[] = examples.map((example, i) => ({
          features: sparse[i]!,
          label: classes.indexOf(example[field] as never),
        }));
        return [field, LinearModel.train(classes, vocabulary.length, labelled, settings)];
      }),
    ) as Record<TriageField, LinearModel>;
    return new TriageModel(vocabulary, fields, fingerprint);
  }

  /** Triage passes what it has already read from the text: its normalised form and emergency cues. */
  estimate(
    text: string,
    read: { normalized: NormalizedText; cues: readonly EmergencyCue[] } = {
      normalized: normalize(text),
      cues: findEmergencyCues(text),
    },
  ): ModelEstimate {
    // The same sum as the linear model's over the message's vector, by parts: each word's
    // scores are remembered, so a message costs a few additions per word.
    const parts = this.vectorizer.read(read.normalized, read.cues);
    const totals = new Float64Array(this.width);
    const words = parts.words.map(({ token }) => ({ words: token, scores: this.wordScores(token) }));
    const pairs = parts.pairs.map(({ index, words }) => {
      const scores = new Float64Array(this.width);
      for (const field of TRIAGE_FIELDS) this.fields[field].addWeights(scores, this.offsets[field], index, PAIR_SCALE);
      return { words, scores };
    });
    // Each distinct word or pair once, its occurrences added: what explanations rank.
    const byWords = new Map<string, Float64Array>();
    for (const { words: key, scores } of [...words, ...pairs]) {
      for (let c = 0; c < this.width; c++) totals[c]! += scores[c]!;
      const seen = byWords.get(key);
      if (!seen) byWords.set(key, scores);
      else
        byWords.set(
          key,
          seen.map((score, c) => score + scores[c]!),
        );
    }
    for (let c = 0; c < this.width; c++) totals[c]! /= parts.norm;
    for (const { index, value } of parts.extras)
      for (const field of TRIAGE_FIELDS) this.fields[field].addWeights(totals, this.offsets[field], index, value);

    const estimateField = <F extends TriageField>(field: F): FieldEstimate<CodeOf<F>> => {
      const model = this.fields[field];
      const offset = this.offsets[field];
      const probabilities = model.probabilitiesOf(totals.slice(offset, offset + model.classes.length));
      let best = 0;
      for (let c = 1; c < probabilities.length; c++) if (probabilities[c]! > probabilities[best]!) best = c;
      return {
        code: model.classes[best] as CodeOf<F>,
        probability: probabilities[best]!,
        probabilities: Object.fromEntries(model.classes.map((code, c) => [code, probabilities[c]!])) as Record<
          CodeOf<F>,
          number
        >,
        words: topWords(byWords, offset + best),
      };
    };
    return { kind: estimateField("kind"), category: estimateField("category"), urgency: estimateField("urgency") };
  }

  toJSON(): ModelState {
    return {
      version: MODEL_VERSION,
      fingerprint: this.fingerprint,
      vocabulary: [...this.vectorizer.vocabulary],
      fields: Object.fromEntries(TRIAGE_FIELDS.map((field) => [field, this.fields[field].toJSON()])) as Record<
        TriageField,
        LinearModelState
      >,
    };
  }

  static fromJSON(state: ModelState): TriageModel {
    if (state.version !== MODEL_VERSION)
      throw new Error(`triage model version ${state.version} is not ${MODEL_VERSION}`);
    const fields = Object.fromEntries(
      TRIAGE_FIELDS.map((field) => [field, LinearModel.fromJSON(state.fields[field])]),
    ) as Record<TriageField, LinearModel>;
    return new TriageModel(state.vocabulary, fields, state.fingerprint);
  }
}

/** The words (or pairs) that weighed most for the decided code, strongest first. */
function topWords(byWords: Map<string, Float64Array>, column: number): string[] {
  // The few best, kept in order as they come: no sort of the whole message.
  const best: [string, number][] = [];
  for (const [words, scores] of byWords) {
    const weight = scores[column]!;
    if (weight <= 0 || words === "?" || words === "!") continue;
    let at = best.length;
    while (at > 0 && best[at - 1]![1] < weight) at--;
    if (at < TOP_WORDS) best.splice(at, 0, [words, weight]);
    if (best.length > TOP_WORDS) best.pop();
  }
  return best.map(([words]) => words);
}

/**
 * The learned base of triage: one linear model per field (kind, category, urgency) over the
 * features of features.ts, sharing one vocabulary, trained on the corpus's training batches.
 */
import { findEmergencyCues, type EmergencyCue } from "./emergency.js";
import { extractFeatures } from "./features.js";
import { LinearModel, type LinearModelState, type SparseExample, type TrainingSettings } from "./linearModel.js";
import { normalize, type NormalizedText } from "./normalize.js";
import { CODES_OF, TRIAGE_FIELDS, type CodeOf, type TriageField, type TriageLabels } from "./taxonomy.js";

/** Bump when features, settings or the file format change: a model file of another version is retrained. */
export const MODEL_VERSION = "triage-linear-2";

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
  private readonly index: Map<string, number>;

  private constructor(
    private readonly vocabulary: readonly string[],
    private readonly fields: Record<TriageField, LinearModel>,
    readonly fingerprint: string,
  ) {
    this.index = new Map(vocabulary.map((feature, i) => [feature, i]));
  }

  static train(
    examples: readonly ({ text: string } & TriageLabels)[],
    fingerprint: string,
    settings = DEFAULT_SETTINGS,
  ): TriageModel {
    const bags = examples.map(
      (example) => extractFeatures(normalize(example.text), findEmergencyCues(example.text)).values,
    );
    const documents = new Map<string, number>();
    for (const bag of bags) for (const feature of bag.keys()) documents.set(feature, (documents.get(feature) ?? 0) + 1);
    // Sorted, so the vocabulary (and with it the weights) does not depend on the order of the lines.
    const vocabulary = [...documents]
      .filter(([, count]) => count >= settings.minDocuments)
      .map(([feature]) => feature)
      .sort();
    const index = new Map(vocabulary.map((feature, i) => [feature, i]));
    const sparse = bags.map((bag) => sparseOf(bag, index));
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
    const bag = extractFeatures(read.normalized, read.cues);
    const sparse = sparseOf(bag.values, this.index);
    const sourceOf = (index: number) => bag.sources.get(this.vocabulary[index]!)!;
    const estimateField = <F extends TriageField>(field: F): FieldEstimate<CodeOf<F>> => {
      const model = this.fields[field];
      const probabilities = model.probabilities(sparse);
      let best = 0;
      for (let c = 1; c < probabilities.length; c++) if (probabilities[c]! > probabilities[best]!) best = c;
      return {
        code: model.classes[best] as CodeOf<F>,
        probability: probabilities[best]!,
        probabilities: Object.fromEntries(model.classes.map((code, c) => [code, probabilities[c]!])) as Record<
          CodeOf<F>,
          number
        >,
        words: topWords(
          sparse.map(([index]) => sourceOf(index)),
          model.contributions(sparse, best),
        ),
      };
    };
    return { kind: estimateField("kind"), category: estimateField("category"), urgency: estimateField("urgency") };
  }

  toJSON(): ModelState {
    return {
      version: MODEL_VERSION,
      fingerprint: this.fingerprint,
      vocabulary: [...this.vocabulary],
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

function sparseOf(values: Map<string, number>, index: Map<string, number>): [number, number][] {
  const sparse: [number, number][] = [];
  for (const [feature, value] of values) {
    const at = index.get(feature);
    if (at !== undefined) sparse.push([at, value]);
  }
  return sparse;
}

/** The words whose features added up to the most evidence for the decided code. */
function topWords(sources: string[], contributions: number[]): string[] {
  const byWord = new Map<string, number>();
  sources.forEach((source, i) => byWord.set(source, (byWord.get(source) ?? 0) + contributions[i]!));
  return [...byWord]
    .filter(([word, weight]) => weight > 0 && /[\p{L}\p{N}]/u.test(word))
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_WORDS)
    .map(([word]) => word);
}

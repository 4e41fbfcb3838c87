/**
 * The figures the README reports, from the corpus alone: on the development set, on a random
 * split of the training writers' lines (5 folds: each line judged by a model trained without
 * it), and on the test writers' batches, which nothing was fitted on.
 */
import { readBatch, readSplit, readSplits } from "./corpus.js";
import { evaluate, type Evaluation, type LabelledMessage } from "./evaluate.js";
import { seededRandom, shuffled } from "./linearModel.js";
import { TriageModel } from "./model.js";
import { shippedModel } from "./shippedModel.js";
import { labelsOf, triage } from "./triage.js";

const FOLDS = 5;
const SPLIT_SEED = 7;

export function evaluateWith(model: TriageModel, items: LabelledMessage[]): Evaluation {
  return evaluate(items, (text) => labelsOf(triage(text, { model })));
}

/** Each training line judged by a model trained on the other folds; the lines are pooled into one evaluation. */
export function crossValidate(items: LabelledMessage[], folds = FOLDS): Evaluation {
  const order = shuffled(items, seededRandom(SPLIT_SEED));
  const judged: { item: LabelledMessage; model: TriageModel }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const held = order.filter((_, i) => i % folds === fold);
    const model = TriageModel.train(
      order.filter((_, i) => i % folds !== fold),
      `fold-${fold}`,
    );
    for (const item of held) judged.push({ item, model });
  }
  const modelOf = new Map(judged.map(({ item, model }) => [item, model]));
  return evaluate(
    judged.map(({ item }) => item),
    (text, item) => labelsOf(triage(text, { model: modelOf.get(item)! })),
  );
}

export type CorpusReport = {
  dev: Evaluation;
  trainingRandomSplit: Evaluation;
  /** The test writers together, then each writer's batch on its own. */
  test: Evaluation | null;
  testByWriter: { batch: string; evaluation: Evaluation }[];
};

export function corpusReport(): CorpusReport {
  const splits = readSplits();
  const model = shippedModel();
  return {
    dev: evaluateWith(model, readSplit("dev")),
    trainingRandomSplit: crossValidate(readSplit("train")),
    test: splits.test.length ? evaluateWith(model, readSplit("test")) : null,
    testByWriter: splits.test.map((batch) => ({ batch, evaluation: evaluateWith(model, readBatch(batch)) })),
  };
}

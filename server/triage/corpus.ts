/**
 * The labelled corpus in server/triage/corpus/: one JSON-lines file per batch (each written by
 * one writer), and splits.json saying which batches train the model and which only test it.
 * Adding a batch is dropping its file in the folder and naming it in splits.json.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { LabelledMessageSchema, type LabelledMessage } from "./evaluate.js";

export const CORPUS_DIR = path.join(import.meta.dirname, "corpus");

const SplitsSchema = z.object({
  /** Batches the model is fitted on (and the emergency rules and thresholds were tuned with). */
  train: z.array(z.string().regex(/^[\w-]+$/)).min(1),
  /** Batches by other writers, never fitted on: the figure that predicts unseen citizens. */
  test: z.array(z.string().regex(/^[\w-]+$/)),
  /** The development set of the issue: reported, not trained on. */
  dev: z.array(z.string().regex(/^[\w-]+$/)),
});
export type Splits = z.infer<typeof SplitsSchema>;
export type SplitName = keyof Splits;

export function readSplits(dir = CORPUS_DIR): Splits {
  return SplitsSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "splits.json"), "utf8")));
}

const batchFile = (dir: string, batch: string) => path.join(dir, `${batch}.jsonl`);

/** Every line of a batch, checked: a listed batch that is missing or has a bad line is an error, never skipped. */
export function readBatch(batch: string, dir = CORPUS_DIR): LabelledMessage[] {
  const lines = fs.readFileSync(batchFile(dir, batch), "utf8").split("\n");
  const messages: LabelledMessage[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const parsed = LabelledMessageSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${batch}.jsonl line ${index + 1}: ${parsed.error.message}`);
    messages.push(parsed.data);
  });
  return messages;
}

export function readSplit(split: SplitName, dir = CORPUS_DIR): LabelledMessage[] {
  return readSplits(dir)[split].flatMap((batch) => readBatch(batch, dir));
}

/** The code that turns a message into features and trains on them: a change to any of it retrains. */
const MODEL_SOURCES = [
  "features.ts",
  "keywords.ts",
  "emergency.ts",
  "normalize.ts",
  "patterns.ts",
  "placeNames.ts",
  "model.ts",
  "linearModel.ts",
];

/**
 * What a trained model depends on: the trainer's code and the training batches' bytes. A model
 * file whose fingerprint differs was trained on another corpus or by other code and is not used.
 */
export function trainingFingerprint(trainerVersion: string, dir = CORPUS_DIR): string {
  const hash = createHash("sha256").update(trainerVersion);
  for (const source of MODEL_SOURCES) hash.update(fs.readFileSync(path.join(import.meta.dirname, source)));
  for (const batch of readSplits(dir).train) hash.update(`\0${batch}\0`).update(fs.readFileSync(batchFile(dir, batch)));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The model Siar ships: trained at build time (`npm run triage:train`, part of `npm run build`)
 * into model.generated.json from the corpus's training batches. A model file that is missing, or
 * was trained on another corpus or by other code (a batch added since), is never used: the same
 * model is trained again, deterministically, so triage never runs on a stale model.
 */
import fs from "node:fs";
import path from "node:path";
import { readSplit, trainingFingerprint } from "./corpus.js";
import { MODEL_VERSION, TriageModel, type ModelState } from "./model.js";

export const MODEL_FILE = path.join(import.meta.dirname, "model.generated.json");

let shipped: TriageModel | null = null;

function readModelFile(fingerprint: string): TriageModel | null {
  if (!fs.existsSync(MODEL_FILE)) return null;
  const state = JSON.parse(fs.readFileSync(MODEL_FILE, "utf8")) as ModelState;
  return state.version === MODEL_VERSION && state.fingerprint === fingerprint ? TriageModel.fromJSON(state) : null;
}

/** The model trained on the corpus as it is now: from the file when current, else trained here (seconds). */
export function shippedModel(): TriageModel {
  if (shipped) return shipped;
  const fingerprint = trainingFingerprint(MODEL_VERSION);
  shipped = readModelFile(fingerprint) ?? TriageModel.train(readSplit("train"), fingerprint);
  return shipped;
}

/** Trains and writes the model file unless it is current. Returns whether it trained. */
export function ensureModelFile(): boolean {
  const fingerprint = trainingFingerprint(MODEL_VERSION);
  const current = readModelFile(fingerprint);
  if (current) {
    shipped = current;
    return false;
  }
  shipped = TriageModel.train(readSplit("train"), fingerprint);
  fs.writeFileSync(MODEL_FILE, JSON.stringify(shipped.toJSON()));
  return true;
}

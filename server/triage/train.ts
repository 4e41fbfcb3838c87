/** npm run triage:train (part of npm run build): the shipped model, trained unless current (see shippedModel.ts). */
import { ensureModelFile, MODEL_FILE, shippedModel } from "./shippedModel.js";

const started = performance.now();
const trained = ensureModelFile();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  trained
    ? `triage model ${shippedModel().fingerprint} trained into ${MODEL_FILE} in ${seconds} s\n`
    : `triage model ${shippedModel().fingerprint} is current\n`,
);

/**
 * npm run -s triage < messages.jsonl > triaged.jsonl
 *   reads {"id","text"} per line and writes {"id","kind","category","urgency","place"} per line,
 *   in input order; a malformed line is reported on stderr with its number and skipped.
 * npm run -s triage -- --evaluate labelled.jsonl
 *   prints accuracy and macro-F1 per field, precision/recall/F1 per class, the confusions, and
 *   darurat recall with the darurat false-positive rate, on labelled
 *   {"id","text","kind","category","urgency"} lines.
 * npm run -s triage -- --report
 *   the same figures on the corpus: the development set, a random split of the training
 *   writers (5 folds), and the test writers' batches.
 */
import fs from "node:fs";
import { once } from "node:events";
import DEMO_PLACES from "@server/demo/places.js";
import { evaluate, formatEvaluation, LabelledMessageSchema, MessageSchema, type LabelledMessage } from "./evaluate.js";
import { readJsonLines, type LineError } from "./jsonLines.js";
import { corpusReport } from "./report.js";
import { labelsOf, triage } from "./triage.js";

const reportLineError = (problem: LineError) => process.stderr.write(`${JSON.stringify(problem)}\n`);

async function triageStdin(): Promise<void> {
  for await (const { value } of readJsonLines(process.stdin, MessageSchema, reportLineError)) {
    const result = triage(value.text, { places: DEMO_PLACES });
    const output = { id: value.id, ...labelsOf(result), place: result.place?.place.name ?? null };
    // Respect a slow reader: wait for the pipe to drain instead of buffering everything.
    if (!process.stdout.write(`${JSON.stringify(output)}\n`)) await once(process.stdout, "drain");
  }
}

async function evaluateFile(path: string): Promise<void> {
  const items: LabelledMessage[] = [];
  for await (const { value } of readJsonLines(fs.createReadStream(path), LabelledMessageSchema, reportLineError))
    items.push(value);
  const evaluation = evaluate(items, (text) => labelsOf(triage(text, { places: DEMO_PLACES })));
  process.stdout.write(`${formatEvaluation(evaluation)}\n`);
}

function printReport(): void {
  const report = corpusReport();
  // Which test lines were missed is not printed: looking at them would fit triage to the test writers.
  const sections = [
    ["Development set (not trained on)", report.dev, true],
    ["Training writers, random split (5 folds)", report.trainingRandomSplit, true],
    ["Test writers (held out)", report.test, false],
    ...report.testByWriter.map(({ batch, evaluation }) => [`Test writer ${batch}`, evaluation, false] as const),
  ] as const;
  for (const [title, evaluation, ids] of sections)
    if (evaluation)
      process.stdout.write(`== ${title}\n${formatEvaluation(evaluation, { confusions: false, ids })}\n\n`);
}

async function main(args: string[]): Promise<void> {
  if (args.includes("--report")) return printReport();
  const evaluateAt = args.indexOf("--evaluate");
  if (evaluateAt === -1) return triageStdin();
  const path = args[evaluateAt + 1];
  if (!path) throw new Error("--evaluate needs the path of a labelled JSON-lines file");
  return evaluateFile(path);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

/**
 * npm run -s triage < messages.jsonl > triaged.jsonl
 *   reads {"id","text"} per line and writes {"id","kind","category","urgency","place"} per line,
 *   in input order; a malformed line is reported on stderr with its number and skipped.
 * npm run -s triage -- --evaluate labelled.jsonl
 *   prints accuracy per field and the confusions on labelled {"id","text","kind","category","urgency"} lines.
 */
import fs from "node:fs";
import { once } from "node:events";
import DEMO_PLACES from "./demoPlaces.js";
import { evaluate, formatEvaluation, LabelledMessageSchema, MessageSchema, type LabelledMessage } from "./evaluate.js";
import { readJsonLines, type LineError } from "./jsonLines.js";
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

async function main(args: string[]): Promise<void> {
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

/** Accuracy per triage field on labelled messages, and which codes get confused with which. */
import { z } from "zod";
import { CATEGORIES, KINDS, TRIAGE_FIELDS, URGENCIES, type TriageField, type TriageLabels } from "./taxonomy.js";

export const MessageSchema = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });
export const LabelledMessageSchema = MessageSchema.extend({
  kind: z.enum(KINDS),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES),
});
export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

export type Confusion = { expected: string; predicted: string; count: number; ids: (string | number)[] };
export type FieldEvaluation = { correct: number; total: number; accuracy: number; confusions: Confusion[] };
export type Evaluation = { total: number; fields: Record<TriageField, FieldEvaluation> };

export function evaluate(items: Iterable<LabelledMessage>, classify: (text: string) => TriageLabels): Evaluation {
  const tallies = Object.fromEntries(
    TRIAGE_FIELDS.map((f) => [f, { correct: 0, confusions: new Map<string, Confusion>() }]),
  ) as Record<TriageField, { correct: number; confusions: Map<string, Confusion> }>;
  let total = 0;
  for (const item of items) {
    total += 1;
    const predicted = classify(item.text);
    for (const field of TRIAGE_FIELDS) {
      const tally = tallies[field];
      if (predicted[field] === item[field]) {
        tally.correct += 1;
        continue;
      }
      const key = `${item[field]}→${predicted[field]}`;
      const confusion = tally.confusions.get(key) ?? {
        expected: item[field],
        predicted: predicted[field],
        count: 0,
        ids: [],
      };
      confusion.count += 1;
      confusion.ids.push(item.id);
      tally.confusions.set(key, confusion);
    }
  }
  const fields = Object.fromEntries(
    TRIAGE_FIELDS.map((field) => {
      const { correct, confusions } = tallies[field];
      return [
        field,
        {
          correct,
          total,
          accuracy: total === 0 ? 0 : correct / total,
          confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
        },
      ];
    }),
  ) as Record<TriageField, FieldEvaluation>;
  return { total, fields };
}

export function formatEvaluation(evaluation: Evaluation): string {
  const lines = [`${evaluation.total} labelled messages`];
  for (const field of TRIAGE_FIELDS) {
    const { correct, total, accuracy, confusions } = evaluation.fields[field];
    lines.push(`${field.padEnd(9)} accuracy ${(accuracy * 100).toFixed(1)}% (${correct}/${total})`);
    for (const c of confusions)
      lines.push(`  expected ${c.expected} → got ${c.predicted}: ${c.count} (${c.ids.join(", ")})`);
  }
  return lines.join("\n");
}

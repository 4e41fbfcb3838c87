/**
 * How well triage does on labelled messages: accuracy and macro-F1 per field, precision, recall
 * and F1 per class, which codes get confused with which, and the figure that matters most, the
 * share of emergencies read as darurat (with the share of non-emergencies wrongly read so).
 */
import { z } from "zod";
import {
  CATEGORIES,
  CODES_OF,
  KINDS,
  TRIAGE_FIELDS,
  URGENCIES,
  type TriageField,
  type TriageLabels,
} from "./taxonomy.js";

export const MessageSchema = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });
export const LabelledMessageSchema = MessageSchema.extend({
  kind: z.enum(KINDS),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES),
});
export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

export type Confusion = { expected: string; predicted: string; count: number; ids: (string | number)[] };
export type ClassFigures = { code: string; support: number; precision: number; recall: number; f1: number };
export type FieldEvaluation = {
  correct: number;
  total: number;
  accuracy: number;
  /** The mean F1 of the classes present in the labels or the predictions. */
  macroF1: number;
  classes: ClassFigures[];
  confusions: Confusion[];
};
export type EmergencyFigures = {
  emergencies: number;
  caught: number;
  /** Emergencies read darurat / emergencies (1 when there are none). */
  recall: number;
  nonEmergencies: number;
  falseAlarms: number;
  /** Non-emergencies read darurat / non-emergencies. */
  falsePositiveRate: number;
  missedIds: (string | number)[];
  falseAlarmIds: (string | number)[];
};
export type Evaluation = { total: number; fields: Record<TriageField, FieldEvaluation>; darurat: EmergencyFigures };

const ratio = (part: number, whole: number, empty = 0) => (whole === 0 ? empty : part / whole);

export function evaluate(
  items: Iterable<LabelledMessage>,
  classify: (text: string, item: LabelledMessage) => TriageLabels,
): Evaluation {
  const pairs: { item: LabelledMessage; predicted: TriageLabels }[] = [];
  for (const item of items) pairs.push({ item, predicted: classify(item.text, item) });
  const fields = Object.fromEntries(
    TRIAGE_FIELDS.map((field) => [
      field,
      evaluateField(
        field,
        pairs.map(({ item, predicted }) => ({ id: item.id, expected: item[field], predicted: predicted[field] })),
      ),
    ]),
  ) as Record<TriageField, FieldEvaluation>;
  const emergencies = pairs.filter(({ item }) => item.urgency === "darurat");
  const others = pairs.filter(({ item }) => item.urgency !== "darurat");
  const missed = emergencies.filter(({ predicted }) => predicted.urgency !== "darurat");
  const falseAlarms = others.filter(({ predicted }) => predicted.urgency === "darurat");
  return {
    total: pairs.length,
    fields,
    darurat: {
      emergencies: emergencies.length,
      caught: emergencies.length - missed.length,
      recall: ratio(emergencies.length - missed.length, emergencies.length, 1),
      nonEmergencies: others.length,
      falseAlarms: falseAlarms.length,
      falsePositiveRate: ratio(falseAlarms.length, others.length),
      missedIds: missed.map(({ item }) => item.id),
      falseAlarmIds: falseAlarms.map(({ item }) => item.id),
    },
  };
}

function evaluateField(
  field: TriageField,
  rows: { id: string | number; expected: string; predicted: string }[],
): FieldEvaluation {
  const confusions = new Map<string, Confusion>();
  let correct = 0;
  for (const { id, expected, predicted } of rows) {
    if (expected === predicted) {
      correct += 1;
      continue;
    }
    const key = `${expected}→${predicted}`;
    const confusion = confusions.get(key) ?? { expected, predicted, count: 0, ids: [] };
    confusion.count += 1;
    confusion.ids.push(id);
    confusions.set(key, confusion);
  }
  const classes = CODES_OF[field]
    .map((code): ClassFigures => {
      const support = rows.filter((row) => row.expected === code).length;
      const predictedAs = rows.filter((row) => row.predicted === code).length;
      const hits = rows.filter((row) => row.expected === code && row.predicted === code).length;
      const precision = ratio(hits, predictedAs);
      const recall = ratio(hits, support);
      return { code, support, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
    })
    .filter((figures) => figures.support > 0 || rows.some((row) => row.predicted === figures.code));
  return {
    correct,
    total: rows.length,
    accuracy: ratio(correct, rows.length),
    macroF1: ratio(
      classes.reduce((sum, figures) => sum + figures.f1, 0),
      classes.length,
    ),
    classes,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
  };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * `ids: false` leaves out which lines were missed: for the test writers, whose lines nobody may
 * look at to tune triage (that would fit it to them).
 */
export function formatEvaluation(evaluation: Evaluation, { confusions = true, ids = true } = {}): string {
  const lines = [`${evaluation.total} labelled messages`];
  for (const field of TRIAGE_FIELDS) {
    const { correct, total, accuracy, macroF1, classes } = evaluation.fields[field];
    lines.push(
      `${field.padEnd(9)} accuracy ${percent(accuracy)} (${correct}/${total})  macro-F1 ${macroF1.toFixed(3)}`,
    );
    for (const c of classes)
      lines.push(
        `  ${c.code.padEnd(21)} n=${String(c.support).padStart(4)}  precision ${percent(c.precision).padStart(6)}  recall ${percent(c.recall).padStart(6)}  F1 ${c.f1.toFixed(3)}`,
      );
    if (confusions)
      for (const c of evaluation.fields[field].confusions)
        lines.push(`  expected ${c.expected} → got ${c.predicted}: ${c.count} (${c.ids.join(", ")})`);
  }
  const d = evaluation.darurat;
  lines.push(
    `darurat   recall ${percent(d.recall)} (${d.caught}/${d.emergencies})  false positives ${percent(d.falsePositiveRate)} (${d.falseAlarms}/${d.nonEmergencies})`,
  );
  if (ids && d.missedIds.length) lines.push(`  missed: ${d.missedIds.join(", ")}`);
  if (ids && d.falseAlarmIds.length) lines.push(`  false alarms: ${d.falseAlarmIds.join(", ")}`);
  return lines.join("\n");
}

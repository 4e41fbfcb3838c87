import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, readBatch, readSplit, readSplits } from "@server/triage/corpus.js";
import { evaluateWith } from "@server/triage/report.js";
import { shippedModel } from "@server/triage/shippedModel.js";

/**
 * What the shipped model scores on the test writers' batches (nothing was fitted on them), as the
 * README's triage section reports. The issue's targets are kind 0.90, category 0.88, urgency 0.85
 * and darurat recall 100% with at most 5% false alarms: every floor is its target, so that a change
 * that makes triage worse fails here. Adding a test batch changes the figures: measure with
 * `npm run -s triage -- --report` and update the README.
 */
const FLOORS = {
  kind: 0.9,
  category: 0.88,
  urgency: 0.85,
  daruratRecall: 1,
};
const MAX_DARURAT_FALSE_POSITIVE_RATE = 0.05;

describe("the labelled corpus", () => {
  it("keeps the test writers apart from the training writers, and every listed batch readable", () => {
    const splits = readSplits();
    expect(splits.train.filter((batch) => splits.test.includes(batch) || splits.dev.includes(batch))).toEqual([]);
    expect(splits.test.length).toBeGreaterThan(0);
    for (const batch of [...splits.train, ...splits.test, ...splits.dev])
      expect(readBatch(batch).length).toBeGreaterThan(0);
    const ids = [...splits.train, ...splits.test, ...splits.dev].flatMap((batch) =>
      readBatch(batch).map((line) => line.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("holds only batches the split file names (a batch dropped in must be listed)", () => {
    const splits = readSplits();
    const listed = new Set([...splits.train, ...splits.test, ...splits.dev]);
    const files = fs.readdirSync(CORPUS_DIR).filter((file) => file.endsWith(".jsonl"));
    expect(files.map((file) => path.basename(file, ".jsonl")).filter((batch) => !listed.has(batch))).toEqual([]);
  });
});

describe("the shipped model on the test writers' batches", () => {
  const evaluation = evaluateWith(shippedModel(), readSplit("test"));

  it("keeps kind, category and urgency accuracy at or above the reported figures", () => {
    expect(evaluation.fields.kind.accuracy).toBeGreaterThanOrEqual(FLOORS.kind);
    expect(evaluation.fields.category.accuracy).toBeGreaterThanOrEqual(FLOORS.category);
    expect(evaluation.fields.urgency.accuracy).toBeGreaterThanOrEqual(FLOORS.urgency);
  });

  it("reads emergencies as darurat, with at most 5% of other messages flagged darurat", () => {
    expect(evaluation.darurat.emergencies).toBeGreaterThan(0);
    expect(evaluation.darurat.recall).toBeGreaterThanOrEqual(FLOORS.daruratRecall);
    expect(evaluation.darurat.falsePositiveRate).toBeLessThanOrEqual(MAX_DARURAT_FALSE_POSITIVE_RATE);
  });
});

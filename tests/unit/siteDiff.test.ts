import { describe, expect, it } from "vitest";
import { contentChanges, rowChanges } from "@server/sites/diff.js";

const line = (name: string, plan: number) => ({ group: "belanja", name, plan, realisation: 0 });

describe("the review's diff of an entry", () => {
  it("names nested fields by their path and leaves out fields that are empty on both sides", () => {
    const changes = contentChanges(
      { title: "Jalan", funding: { danaDesa: 100, swadaya: 0 }, stages: [] },
      { title: "Jalan", funding: { danaDesa: 150, swadaya: 0 }, stages: [], note: "" },
    );
    expect(changes).toEqual([{ field: "funding.danaDesa", before: 100, after: 150 }]);
  });

  it("shows a list's rows added, edited and removed, each at its place", () => {
    const before = [line("Jalan", 10), line("Posyandu", 20), line("Sumur", 30)];
    const after = [line("Jalan", 10), line("Posyandu", 25), line("Sumur", 30), line("Balai", 40)];
    expect(rowChanges(before, after)).toEqual([
      { op: "change", position: 2, before: before[1], after: after[1], fields: ["plan"] },
      { op: "insert", position: 4, before: null, after: after[3], fields: ["group", "name", "plan", "realisation"] },
    ]);
    const removed = rowChanges(before, [before[0]!, before[2]!]);
    expect(removed).toEqual([
      { op: "delete", position: 2, before: before[1], after: null, fields: ["group", "name", "plan", "realisation"] },
    ]);
  });

  it("tells a row moved unchanged from one edited in place", () => {
    const stages = [line("A", 1), line("B", 2), line("C", 3)];
    const changes = rowChanges(stages, [stages[2]!, stages[0]!, stages[1]!]);
    expect(changes).toEqual([{ op: "move", position: 1, from: 3, before: stages[2], after: stages[2], fields: [] }]);
  });

  it("gives a list of a new entry as rows added", () => {
    const [change] = contentChanges(null, { lines: [line("Jalan", 10)] });
    expect(change?.rows).toEqual([
      {
        op: "insert",
        position: 1,
        before: null,
        after: line("Jalan", 10),
        fields: ["group", "name", "plan", "realisation"],
      },
    ]);
  });
});

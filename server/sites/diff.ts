// The change a reviewer sees: each field of a draft against the published version, nested fields
// one by one ("funding.danaDesa"), text word by word, and lists (stages, budget lines…) row by row.

export type DiffSegment = { op: "equal" | "insert" | "delete"; text: string };

/** One row of a list that differs: added, removed, edited in place, or moved unchanged. */
export type RowChange = {
  op: "insert" | "delete" | "change" | "move";
  /** Where the row is, from 1: in the draft, or in the published list for a removed row. */
  position: number;
  /** A moved row's place in the published list, from 1. */
  from?: number;
  before: { [field: string]: unknown } | null;
  after: { [field: string]: unknown } | null;
  /** The row's fields that differ (all of them for an added or removed row). */
  fields: string[];
};

export type FieldChange = {
  field: string;
  before: unknown;
  after: unknown;
  /** Text fields: the words kept, added and removed, in order. */
  segments?: DiffSegment[];
  /** Lists of rows: the rows that differ. */
  rows?: RowChange[];
};

/** Beyond this many words on each side a text is shown as replaced whole, to keep the table small. */
const MAX_WORDS = 2000;

type Row = Record<string, unknown>;
const isRecord = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);
const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown) => (isEmpty(a) && isEmpty(b)) || JSON.stringify(a) === JSON.stringify(b);
const isRowList = (value: unknown): value is Row[] => Array.isArray(value) && value.every(isRecord);

/** The fields that differ between the published content (null: never published) and the draft. */
export function contentChanges(published: Row | null, draft: Row, prefix = ""): FieldChange[] {
  const fields = new Set([...Object.keys(published ?? {}), ...Object.keys(draft)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const before = published?.[field] ?? null;
    const after = draft[field] ?? null;
    if (same(before, after)) continue;
    const path = `${prefix}${field}`;
    if (isRecord(after) && (before === null || isRecord(before))) {
      changes.push(...contentChanges(before, after, `${path}.`));
      continue;
    }
    const change: FieldChange = { field: path, before, after };
    if (typeof after === "string" && (before === null || typeof before === "string"))
      change.segments = wordDiff(before ?? "", after);
    const beforeRows = before ?? [];
    if (isRowList(after) && isRowList(beforeRows)) change.rows = rowChanges(beforeRows, after);
    changes.push(change);
  }
  return changes;
}

/** The rows added, removed, moved and changed: rows kept in order are matched first, then the rest. */
export function rowChanges(before: Row[], after: Row[]): RowChange[] {
  const keys = (rows: Row[]) => rows.map((row) => JSON.stringify(row));
  const steps = align(keys(before), keys(after));
  const changes: RowChange[] = [];
  // An unchanged row that left one place for another was moved.
  const moved = new Set<Step>();
  for (const insert of steps.filter((step) => step.op === "insert")) {
    const origin = steps.find((s) => s.op === "delete" && !moved.has(s) && same(before[s.from!], after[insert.to!]));
    if (!origin) continue;
    moved.add(origin).add(insert);
    const row = after[insert.to!]!;
    changes.push({ op: "move", position: insert.to! + 1, from: origin.from! + 1, before: row, after: row, fields: [] });
  }
  // Between rows kept in place, a removed row and an added one in the same gap are one row edited.
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      const [was, is] = [before[removed[k]!]!, after[added[k]!]!];
      const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((f) => !same(was[f], is[f]));
      changes.push({ op: "change", position: added[k]! + 1, before: was, after: is, fields });
    }
    for (const to of added.slice(paired)) {
      const row = after[to]!;
      changes.push({ op: "insert", position: to + 1, before: null, after: row, fields: Object.keys(row) });
    }
    for (const from of removed.slice(paired)) {
      const row = before[from]!;
      changes.push({ op: "delete", position: from + 1, before: row, after: null, fields: Object.keys(row) });
    }
    removed = [];
    added = [];
  };
  for (const step of steps) {
    if (step.op === "equal") flush();
    else if (!moved.has(step))
      (step.op === "delete" ? removed : added).push(step.op === "delete" ? step.from! : step.to!);
  }
  flush();
  // In the draft's order; a removed row before what now stands in its place.
  return changes.sort((a, b) => a.position - b.position || Number(b.op === "delete") - Number(a.op === "delete"));
}

/** A word diff by longest common subsequence over words and the spaces between them. */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length > MAX_WORDS || b.length > MAX_WORDS) {
    return [
      ...(before ? [{ op: "delete" as const, text: before }] : []),
      ...(after ? [{ op: "insert" as const, text: after }] : []),
    ];
  }
  const segments: DiffSegment[] = [];
  for (const step of align(a, b)) {
    const text = step.op === "insert" ? b[step.to!]! : a[step.from!]!;
    const last = segments[segments.length - 1];
    if (last?.op === step.op) last.text += text;
    else segments.push({ op: step.op, text });
  }
  return segments;
}

type Step = { op: "equal" | "insert" | "delete"; from?: number; to?: number };

/** The steps from `a` to `b` that keep their longest common subsequence. */
function align(a: string[], b: string[]): Step[] {
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) steps.push({ op: "equal", from: i++, to: j++ });
    else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) steps.push({ op: "delete", from: i++ });
    else steps.push({ op: "insert", to: j++ });
  }
  while (i < a.length) steps.push({ op: "delete", from: i++ });
  while (j < b.length) steps.push({ op: "insert", to: j++ });
  return steps;
}

function tokens(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

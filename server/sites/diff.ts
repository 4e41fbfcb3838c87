// The change a reviewer sees: each field of a draft against the published version, text fields
// word by word.

export type DiffSegment = { op: "equal" | "insert" | "delete"; text: string };
export type FieldChange = {
  field: string;
  before: unknown;
  after: unknown;
  /** Text fields: the words kept, added and removed, in order. */
  segments?: DiffSegment[];
};

/** Beyond this many words on each side a text is shown as replaced whole, to keep the table small. */
const MAX_WORDS = 2000;

/** The fields that differ between the published content (null: never published) and the draft. */
export function contentChanges(
  published: Record<string, unknown> | null,
  draft: Record<string, unknown>,
): FieldChange[] {
  const fields = new Set([...Object.keys(published ?? {}), ...Object.keys(draft)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const before = published?.[field] ?? null;
    const after = draft[field] ?? null;
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const change: FieldChange = { field, before, after };
    if (typeof after === "string" && (before === null || typeof before === "string"))
      change.segments = wordDiff(before ?? "", after);
    changes.push(change);
  }
  return changes;
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
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  const segments: DiffSegment[] = [];
  const push = (op: DiffSegment["op"], text: string) => {
    const last = segments[segments.length - 1];
    if (last?.op === op) last.text += text;
    else segments.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push("equal", a[i++]!);
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) push("delete", a[i++]!);
    else push("insert", b[j++]!);
  }
  while (i < a.length) push("delete", a[i++]!);
  while (j < b.length) push("insert", b[j++]!);
  return segments;
}

function tokens(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

/** Reading JSON lines one at a time, so inputs of any size stream through in constant memory. */
import readline from "node:readline";
import type { Readable } from "node:stream";
import type { z } from "zod";

export type LineError = { error: string; line: number };

/**
 * Yields each non-blank line that parses and fits the schema, with its 1-based line number;
 * reports every other line to onError and carries on.
 */
export async function* readJsonLines<T>(
  input: Readable,
  schema: z.ZodType<T>,
  onError: (problem: LineError) => void,
): AsyncGenerator<{ line: number; value: T }> {
  let line = 0;
  for await (const raw of readline.createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (raw.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      onError({ error: `invalid JSON: ${(error as Error).message}`, line });
      continue;
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
      const problems = checked.error.issues.map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`);
      onError({ error: problems.join("; "), line });
      continue;
    }
    yield { line, value: checked.data };
  }
}

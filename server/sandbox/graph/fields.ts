/**
 * The `fields` parameter: a node answers only the fields asked for (plus id), and asking for a
 * field the node type does not have is error 100, as Graph does.
 */
import { graphErrors } from "./errors";

/** Top-level parts of a fields expression such as `id,from{id,name},comments.limit(5)`. */
function topLevelParts(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of expression) {
    if (char === "{" || char === "(") depth++;
    if (char === "}" || char === ")") depth--;
    if (char === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current.trim());
  return parts.filter(Boolean);
}

const nameOf = (part: string) => part.split(/[.{]/)[0]!.trim();

/** Top-level field names of a fields expression. */
export function parseFieldNames(expression: string): string[] {
  return topLevelParts(expression).map(nameOf).filter(Boolean);
}

/** The modifiers asked of one field, e.g. { limit: "0", summary: "total_count" } for `comments.limit(0).summary(total_count)`. */
export function fieldModifiers(requested: unknown, name: string): Record<string, string> {
  const part =
    typeof requested === "string"
      ? topLevelParts(requested).find((candidate) => nameOf(candidate) === name)
      : undefined;
  return Object.fromEntries([...(part ?? "").matchAll(/\.(\w+)\(([^()]*)\)/g)].map((match) => [match[1]!, match[2]!]));
}

/**
 * Picks the requested fields from a full node. `all` lists every field the type knows,
 * `defaults` what Graph returns when no fields are asked for.
 */
export function selectFields(
  node: Record<string, unknown>,
  requested: unknown,
  typeName: string,
  defaults: readonly string[],
): Record<string, unknown> {
  const names = typeof requested === "string" && requested.trim() ? parseFieldNames(requested) : [...defaults];
  const result: Record<string, unknown> = {};
  for (const name of names) {
    if (!(name in node)) throw graphErrors.nonexistingField(name, typeName);
    const value = node[name];
    if (value !== undefined) result[name] = value;
  }
  if (!("id" in result) && node.id !== undefined) result.id = node.id;
  return result;
}

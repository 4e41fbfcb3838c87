/**
 * The `fields` parameter: a node answers only the fields asked for (plus id), and asking for a
 * field the node type does not have is error 100, as Graph does.
 */
import { graphErrors } from "./errors";

/** Top-level field names of a fields expression such as `id,from{id,name},comments.limit(5)`. */
export function parseFieldNames(expression: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of expression) {
    if (char === "{" || char === "(") depth++;
    if (char === "}" || char === ")") depth--;
    if (char === "," && depth === 0) {
      names.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  names.push(current);
  return names.map((name) => name.trim().split(/[.{]/)[0]!.trim()).filter(Boolean);
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
    if (node[name] !== undefined) result[name] = node[name];
  }
  if (!("id" in result) && node.id !== undefined) result.id = node.id;
  return result;
}

import path from "node:path";
import * as TJS from "typescript-json-schema";

type JsonSchema = { [key: string]: unknown };

const ROOT = path.resolve(import.meta.dirname, "../..");
const VIEWS = path.join(import.meta.dirname, "views.ts");
/** The request fields the server adds to express's types, which the presenters' modules use. */
const AMBIENT = path.join(ROOT, "server/types/express.d.ts");
export const VIEW_SCHEMAS_FILE = path.join(import.meta.dirname, "views.generated.json");

const SETTINGS: TJS.PartialArgs = {
  required: true,
  noExtraProps: true,
  strictNullChecks: true,
  // A Date in a presenter's type would claim an object: presenters send ISO strings.
  rejectDateType: true,
  ignoreErrors: false,
};

const byText = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

/** A definition name the generator made up for an unnamed object type ("{id:string;…}"). */
const isMadeUp = (name: string) => !/^[A-Za-z_]\w*$/.test(name);

/**
 * JSON Schema 2020-12 of every type `server/openapi/views.ts` exports, read from the
 * presenters' types by the TypeScript checker: the one definition of what the API returns.
 * Named types are kept as components (`#/components/schemas/…`); unnamed ones are inlined.
 */
export function generateViewSchemas(): Record<string, JsonSchema> {
  // The generator warns about every initializer it does not read (it reads types only).
  const warn = console.warn;
  console.warn = () => {};
  try {
    return collectViewSchemas();
  } finally {
    console.warn = warn;
  }
}

function collectViewSchemas(): Record<string, JsonSchema> {
  const program = TJS.programFromConfig(path.join(ROOT, "tsconfig.json"), [VIEWS, AMBIENT]);
  const generator = TJS.buildGenerator(program, SETTINGS, [VIEWS]);
  if (!generator) throw new Error("server/openapi/views.ts does not type-check");
  const names = generator.getMainFileSymbols(program, [VIEWS]);
  const definitions = (generator.getSchemaForSymbols(names, true).definitions ?? {}) as Record<string, JsonSchema>;
  const resolve = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) {
      const list = value.map((inner) => resolve(inner));
      // A union's members too: the checker orders them by when it created each type.
      return key === "anyOf" || key === "type" ? list.sort(byText) : list;
    }
    if (!value || typeof value !== "object") return value;
    if ((value as JsonSchema).additionalProperties === false && !("properties" in value))
      // The generator closes `Record<string, V>` (it reads only `{ [key: string]: V }`) to "no properties at all".
      throw new Error(
        `An object type without properties in views.ts's types: write Record<string, V> as { [key: string]: V }`,
      );
    const ref = (value as { $ref?: string }).$ref;
    if (ref?.startsWith("#/definitions/")) {
      const name = decodeURIComponent(ref.slice("#/definitions/".length));
      if (isMadeUp(name)) return resolve(definitions[name], key);
      return { $ref: `#/components/schemas/${name}` };
    }
    if (key === "properties")
      // Properties in name order: the checker's order depends on what it happened to read first.
      return Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, inner]) => [name, resolve(inner)]),
      );
    return Object.fromEntries(Object.entries(value).flatMap(([name, inner]) => tuple2020(name, resolve(inner, name))));
  };
  const named = Object.keys(definitions)
    .filter((name) => !isMadeUp(name))
    .sort()
    .map((name) => [name, resolve(definitions[name]) as JsonSchema] as const);
  return Object.fromEntries(named.map(([name, schema]) => [name, referToViews(schema, named)]));
}

/** Draft 7's tuple (`items: [...]`, `additionalItems`) in 2020-12's words (`prefixItems`, `items`). */
function tuple2020(key: string, value: unknown): [string, unknown][] {
  if (key === "items" && Array.isArray(value)) return [["prefixItems", value]];
  if (key === "additionalItems") return [["items", value]];
  return [[key, value]];
}

/**
 * The generator inlines a view wherever another view holds it (a type alias is no symbol of its
 * own): an object schema equal to a named view becomes a reference to it, so the document and the
 * web app's types say "InboxItem" rather than repeating its fields.
 */
function referToViews(schema: JsonSchema, named: (readonly [string, JsonSchema])[]): JsonSchema {
  const nameByText = new Map<string, string>();
  for (const [name, view] of named)
    if ("properties" in view && !nameByText.has(JSON.stringify(view))) nameByText.set(JSON.stringify(view), name);
  const visit = (value: unknown, root: boolean): unknown => {
    if (Array.isArray(value)) return value.map((inner) => visit(inner, false));
    if (!value || typeof value !== "object") return value;
    const name = root ? undefined : nameByText.get(JSON.stringify(value));
    if (name) return { $ref: `#/components/schemas/${name}` };
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visit(inner, false)]));
  };
  return visit(schema, true) as JsonSchema;
}

/** The file's text, as `npm run api:schemas` writes it (and the test compares). */
export const viewSchemasText = () => `${JSON.stringify(generateViewSchemas(), null, 2)}\n`;

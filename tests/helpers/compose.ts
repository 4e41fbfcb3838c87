import fs from "node:fs";
import { parse } from "yaml";

// Just enough of Docker Compose to read docker-compose.yml as `docker compose config` would, where
// no Docker engine or compose plugin is installed: the .env file, variable interpolation, and a
// service's environment (env_file first, then `environment` on top).

/** A .env file in compose's syntax: KEY=VALUE lines, # comments, optional quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const raw = match[2]!.trim();
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    entries[match[1]!] = quoted ? quoted[2]! : raw.replace(/\s+#.*$/, "");
  }
  return entries;
}

/** ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error} and $$, as the Compose specification defines them. */
export function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (whole, name, op, arg) => {
    if (whole === "$$") return "$";
    const value = vars[name as string];
    const unset = value === undefined || (op?.startsWith(":") && value === "");
    if (!unset) return value!;
    if (op?.endsWith("?")) throw new Error(`required variable ${name} is missing a value: ${arg}`);
    return op?.endsWith("-") ? (arg as string) : "";
  });
}

function interpolateAll(node: unknown, vars: Record<string, string>): unknown {
  if (typeof node === "string") return interpolate(node, vars);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, vars));
  if (node && typeof node === "object")
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateAll(value, vars)]));
  return node;
}

type ComposeFile = { services: Record<string, Record<string, unknown>> } & Record<string, unknown>;

/** docker-compose.yml as written (for the schema) and as compose resolves it with this .env. */
export function loadCompose(file: string, dotEnv: string): { raw: unknown; resolved: ComposeFile } {
  const raw = parse(fs.readFileSync(file, "utf8"));
  return { raw, resolved: interpolateAll(raw, parseDotEnv(dotEnv)) as ComposeFile };
}

/** The environment a service's container starts with. */
export function serviceEnvironment(compose: ComposeFile, service: string, dotEnv: string): Record<string, string> {
  const definition = compose.services[service]!;
  const fromFiles = [definition.env_file ?? []].flat().length ? parseDotEnv(dotEnv) : {};
  const given = definition.environment ?? {};
  const listed = Array.isArray(given)
    ? Object.fromEntries((given as string[]).map((entry) => entry.split(/=(.*)/s).slice(0, 2)))
    : Object.fromEntries(Object.entries(given).map(([key, value]) => [key, String(value ?? "")]));
  return { ...fromFiles, ...listed };
}

import { createRequire } from "node:module";
import { createApp } from "@server/app.js";
import { loadConfig } from "@server/config.js";
import type { Services } from "@server/services.js";
import { openApiDocument } from "./document.js";

const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

/** Stands in for a service: the route factories only keep services for their handlers, which never run here. */
function placeholder(): unknown {
  return new Proxy(() => {}, {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => "" : key === "then" ? undefined : placeholder()),
    apply: () => placeholder(),
    construct: () => placeholder() as object,
  });
}

/**
 * The OpenAPI document GET /api/openapi.json serves, built without a database or a server: the
 * app's router tree over the default configuration, every other service a placeholder.
 */
export function offlineOpenApiDocument(): Record<string, unknown> {
  const known: Record<string | symbol, unknown> = { config: loadConfig({}) };
  const services = new Proxy(known, { get: (target, key) => (key in target ? target[key] : placeholder()) });
  return openApiDocument(createApp(services as unknown as Services), version);
}

import type express from "express";
import { createApp } from "@server/app.js";
import type { Services } from "@server/services.js";

/** A route as the app declares it; method "ALL" for `router.all`. */
export type RouteInfo = { method: string; path: string };

type Layer = {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/**
 * Every route the real app answers, read from its router tree (express 5 keeps each layer's
 * raw path), so that suites walking "every endpoint" notice a new one without being told.
 */
export function listRoutes(services: Services): RouteInfo[] {
  const app = createApp(services) as express.Express & { router: { stack: Layer[] } };
  const routes: RouteInfo[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on)
            routes.push({
              method: method === "_all" ? "ALL" : method.toUpperCase(),
              path: joinPath(prefix, layer.route.path),
            });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === "string" ? layer.rawPath : "";
        walk(layer.handle.stack, joinPath(prefix, mount));
      }
    }
  };
  walk(app.router.stack, "");
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.method} ${route.path}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, "/");
  return joined.length > 1 ? joined.replace(/\/$/, "") : joined;
}

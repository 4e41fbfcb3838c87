import { createApp } from "@server/app.js";
import { declaredRoutes } from "@server/openapi/routeTree.js";
import type { Services } from "@server/services.js";

/** A route as the app declares it; method "ALL" for `router.all`. */
export type RouteInfo = { method: string; path: string };

/**
 * Every route the real app answers, read from its router tree, so that suites walking "every
 * endpoint" notice a new one without being told.
 */
export function listRoutes(services: Services): RouteInfo[] {
  return declaredRoutes(createApp(services)).map(({ method, path }) => ({ method, path }));
}

/** A route as a router declares it, with the router that holds it and the full path it answers at. */
export type DeclaredRoute = { router: object; method: string; declared: string; path: string };

type Layer = {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/**
 * Every route an express 5 app answers, read from its router tree (each layer keeps its raw
 * mount path), with the router it was declared on: the API reference and the test suites walk
 * the same tree, so a new route shows up without being listed anywhere.
 */
export function declaredRoutes(app: object): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  const seen = new Set<string>();
  const walk = (router: { stack: Layer[] }, prefix: string) => {
    for (const layer of router.stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          const name = method === "_all" ? "ALL" : method.toUpperCase();
          const path = joinPath(prefix, layer.route.path);
          if (!on || seen.has(`${name} ${path}`)) continue;
          seen.add(`${name} ${path}`);
          routes.push({ router, method: name, declared: layer.route.path, path });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === "string" ? layer.rawPath : "";
        walk(layer.handle as { stack: Layer[] }, joinPath(prefix, mount));
      }
    }
  };
  walk((app as { router: { stack: Layer[] } }).router, "");
  return routes;
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, "/");
  return joined.length > 1 ? joined.replace(/\/$/, "") : joined;
}

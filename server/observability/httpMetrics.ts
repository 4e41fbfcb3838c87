import type { Request, RequestHandler } from "express";
import type { PrometheusMetrics } from "./prometheus.js";

/** Times every request into siar_http_request_duration_seconds, labelled by its route pattern. */
export function httpMetrics(metrics: PrometheusMetrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.once("finish", () =>
      end({ method: req.method, route: routePattern(req), status_class: `${Math.floor(res.statusCode / 100)}xx` }),
    );
    next();
  };
}

/**
 * The pattern of the route that answered (/api/posts/:id/approve), never the address with its
 * ids, so that labels stay few. Express keeps the matched route's own path; the mount path in
 * front of it is the address's leading segments, in which ids are replaced. A request no route
 * answered (static files, the staff app) is labelled by its first segment, or "unmatched" when nothing was found.
 */
export function routePattern(req: Request): string {
  const segments = (req.originalUrl.split("?")[0] ?? "").split("/").filter(Boolean);
  const routePath = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof routePath === "string") {
    // A wildcard matches any number of segments: its mount is the router's own (left as is when it answered).
    if (routePath.includes("*"))
      return `/${[...req.baseUrl.split("/").filter(Boolean).map(asPatternSegment), ...routePath.split("/").filter(Boolean)].join("/")}`;
    const own = routePath.split("/").filter(Boolean);
    const mount = segments.slice(0, Math.max(0, segments.length - own.length)).map(asPatternSegment);
    return `/${[...mount, ...own].join("/")}`;
  }
  if (req.res && req.res.statusCode === 404) return "unmatched";
  return segments.length ? `/${asPatternSegment(segments[0]!)}/*` : "/";
}

/** A segment that looks like an id (a UUID, a number, a tracking code, anything long) becomes :id. */
function asPatternSegment(segment: string): string {
  const idLike = /^[0-9a-f-]{32,36}$/i.test(segment) || /\d{3,}/.test(segment) || segment.length > 40;
  return idLike || !/^[\w.-]+$/.test(segment) ? ":id" : segment;
}

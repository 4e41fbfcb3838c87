import type { z } from "zod";
import type { ErrorCode } from "@server/errors.js";
import { ReportingCalendar } from "@server/reports/period.js";
import type { Action, Model } from "@server/policies/policy.js";
import type viewSchemas from "./views.generated.json";

/**
 * Who may call a route: the policy question its handler asks (`authorize(actor, action, model)`),
 * from which the reference lists the roles; "signedIn" for routes on the caller's own things
 * that ask no policy; "public" for routes before sign-in; "desaToken" for OpenSID's push API.
 */
export type Permission = { action: Action; model: Model } | "signedIn" | "public" | "desaToken";

/** A response type of `server/openapi/views.ts` (its schema in views.generated.json). */
export type ViewName = keyof typeof viewSchemas;

/** What a JSON success carries: one view, a list `{ data: [view] }`, or a page `{ data, nextCursor }`. */
export type ResponseView = ViewName | { list: ViewName } | { page: ViewName };

/** What the reference says about one route; written next to the route with `describeRoutes`. */
export type RouteDescription = {
  summary: string;
  /** Longer prose; optional. */
  description?: string;
  permission: Permission;
  /** The zod schema the handler parses `req.query` with. */
  query?: z.ZodType;
  /** The zod schema the handler parses a JSON `req.body` with. */
  body?: z.ZodType;
  /** A raw upload instead of JSON: the content types the route takes. */
  upload?: string[];
  /** What a JSON success carries (required for every route that answers JSON). */
  response?: ResponseView;
  /** Success status; 200 unless said. */
  status?: number;
  /** What a success carries when it is not (only) JSON: "text/csv", or ["application/json", "text/csv"]. */
  produces?: string | string[];
  /** Error codes this route raises beyond the ones every route of its kind may answer. */
  errors?: ErrorCode[];
  /** For `router.all`: the methods it answers. */
  methods?: string[];
};

/** "GET /:id" → description, as the router declares the route. */
export type RouteDescriptions = Record<string, RouteDescription>;

/** For query schemas built per reporting zone: their shape is the same in every zone. */
export const DESCRIBED_CALENDAR = new ReportingCalendar("Asia/Jakarta", 0);

const registry = new WeakMap<object, RouteDescriptions>();

/**
 * Describes a router's routes for the API reference (GET /api/openapi.json); keys are
 * "METHOD path" exactly as the router declares them ("ALL" for `router.all`). The reference
 * is read from the running app's routers, so a route without a description is missing from it
 * (tests/api/openapi.test.ts fails).
 */
export function describeRoutes(router: object, descriptions: RouteDescriptions): void {
  registry.set(router, { ...registry.get(router), ...descriptions });
}

/** The descriptions given for a router, if any. */
export function descriptionsOf(router: object): RouteDescriptions | undefined {
  return registry.get(router);
}

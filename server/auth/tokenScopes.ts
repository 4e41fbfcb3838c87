import type { Actor, ActorUnit } from "@server/auth/actor.js";
import type { ApiTokenScope } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { isInScope } from "@server/policies/scope.js";

/** Every scope a personal API token may carry, in the order the staff app shows them. */
export const API_TOKEN_SCOPES = [
  "read",
  "inbox",
  "publishing",
  "ppid",
  "admin",
] as const satisfies readonly ApiTokenScope[];

/**
 * The one map from /api area (the first path segment) to the scope a token needs to act there.
 * A GET is also allowed with the `read` scope anywhere. The user's role is checked afterwards by
 * the policies as for a session: a scope never adds a right, it only narrows what the token may do.
 */
const AREA_SCOPES: Record<string, ApiTokenScope> = {
  // The inbox: items, replies, photos, canned answers, early warnings; and the notifications
  // that mostly point into it (marking them read is inbox housekeeping).
  inbox: "inbox",
  "canned-responses": "inbox",
  "early-warnings": "inbox",
  notifications: "inbox",
  // Publishing: posts (and their calendar view), media uploads, unit sites and their entries.
  posts: "publishing",
  media: "publishing",
  sites: "publishing",
  "site-entries": "publishing",
  // PPID: information requests, objections, registers and reports, the DIP, PPID profiles.
  ppid: "ppid",
  "dip-items": "ppid",
  "ppid-profiles": "ppid",
  // Administration: organisation, people, channels, rules, settings, audit log, demo and sandbox;
  // also the account itself (password, profile, issuing and revoking tokens).
  auth: "admin",
  units: "admin",
  users: "admin",
  "audit-events": "admin",
  sandbox: "admin",
  channels: "admin",
  "platform-prices": "admin",
  "inbox-dead-letters": "admin",
  "routing-rules": "admin",
  settings: "admin",
  "working-calendar": "admin",
  "demo-data": "admin",
  organisation: "admin",
  "webhook-endpoints": "admin",
  system: "admin",
  // Read-only areas; their few writes (sending a test report) are administration.
  dashboard: "admin",
  reports: "admin",
};

const READ_METHODS = new Set(["GET", "HEAD"]);

/** The scopes any one of which lets a token make this request (path relative to /api). */
export function scopesAllowing(method: string, apiPath: string): ApiTokenScope[] {
  const area = apiPath.split("/")[1] ?? "";
  // An unknown area answers 404 anyway; asking for admin keeps a forgotten new area closed.
  const areaScope = AREA_SCOPES[area] ?? "admin";
  return READ_METHODS.has(method.toUpperCase()) ? ["read", areaScope] : [areaScope];
}

/**
 * The actor a token acts as: its user, narrowed to the token's scopes and unit limit. A limit the
 * user can no longer see (moved to another unit) leaves the token seeing nothing.
 */
export function tokenActor(
  user: Actor,
  token: { id: string; scopes: ApiTokenScope[]; unitLimit: ActorUnit | null },
): Actor {
  const { unitLimit } = token;
  const units = unitLimit ? (isInScope(user, unitLimit.path) ? [unitLimit] : []) : user.units;
  return { ...user, units, token: { id: token.id, scopes: token.scopes, unitLimited: !!unitLimit } };
}

/** Refuses a token request its scopes do not allow, naming the scope it needs (403 token_scope_missing). */
export function checkTokenScope(actor: Actor, method: string, apiPath: string): void {
  if (!actor.token) return;
  const allowing = scopesAllowing(method, apiPath);
  if (allowing.some((scope) => actor.token!.scopes.includes(scope))) return;
  const scope = allowing[allowing.length - 1]!;
  throw new AppError("token_scope_missing", { scope, scopes: allowing });
}

import type { Actor } from "@server/auth/actor.js";
import { allow } from "./policy.js";
import { hasRole, role } from "./scope.js";

// Leaders oversee their units (the list is filtered to their scope); admins see everything.
allow("AuditEvent", "list", role("admin", "leader"));

/** Admins read every unit's events; leaders those of their units and their own actions. */
export const readsEveryUnitsAuditEvents = (actor: Actor): boolean => hasRole(actor, "admin");

import { allow } from "./policy.js";
import { hasRole } from "./scope.js";

// Leaders oversee their units (the list is filtered to their scope); admins see everything.
allow("AuditEvent", "list", (actor) => hasRole(actor, "admin", "leader"));

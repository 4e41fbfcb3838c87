import { allow } from "./policy.js";
import { hasRole, isInScope } from "./scope.js";

allow("Unit", "list", () => true);
allow("Unit", "read", (actor, unit) => !!unit && isInScope(actor, unit.path));
allow("Unit", ["create", "update", "deactivate"], (actor) => hasRole(actor, "admin"));

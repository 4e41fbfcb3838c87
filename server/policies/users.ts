import { allow } from "./policy.js";
import { hasRole, isInScope } from "./scope.js";

allow("User", "list", () => true);
// Colleagues are visible within one's scope (to assign work); everyone can see themselves.
allow(
  "User",
  "read",
  (actor, user) => !!user && (user.id === actor.id || user.unitPaths.some((path) => isInScope(actor, path))),
);
allow("User", ["create", "update", "deactivate", "resetPassword"], (actor) => hasRole(actor, "admin"));

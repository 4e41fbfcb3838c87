import { allow, can } from "./policy.js";
import { hasRole, isInScope } from "./scope.js";

// Canned responses: everyone who answers citizens uses them; admins write them.
allow("CannedResponse", "list", (actor) => hasRole(actor, "admin", "humas", "officer"));
allow("CannedResponse", ["create", "update"], (actor) => hasRole(actor, "admin"));
// A template is read by those it may serve: global ones by all, a unit's by that unit and below
// (the same templates the reply box offers for their items), every one by roles that see all units.
allow(
  "CannedResponse",
  "read",
  (actor, template) =>
    can(actor, "list", "CannedResponse") &&
    (!template ||
      template.unitPath === null ||
      isInScope(actor, template.unitPath) ||
      actor.units.some((unit) => unit.path.startsWith(template.unitPath!))),
);

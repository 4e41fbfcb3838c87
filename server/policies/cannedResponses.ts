import { allow } from "./policy.js";
import { hasRole } from "./scope.js";

// Canned responses: everyone who answers citizens uses them; admins write them.
allow("CannedResponse", "list", (actor) => hasRole(actor, "admin", "humas", "officer"));
allow("CannedResponse", ["create", "update"], (actor) => hasRole(actor, "admin"));

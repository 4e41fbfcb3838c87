import { allow } from "./policy.js";
import { hasRole } from "./scope.js";

// Dead letters hold citizens' messages from every unit and raw platform payloads: admins only.
allow("InboxDeadLetter", ["list", "update"], (actor) => hasRole(actor, "admin"));

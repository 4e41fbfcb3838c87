import { allow } from "./policy.js";
import { hasRole } from "./scope.js";

// The simulated platforms: everyone signed in is told channels are simulated; only admins drive them.
allow("Sandbox", "read", () => true);
allow("Sandbox", "control", (actor) => hasRole(actor, "admin"));

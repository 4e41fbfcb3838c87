import { allow } from "./policy.js";
import { role } from "./scope.js";

// Reports by e-mail: only admins trigger a test send.
allow("Report", "control", role("admin"));

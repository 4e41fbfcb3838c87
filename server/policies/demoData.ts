import { allow } from "./policy.js";
import { role } from "./scope.js";

// The demo's made-up data: admins see how much there is and remove it all, once the office
// starts using Siar for real.
allow("DemoData", ["read", "update"], role("admin"));

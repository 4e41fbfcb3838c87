import { allow } from "./policy.js";
import { role } from "./scope.js";

// The working calendar (holidays, cuti bersama, regional holidays, office closures): every
// deadline counts on it, so only admins change it; they and humas read it.
allow("WorkingCalendar", "read", role("admin", "humas"));
allow("WorkingCalendar", "update", role("admin"));

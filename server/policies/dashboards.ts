import { allow, and } from "./policy.js";
import { noneOrInScope, role } from "./scope.js";

// Dashboards: leaders read their units' figures; humas and admins read all.
allow("Dashboard", "read", and(role("admin", "humas", "leader"), noneOrInScope));

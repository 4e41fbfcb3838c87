import { allow } from "./policy.js";
import { role } from "./scope.js";

// Routing rules decide which unit gets an item: humas and admins read them, admins change them.
allow("RoutingRule", "list", role("admin", "humas"));
allow("RoutingRule", ["create", "update"], role("admin"));

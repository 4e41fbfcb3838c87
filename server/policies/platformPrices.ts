import { allow } from "./policy.js";
import { role } from "./scope.js";

// X's prices: those who choose where a post's link goes see what each choice costs (humas,
// admins); admins keep them current when X changes them.
allow("PlatformPrice", "list", role("admin", "humas"));
allow("PlatformPrice", "update", role("admin"));

import { allow } from "./policy.js";
import { role } from "./scope.js";

// The office's letterhead (address, contact, logo) on every PDF it hands on is the admins' to set.
allow("Letterhead", ["read", "update"], role("admin"));

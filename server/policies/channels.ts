import { allow } from "./policy.js";
import { role } from "./scope.js";

// Channels: whoever composes sees those they may publish to; admins connect and change them.
allow("Channel", "list", () => true);
allow("Channel", ["create", "update"], role("admin"));

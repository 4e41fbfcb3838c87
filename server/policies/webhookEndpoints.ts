import { allow } from "./policy.js";
import { role } from "./scope.js";

// Outgoing webhooks send the office's events to other systems, signed with a secret: only admins
// see them and their deliveries, and register, change, rotate, replay or remove them ("update").
allow("WebhookEndpoint", ["list", "read", "create", "update"], role("admin"));

import { allow } from "./policy.js";

// Notifications: everyone signed in has their own list; nobody reads or marks another's.

allow("Notification", "list", () => true);
// Only the recipient reads a notification or marks it read.
allow("Notification", "update", (actor, notification) => !!notification && notification.userId === actor.id);

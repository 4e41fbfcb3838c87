import { allow, can } from "./policy.js";

// Early warnings follow the inbox items of the unit they were routed to. Whoever may read those
// items (leaders of the unit and above included) sees the warning and may acknowledge it
// ("update"): a camat or the sekda saying "seen" quickly is the point of a warning. Resolving it
// ("handle") is for the staff who handle the unit's items: admins, humas, the unit's officers.
allow("EarlyWarning", ["list", "read", "update"], (actor, warning) => can(actor, "read", "InboxItem", warning));
allow("EarlyWarning", "handle", (actor, warning) => can(actor, "handle", "InboxItem", warning));

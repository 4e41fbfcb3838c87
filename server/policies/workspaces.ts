import { allow } from "./policy.js";
import { hasRole, isInScope } from "./scope.js";

// Publishing: officers propose posts for their units, humas compose for all, leaders approve.
allow("Post", "list", () => true);
allow("Post", "create", (actor, post) => hasRole(actor, "admin", "humas", "officer") && (!post || isInScope(actor, post.unitPath)));
allow("Post", "approve", (actor, post) => hasRole(actor, "admin", "leader") && (!post || isInScope(actor, post.unitPath)));

// Inbox: officers handle items routed to their units; humas and admins see all.
allow("InboxItem", ["list", "read"], (actor, item) => hasRole(actor, "admin", "humas", "officer") && (!item || isInScope(actor, item.unitPath)));

// Dashboards: leaders read their units' figures; humas and admins read all.
allow("Dashboard", "read", (actor, scope) => hasRole(actor, "admin", "humas", "leader") && (!scope || isInScope(actor, scope.unitPath)));

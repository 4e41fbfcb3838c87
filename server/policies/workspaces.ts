import { allow, can } from "./policy.js";
import { isPublishedStatus } from "../publishing/postStatus.js";
import { hasRole, isInScope } from "./scope.js";

// Publishing: officers propose posts for their units, humas compose for all, leaders approve.
// Nobody approves their own post.
allow("Post", "list", () => true);
allow("Post", "read", (actor, post) => !!post && isInScope(actor, post.unitPath));
// The post a citizen's comment answers, shown beside the item: to anyone reading the item while the
// post is public (a kabupaten post's comments are routed to kecamatan), else only to its readers.
allow("Post", "readLinked", (actor, post) => !!post && (can(actor, "read", "Post", post) || isPublishedStatus(post.status)));
allow("Post", "create", (actor, post) => hasRole(actor, "admin", "humas", "officer") && (!post || isInScope(actor, post.unitPath)));
allow("Post", "update", (actor, post) => !!post && isInScope(actor, post.unitPath) && (post.authorId === actor.id || hasRole(actor, "admin", "humas")));
allow("Post", "approve", (actor, post) => hasRole(actor, "admin", "leader", "humas") && (!post || (isInScope(actor, post.unitPath) && post.authorId !== actor.id)));
allow("Post", "schedule", (actor, post) => !!post && isInScope(actor, post.unitPath) && (post.authorId === actor.id || hasRole(actor, "admin", "humas", "leader")));
allow("MediaAsset", "create", (actor, media) => hasRole(actor, "admin", "humas", "officer") && (!media || isInScope(actor, media.unitPath)));

// Channels: admins connect them; whoever composes sees those they may publish to.
allow("Channel", "list", () => true);
allow("Channel", ["create", "update"], (actor) => hasRole(actor, "admin"));

// Inbox: officers handle items routed to their units; humas and admins see and handle all;
// leaders may read their units' items (dashboards drill down to them) but not act on them.
const itemInScope = (actor: Parameters<typeof isInScope>[0], item: { unitPath: string | null } | undefined) =>
  !item || (item.unitPath === null ? hasRole(actor, "admin", "humas") : isInScope(actor, item.unitPath));
allow("InboxItem", "list", (actor) => hasRole(actor, "admin", "humas", "officer"));
allow("InboxItem", "read", (actor, item) => hasRole(actor, "admin", "humas", "officer", "leader") && itemInScope(actor, item));
allow("InboxItem", "handle", (actor, item) => hasRole(actor, "admin", "humas", "officer") && itemInScope(actor, item));
allow("RoutingRule", ["list"], (actor) => hasRole(actor, "admin", "humas"));
allow("RoutingRule", ["create", "update"], (actor) => hasRole(actor, "admin"));

// Reports by e-mail: only admins trigger a test send.
allow("Report", "control", (actor) => hasRole(actor, "admin"));

// Dashboards: leaders read their units' figures; humas and admins read all.
allow("Dashboard", "read", (actor, scope) => hasRole(actor, "admin", "humas", "leader") && (!scope || isInScope(actor, scope.unitPath)));

import type { Actor } from "@server/auth/actor.js";
import { isPublishedStatus } from "@server/publishing/postStatus.js";
import { allow, and, can, or, type Subjects } from "./policy.js";
import { inScope, noneOrInScope, role } from "./scope.js";

// Publishing: officers propose posts for their units, humas compose for all, leaders approve.

/** The author of the post. */
const isAuthor = (actor: Actor, post: Subjects["Post"] | undefined) => !!post && post.authorId === actor.id;
/** Nobody approves their own post. */
const notAuthor = (actor: Actor, post: Subjects["Post"] | undefined) => !post || post.authorId !== actor.id;

allow("Post", "list", () => true);
allow("Post", "read", inScope);

// The post a citizen's comment answers, shown beside the item: to anyone reading the item while the
// post is public (a kabupaten post's comments are routed to kecamatan), else only to its readers.
allow(
  "Post",
  "readLinked",
  or(
    (actor, post) => can(actor, "read", "Post", post),
    (_actor, post) => isPublishedStatus(post?.status),
  ),
);

// Whoever composes writes posts for the units in their scope.
allow("Post", "create", and(role("admin", "humas", "officer"), noneOrInScope));

// The author edits their own; humas and admins edit any in scope.
allow("Post", "update", and(inScope, or(isAuthor, role("admin", "humas"))));

// Leaders, humas and admins approve posts of their scope that others wrote.
allow("Post", "approve", and(role("admin", "leader", "humas"), noneOrInScope, notAuthor));

// The author, or those who approve, move its publishing time.
allow("Post", "schedule", and(inScope, or(isAuthor, role("admin", "humas", "leader"))));

// Media are uploaded by those who compose, and by desa operators for their desa's pages, for the
// units in their scope.
allow("MediaAsset", "create", and(role("admin", "humas", "officer", "leader", "desa_operator"), noneOrInScope));

/** An officer's post, or any post of a unit that asks for it, waits for a leader's approval. */
export function postNeedsApproval(post: {
  author: { role: Actor["role"] };
  unit: { postsRequireApproval: boolean };
}): boolean {
  return post.author.role === "officer" || post.unit.postsRequireApproval;
}

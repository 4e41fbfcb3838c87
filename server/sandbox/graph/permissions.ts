/**
 * The permissions each Graph call needs, and Meta's refusal when the token lacks one: code 10
 * ("API Permission Denied") for reads, code 200 ("Permissions error") for writes, as
 * https://developers.facebook.com/docs/graph-api/guides/error-handling lists them. Requirements
 * follow the endpoint references: Page posts and comments
 * (https://developers.facebook.com/docs/pages-api/posts, /docs/pages-api/comments-mentions),
 * insights (https://developers.facebook.com/docs/graph-api/reference/insights), Page webhooks
 * (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps), Messenger
 * (https://developers.facebook.com/docs/messenger-platform/conversations) and Instagram
 * (https://developers.facebook.com/docs/instagram-platform/content-publishing, /comment-moderation, /insights).
 */
import type { GraphToken } from "@server/sandbox/state";
import { GraphError } from "./errors";

type Need = { permissions: string[]; code: 10 | 200 };

const read = (...permissions: string[]): Need => ({ permissions, code: 10 });
const write = (...permissions: string[]): Need => ({ permissions, code: 200 });

/** By "<node type> <method> <edge>" (no edge: the node itself). */
const NEEDS: Record<string, Need> = {
  "Page GET": read("pages_read_engagement"),
  "Page GET feed": read("pages_read_engagement"),
  "Page GET published_posts": read("pages_read_engagement"),
  "Page GET scheduled_posts": read("pages_read_engagement"),
  "Page GET videos": read("pages_read_engagement"),
  "Page POST feed": write("pages_read_engagement", "pages_manage_posts"),
  "Page POST photos": write("pages_read_engagement", "pages_manage_posts"),
  "Page POST videos": write("pages_read_engagement", "pages_manage_posts"),
  "Page GET conversations": read("pages_messaging"),
  "Page POST messages": write("pages_messaging"),
  "Page GET subscribed_apps": read("pages_manage_metadata"),
  "Page POST subscribed_apps": write("pages_manage_metadata"),
  "Page DELETE subscribed_apps": write("pages_manage_metadata"),
  "Post GET": read("pages_read_engagement"),
  "Post POST": write("pages_manage_posts"),
  "Post DELETE": write("pages_manage_posts"),
  "Post GET comments": read("pages_read_engagement", "pages_read_user_content"),
  "Post POST comments": write("pages_manage_engagement"),
  "Post GET insights": read("pages_read_engagement", "read_insights"),
  "Video GET": read("pages_read_engagement"),
  "Video POST": write("pages_manage_posts"),
  "Video DELETE": write("pages_manage_posts"),
  "Video GET comments": read("pages_read_engagement", "pages_read_user_content"),
  "Video POST comments": write("pages_manage_engagement"),
  "Video GET video_insights": read("pages_read_engagement", "read_insights"),
  "Comment GET": read("pages_read_user_content"),
  "Comment POST": write("pages_manage_engagement"),
  "Comment DELETE": write("pages_manage_engagement"),
  "Comment GET comments": read("pages_read_user_content"),
  "Comment POST comments": write("pages_manage_engagement"),
  "Conversation GET": read("pages_messaging"),
  "Conversation GET messages": read("pages_messaging"),
  "IGUser GET": read("instagram_basic"),
  "IGUser GET media": read("instagram_basic"),
  "IGUser POST media": write("instagram_basic", "instagram_content_publish"),
  "IGUser POST media_publish": write("instagram_basic", "instagram_content_publish"),
  "IGUser GET content_publishing_limit": read("instagram_basic", "instagram_content_publish"),
  "IGContainer GET": read("instagram_basic", "instagram_content_publish"),
  "IGMedia GET": read("instagram_basic"),
  "IGMedia GET comments": read("instagram_basic", "instagram_manage_comments"),
  "IGMedia POST comments": write("instagram_basic", "instagram_manage_comments"),
  "IGMedia GET insights": read("instagram_basic", "instagram_manage_insights"),
  "IGComment GET": read("instagram_basic", "instagram_manage_comments"),
  "IGComment POST": write("instagram_basic", "instagram_manage_comments"),
  "IGComment DELETE": write("instagram_basic", "instagram_manage_comments"),
  "IGComment GET replies": read("instagram_basic", "instagram_manage_comments"),
  "IGComment POST replies": write("instagram_basic", "instagram_manage_comments"),
};

/** Throws Meta's permission error when the token was not granted what the call needs. */
export function assertPermitted(token: GraphToken, typeName: string, method: string, edge: string | undefined): void {
  const need = NEEDS[[typeName, method, edge].filter(Boolean).join(" ")];
  if (!need || !token.scopes) return;
  const missing = need.permissions.filter((permission) => !token.scopes!.has(permission));
  if (missing.length > 0) throw permissionError(need, missing);
}

/** A permission the token lacks, refused the way Meta words it. */
export function permissionError(need: Pick<Need, "code" | "permissions">, missing: string[]): GraphError {
  const message =
    need.code === 200
      ? need.permissions.includes("pages_manage_posts")
        ? "(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission"
        : `(#200) Requires ${missing.join(" and ")} permission to manage the object`
      : `(#10) This endpoint requires the '${missing[0]}' permission. Refer to https://developers.facebook.com/docs/permissions for details.`;
  return new GraphError(400, { message, type: "OAuthException", code: need.code });
}

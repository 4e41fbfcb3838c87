import { createHmac } from "node:crypto";

// Meta's Page webhooks as documented (https://developers.facebook.com/docs/graph-api/webhooks/getting-started).

/** One comment on a Page post, as a "feed" change. */
export function pageCommentChange(comment: {
  commentId: string;
  message: string;
  postId: string;
  /** The comment replied to; Meta names the post itself for a top-level comment. */
  parentId?: string;
  from?: { id: string; name?: string };
}) {
  return {
    field: "feed",
    value: {
      item: "comment",
      verb: "add",
      comment_id: comment.commentId,
      post_id: comment.postId,
      ...(comment.parentId ? { parent_id: comment.parentId } : {}),
      message: comment.message,
      from: comment.from ?? { id: "7100000000009999", name: "Warga Uji" },
      created_time: 1795000000,
    },
  };
}

/** A delivery for one Page, holding these changes, as the raw body Meta signs. */
export function pageDelivery(pageId: string, changes: unknown[]): string {
  return JSON.stringify({ object: "page", entry: [{ id: pageId, time: 1795000000, changes }] });
}

/** The X-Hub-Signature-256 header Meta sends: HMAC-SHA256 of the raw body with the app secret. */
export function metaSignature(body: string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/** Delivers a signed webhook body to a Siar; returns the response. */
export function deliverMetaWebhook(baseUrl: string, body: string, appSecret: string): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/meta`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": metaSignature(body, appSecret) },
    body,
  });
}

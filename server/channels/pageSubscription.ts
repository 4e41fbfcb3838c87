/**
 * Subscribing a connected Page to the app's webhooks. Meta sends a Page's webhooks only for the
 * fields the Page is subscribed to at both the app and the Page level, and Instagram comment
 * webhooks only when the Page linked to the account is subscribed too.
 * https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-pages
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-instagram/
 */
import type { ChannelTarget } from "./adapter.js";
import { GraphClient } from "./graph.js";
import type { Platform } from "./http.js";

/** Comments and posts (feed) and Page messages (messages), the Page fields Siar files. */
export const PAGE_WEBHOOK_FIELDS = ["feed", "messages"] as const;

const FACEBOOK: Platform = { label: "Facebook", codePrefix: "graph" };

/** A Page channel's token is its Page's; an Instagram channel's token is its linked Page's. */
function pageGraph(target: ChannelTarget): GraphClient {
  const token = target.credentials.pageAccessToken ?? target.credentials.accessToken ?? "";
  return new GraphClient(FACEBOOK, target, token);
}

/** The Page a target's token acts for (an Instagram channel's externalId is its IG account). */
export async function pageIdOf(target: ChannelTarget): Promise<string> {
  if (target.kind === "facebook") return target.externalId;
  return (await pageGraph(target).get<{ id: string }>("me", { fields: "id" })).id;
}

/**
 * POST /{page-id}/subscribed_apps with the fields Siar files; needs pages_manage_metadata, and
 * pages_messaging for messages, which is left out when the token is known to lack it (comments
 * still come by webhook, messages by polling).
 */
export async function subscribePage(
  target: ChannelTarget,
  pageId: string,
  granted: string[] | null,
): Promise<string[]> {
  const fields = PAGE_WEBHOOK_FIELDS.filter(
    (field) => field !== "messages" || granted === null || granted.includes("pages_messaging"),
  );
  await pageGraph(target).post(`${pageId}/subscribed_apps`, { subscribed_fields: fields.join(",") });
  return fields;
}

/** DELETE /{page-id}/subscribed_apps: the Page stops sending this app webhooks. */
export async function unsubscribePage(target: ChannelTarget, pageId: string): Promise<void> {
  await pageGraph(target).delete(`${pageId}/subscribed_apps`);
}

type SubscribedApps = { data: { id: string; subscribed_fields?: string[] }[] };

/** The fields the Page sends this app, read back (GET /{page-id}/subscribed_apps); empty when it sends none. */
export async function subscribedFields(target: ChannelTarget, pageId: string, appId: string | null): Promise<string[]> {
  const answer = await pageGraph(target).get<SubscribedApps>(`${pageId}/subscribed_apps`);
  // A Page token lists only its own app; without the app id configured, take what it lists.
  const app = answer.data.find((entry) => appId === null || entry.id === appId);
  return app?.subscribed_fields ?? [];
}

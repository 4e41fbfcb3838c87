/**
 * A Page's webhook subscriptions for the app: GET, POST (subscribed_fields) and DELETE
 * /{page-id}/subscribed_apps. Only fields subscribed at both the app and the Page level reach
 * the app, so a Page nobody subscribed sends no webhooks at all.
 * https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-pages
 */
import { z } from "zod";
import { DEFAULT_ACCOUNTS, type FbPage } from "@server/sandbox/state";
import { graphErrors } from "./errors";
import { type GraphContext, validateParams } from "./node";
import { permissionError } from "./permissions";

/** The Page webhook fields the reference lists that the sandbox knows of. */
const PAGE_FIELDS = ["feed", "mention", "messages", "messaging_postbacks", "message_deliveries", "message_reads"];
/** Messenger fields also need pages_messaging. */
const MESSAGING_FIELDS = new Set(["messages", "messaging_postbacks", "message_deliveries", "message_reads"]);

const subscribeParams = z.object({
  subscribed_fields: z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(",")).map((field) => field.trim()).filter(Boolean),
    ),
});

export function subscribedAppsEdge(page: FbPage) {
  return {
    get: ({ state }: GraphContext) => {
      const fields = state.graph.pageSubscriptions.get(page.id);
      return {
        data: fields
          ? [{ category: "Business", name: "Siar", id: DEFAULT_ACCOUNTS.graphAppId, subscribed_fields: [...fields] }]
          : [],
      };
    },
    post: ({ state, token, params }: GraphContext) => {
      const { subscribed_fields: fields } = validateParams(subscribeParams, params);
      if (fields.length === 0) throw graphErrors.invalidParameter("The parameter subscribed_fields is required");
      fields.forEach((field, index) => {
        if (!PAGE_FIELDS.includes(field))
          throw graphErrors.invalidParameter(
            `Param subscribed_fields[${index}] must be one of {${PAGE_FIELDS.join(", ")}} - got "${field}"`,
          );
      });
      if (token.scopes && !token.scopes.has("pages_messaging") && fields.some((field) => MESSAGING_FIELDS.has(field)))
        throw permissionError({ code: 200, permissions: ["pages_messaging"] }, ["pages_messaging"]);
      state.graph.pageSubscriptions.set(page.id, new Set(fields));
      return { success: true };
    },
    delete: ({ state }: GraphContext) => {
      state.graph.pageSubscriptions.delete(page.id);
      return { success: true };
    },
  };
}

/** Whether the app gets a Page's webhooks of this field. */
export function pageSubscribed(state: GraphContext["state"], pageId: string, field?: string): boolean {
  const fields = state.graph.pageSubscriptions.get(pageId);
  return fields !== undefined && (field === undefined || fields.has(field));
}

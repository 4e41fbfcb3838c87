/**
 * The Cloud API endpoints Siar calls, on the Graph paths Meta serves them from
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference):
 * GET /{phone-number-id}, POST /{phone-number-id}/messages, GET /{waba-id}/message_templates,
 * GET /{media-id} and the media URL it returns. Other ids fall through to the Graph imitation.
 */
import type { Request, RequestHandler } from "express";
import { tokenFromRequest } from "@server/sandbox/graph/auth";
import { GraphError, graphErrors, sendGraphError } from "@server/sandbox/graph/errors";
import { GRAPH_PATH, isGraphVersion } from "@server/sandbox/graph/router";
import { parseBody, queryParams } from "@server/sandbox/http";
import type { SandboxState } from "@server/sandbox/state";
import type { WebhookDispatcher } from "@server/sandbox/webhooks";
import { WHATSAPP_ACCOUNTS, type WhatsAppSandbox } from "./state";
import { sendWhatsAppMessage } from "./send";

export const WHATSAPP_MEDIA_PATH = "/_whatsapp_media/";

export function whatsappApi(
  state: SandboxState,
  whatsapp: WhatsAppSandbox,
  webhooks: WebhookDispatcher,
): RequestHandler {
  return async (req, res, next) => {
    try {
      if (req.path.startsWith(WHATSAPP_MEDIA_PATH)) {
        // The media URL answers only with the token as a bearer header, like Meta's lookaside host.
        authenticate(req, {});
        const media = whatsapp.media.get(req.path.slice(WHATSAPP_MEDIA_PATH.length));
        if (!media) throw notFound(req.method, req.path);
        res.type(media.mimeType).send(media.data);
        return;
      }
      const match = GRAPH_PATH.exec(req.path);
      if (!match || !isGraphVersion(match[1]!)) return next();
      const [id, edge, ...rest] = (match[3] ?? "").split("/").filter(Boolean).map(decodeURIComponent);
      const known =
        id === WHATSAPP_ACCOUNTS.phoneNumberId || id === WHATSAPP_ACCOUNTS.wabaId || whatsapp.media.has(id ?? "");
      if (!id || !known || rest.length > 0) return next();
      const body = await parseBody(req);
      if (body.malformed) throw graphErrors.invalidParameter(body.malformed);
      const params = { ...queryParams(req), ...body.fields };
      authenticate(req, params);

      if (id === WHATSAPP_ACCOUNTS.phoneNumberId && edge === undefined && req.method === "GET") {
        res.json({
          id,
          display_phone_number: WHATSAPP_ACCOUNTS.displayPhoneNumber,
          verified_name: WHATSAPP_ACCOUNTS.verifiedName,
          quality_rating: "GREEN",
        });
        return;
      }
      if (id === WHATSAPP_ACCOUNTS.phoneNumberId && edge === "messages" && req.method === "POST") {
        res.json(sendWhatsAppMessage(state, whatsapp, webhooks, params));
        return;
      }
      if (id === WHATSAPP_ACCOUNTS.wabaId && edge === "message_templates" && req.method === "GET") {
        res.json({
          data: [...whatsapp.templates.values()].map((template) => ({
            name: template.name,
            language: template.language,
            status: template.status,
            category: template.category,
            id: `${template.name}-${template.language}`,
            components: [{ type: "BODY", text: template.body }],
          })),
          paging: { cursors: { before: "MAA", after: "MjQZD" } },
        });
        return;
      }
      const media = whatsapp.media.get(id);
      if (media && edge === undefined && req.method === "GET") {
        // https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#retrieve-media-url
        res.json({
          messaging_product: "whatsapp",
          url: `${req.protocol}://${req.get("host")}${WHATSAPP_MEDIA_PATH}${media.id}`,
          mime_type: media.mimeType,
          sha256: media.sha256,
          file_size: media.data.length,
          id: media.id,
        });
        return;
      }
      throw notFound(req.method, id);
    } catch (error) {
      if (!(error instanceof GraphError)) return next(error);
      sendGraphError(res, error);
    }
  };
}

const notFound = (method: string, id: string) => graphErrors.unsupportedRequest(method, id);

function authenticate(req: Request, params: Record<string, unknown>): void {
  const token = tokenFromRequest(req, params);
  if (!token) throw graphErrors.missingToken();
  if (token !== WHATSAPP_ACCOUNTS.systemUserToken) throw graphErrors.invalidToken();
}

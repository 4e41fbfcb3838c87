import express, { Router } from "express";
import { safeEqual } from "@server/auth/tokens.js";
import { countRejectedWebhook, WebhookReceiver } from "@server/inbox/webhookQueue.js";
import { isMetaWebhookPayload, verifyMetaSignature } from "@server/inbox/metaWebhook.js";
import type { Services } from "@server/services.js";

/**
 * Meta's callbacks for Page and Instagram comments. The body is kept as received and
 * acknowledged at once (Meta retries slow or failed deliveries and disables failing webhooks);
 * filing happens from the durable queue.
 */
export function metaWebhookRoutes(services: Services): Router {
  const router = Router();
  const receiver = new WebhookReceiver(services);

  // Subscription handshake: echo hub.challenge when the verify token matches.
  router.get("/", (req, res) => {
    const webhook = services.metaWebhook;
    const {
      "hub.mode": mode,
      "hub.verify_token": token,
      "hub.challenge": challenge,
    } = req.query as Record<string, string | undefined>;
    if (!webhook || mode !== "subscribe" || !token || !safeEqual(token, webhook.verifyToken) || !challenge) {
      res.status(403).type("text/plain").send("Forbidden");
      return;
    }
    res.type("text/plain").send(challenge);
  });

  router.post("/", express.raw({ type: () => true, limit: "2mb" }), async (req, res) => {
    const webhook = services.metaWebhook;
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!webhook || !verifyMetaSignature(body, req.get("x-hub-signature-256"), webhook.appSecret)) {
      await countRejectedWebhook(services, "meta");
      res.status(403).type("text/plain").send("Invalid signature");
      return;
    }
    const text = body.toString("utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      res.status(400).type("text/plain").send("Body is not JSON");
      return;
    }
    // Signed but not shaped like Meta's callbacks: refused now rather than kept and never filed.
    if (!isMetaWebhookPayload(parsed)) {
      res.status(400).type("text/plain").send("Body is not a Meta webhook");
      return;
    }
    await receiver.keep("meta", text);
    res.status(200).type("text/plain").send("EVENT_RECEIVED");
  });

  return router;
}

import { Router } from "express";
import { testMetaWebhook } from "@server/commands/webhookTest.js";
import { authorize } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import type { MetaWebhookSetup } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** Where Meta's webhooks reach Siar, whether over HTTPS, and the admin's test of the way in. */
export function channelWebhookRoutes(services: Services): Router {
  const router = Router();

  router.get("/webhooks", (req, res) => {
    authorize(req.actor!, "update", "Channel");
    const callbackUrl = `${services.config.publicBaseUrl}/webhooks/meta`;
    res.json({
      callbackUrl,
      // Meta calls webhooks and fetches media only over HTTPS with a valid certificate.
      https: callbackUrl.startsWith("https://"),
      configured: services.metaWebhook !== null,
      simulated: services.sandbox !== null,
    } satisfies MetaWebhookSetup);
  });

  router.post("/webhooks/test", async (req, res) => {
    authorize(req.actor!, "update", "Channel");
    res.json(await testMetaWebhook(services, { origin: originOf(req) }));
  });

  describeRoutes(router, {
    "GET /webhooks": {
      response: "MetaWebhookSetup",
      summary: "The platforms' webhook addresses and their state",
      permission: { action: "update", model: "Channel" },
    },
    "POST /webhooks/test": {
      response: "MetaWebhookTest",
      summary: "Send a test event through a webhook",
      permission: { action: "update", model: "Channel" },
    },
  });

  return router;
}

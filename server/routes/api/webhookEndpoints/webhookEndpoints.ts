import { Router } from "express";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  replayWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@server/commands/webhookEndpoints.js";
import { AppError } from "@server/errors.js";
import type { WebhookEndpointList } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";
import { authorize } from "@server/policies/index.js";
import {
  presentNewSecret,
  presentWebhookDelivery,
  presentWebhookEndpoint,
} from "@server/presenters/webhookEndpoint.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import type { Services } from "@server/services.js";
import { WEBHOOK_EVENT_TYPES } from "@server/webhooks/events.js";
import { createEndpointBody, deliveryParams, listDeliveriesQuery, updateEndpointBody } from "./schema.js";

/** Admins' outgoing webhooks: endpoints, their secrets (shown once), delivery log and replay. */
export function webhookEndpointRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function found(id: string) {
    const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id } });
    if (!endpoint) throw new AppError("not_found");
    return endpoint;
  }

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "WebhookEndpoint");
    const endpoints = await prisma.webhookEndpoint.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    res.json({
      data: endpoints.map(presentWebhookEndpoint),
      eventTypes: WEBHOOK_EVENT_TYPES,
    } satisfies WebhookEndpointList);
  });

  router.post("/", async (req, res) => {
    authorize(req.actor!, "create", "WebhookEndpoint");
    const { endpoint, secret } = await createWebhookEndpoint(services, {
      origin: originOf(req),
      endpoint: parse(createEndpointBody, req.body, req),
    });
    res.status(201).json(presentNewSecret(endpoint, secret));
  });

  router.get("/:id", async (req, res) => {
    authorize(req.actor!, "read", "WebhookEndpoint");
    const { id } = parse(uuidParam, req.params, req);
    res.json(presentWebhookEndpoint(await found(id)));
  });

  router.patch("/:id", async (req, res) => {
    authorize(req.actor!, "update", "WebhookEndpoint");
    const { id } = parse(uuidParam, req.params, req);
    const endpoint = await updateWebhookEndpoint(services, {
      origin: originOf(req),
      endpointId: id,
      changes: parse(updateEndpointBody, req.body, req),
    });
    res.json(presentWebhookEndpoint(endpoint));
  });

  router.delete("/:id", async (req, res) => {
    authorize(req.actor!, "update", "WebhookEndpoint");
    const { id } = parse(uuidParam, req.params, req);
    await deleteWebhookEndpoint(services, { origin: originOf(req), endpointId: id });
    res.status(204).end();
  });

  router.post("/:id/rotate-secret", async (req, res) => {
    authorize(req.actor!, "update", "WebhookEndpoint");
    const { id } = parse(uuidParam, req.params, req);
    const { endpoint, secret } = await rotateWebhookSecret(services, { origin: originOf(req), endpointId: id });
    res.json(presentNewSecret(endpoint, secret));
  });

  router.get("/:id/deliveries", async (req, res) => {
    authorize(req.actor!, "read", "WebhookEndpoint");
    const { id } = parse(uuidParam, req.params, req);
    const query = parse(listDeliveriesQuery, req.query, req);
    await found(id);
    // Newest first; the cursor is the last delivery's creation time and id.
    const after = decodeCursor(query.cursor, cursorKeys.timeAndId);
    const rows = await prisma.webhookDelivery.findMany({
      where: {
        endpointId: id,
        ...(after && { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }),
      },
      include: { event: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const result = page(rows, query.limit, (row) => `${row.createdAt.toISOString()}|${row.id}`);
    res.json({ data: result.data.map(presentWebhookDelivery), nextCursor: result.nextCursor });
  });

  router.post("/:id/deliveries/:deliveryId/replay", async (req, res) => {
    authorize(req.actor!, "update", "WebhookEndpoint");
    const { id, deliveryId } = parse(deliveryParams, req.params, req);
    const delivery = await replayWebhookDelivery(services, { origin: originOf(req), endpointId: id, deliveryId });
    res.json(presentWebhookDelivery(delivery));
  });

  const read = { action: "read", model: "WebhookEndpoint" } as const;
  const update = { action: "update", model: "WebhookEndpoint" } as const;
  describeRoutes(router, {
    "GET /": {
      response: "WebhookEndpointList",
      summary: "List the outgoing webhook endpoints (without secrets)",
      permission: { action: "list", model: "WebhookEndpoint" },
    },
    "POST /": {
      response: "WebhookEndpointWithSecret",
      summary: "Register an endpoint; the answer carries its signing secret, shown only this once",
      permission: { action: "create", model: "WebhookEndpoint" },
      body: createEndpointBody,
      status: 201,
      errors: ["webhook_url_invalid"],
    },
    "GET /:id": { response: "WebhookEndpoint", summary: "Read an endpoint", permission: read },
    "PATCH /:id": {
      response: "WebhookEndpoint",
      summary: "Change an endpoint's address, events, description or whether it is enabled",
      permission: update,
      body: updateEndpointBody,
      errors: ["webhook_url_invalid"],
    },
    "DELETE /:id": { summary: "Delete an endpoint and its delivery log", permission: update, status: 204 },
    "POST /:id/rotate-secret": {
      response: "WebhookEndpointWithSecret",
      summary: "Replace the signing secret; the new one is shown once",
      permission: update,
    },
    "GET /:id/deliveries": {
      response: { page: "WebhookDelivery" },
      summary: "The endpoint's delivery log, newest first",
      permission: read,
      query: listDeliveriesQuery,
    },
    "POST /:id/deliveries/:deliveryId/replay": {
      response: "WebhookDelivery",
      summary: "Send a delivery again with the same webhook-id",
      permission: update,
      errors: ["webhook_delivery_in_progress"],
    },
  });

  return router;
}

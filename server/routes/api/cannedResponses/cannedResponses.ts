import { Router } from "express";
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from "@server/commands/cannedResponses.js";
import type { CannedResponse } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import { templateApplies } from "@server/inbox/cannedResponses.js";
import { authorize, can } from "@server/policies/index.js";
import { presentCannedResponse } from "@server/presenters/cannedResponse.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { createCannedResponseBody, listCannedResponsesQuery, updateCannedResponseBody } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** Ready answers for the reply box: everyone who answers citizens reads them, admins edit them. */
export function cannedResponseRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  /** The names (to present) and paths (to match an item's unit) of the units the templates are scoped to. */
  async function scopeUnits(responses: CannedResponse[]) {
    const ids = responses.flatMap((response) => (response.unitId ? [response.unitId] : []));
    const units = await prisma.unit.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, path: true },
    });
    return {
      names: new Map(units.map((unit) => [unit.id, unit.name])),
      paths: new Map(units.map((unit) => [unit.id, unit.path])),
    };
  }

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "CannedResponse");
    const { forItem } = parse(listCannedResponsesQuery, req.query, req);
    const all = await prisma.cannedResponse.findMany({ orderBy: [{ language: "asc" }, { title: "asc" }] });
    const { names, paths } = await scopeUnits(all);
    const pathOf = (response: CannedResponse) => (response.unitId ? paths.get(response.unitId)! : null);
    let responses = all.filter((response) => can(req.actor!, "read", "CannedResponse", { unitPath: pathOf(response) }));
    if (forItem) {
      const item = await prisma.inboxItem.findUnique({
        where: { id: forItem },
        select: { unit: { select: { path: true } } },
      });
      if (!item) throw new AppError("not_found", { field: "forItem" });
      authorize(req.actor!, "handle", "InboxItem", { unitPath: item.unit?.path ?? null });
      responses = responses.filter((response) => templateApplies(pathOf(response), item.unit?.path ?? null));
    }
    res.json({ data: responses.map((response) => presentCannedResponse(response, names)) });
  });

  router.post("/", async (req, res) => {
    authorize(req.actor!, "create", "CannedResponse");
    const response = await createCannedResponse(services, {
      origin: originOf(req),
      template: parse(createCannedResponseBody, req.body, req),
    });
    res.status(201).json(presentCannedResponse(response, (await scopeUnits([response])).names));
  });

  router.patch("/:id", async (req, res) => {
    authorize(req.actor!, "update", "CannedResponse");
    const { id } = parse(uuidParam, req.params, req);
    const response = await updateCannedResponse(services, {
      origin: originOf(req),
      templateId: id,
      changes: parse(updateCannedResponseBody, req.body, req),
    });
    res.json(presentCannedResponse(response, (await scopeUnits([response])).names));
  });

  router.delete("/:id", async (req, res) => {
    authorize(req.actor!, "update", "CannedResponse");
    const { id } = parse(uuidParam, req.params, req);
    await deleteCannedResponse(services, { origin: originOf(req), templateId: id });
    res.status(204).end();
  });

  describeRoutes(router, {
    "GET /": {
      response: { list: "CannedResponse" },
      summary: "List canned responses",
      permission: { action: "list", model: "CannedResponse" },
      query: listCannedResponsesQuery,
    },
    "POST /": {
      response: "CannedResponse",
      summary: "Create a canned response",
      permission: { action: "create", model: "CannedResponse" },
      body: createCannedResponseBody,
      status: 201,
    },
    "PATCH /:id": {
      response: "CannedResponse",
      summary: "Update a canned response",
      permission: { action: "update", model: "CannedResponse" },
      body: updateCannedResponseBody,
    },
    "DELETE /:id": {
      summary: "Delete a canned response",
      permission: { action: "update", model: "CannedResponse" },
      status: 204,
    },
  });

  return router;
}

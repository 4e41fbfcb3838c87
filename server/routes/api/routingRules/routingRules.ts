import { Router } from "express";
import { createRoutingRule, deleteRoutingRule, updateRoutingRule } from "@server/commands/routingRules.js";
import type { RoutingRule } from "@server/db/generated/client.js";
import { authorize } from "@server/policies/index.js";
import { presentRoutingRule } from "@server/presenters/routingRule.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { createRuleBody, updateRuleBody } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** Admin-editable routing: which unit owns an item of a category from a place (highest priority first). */
export function routingRuleRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function presented(rules: RoutingRule[]) {
    const ids = rules.flatMap((rule) => [rule.unitId, ...(rule.placeUnitId ? [rule.placeUnitId] : [])]);
    const names = new Map(
      (await prisma.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [
        u.id,
        u.name,
      ]),
    );
    return rules.map((rule) => presentRoutingRule(rule, names));
  }

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "RoutingRule");
    const rules = await prisma.routingRule.findMany({ orderBy: [{ priority: "desc" }, { createdAt: "asc" }] });
    res.json({ data: await presented(rules) });
  });

  router.post("/", async (req, res) => {
    authorize(req.actor!, "create", "RoutingRule");
    const rule = await createRoutingRule(services, {
      origin: originOf(req),
      rule: parse(createRuleBody, req.body, req),
    });
    res.status(201).json((await presented([rule]))[0]);
  });

  router.patch("/:id", async (req, res) => {
    authorize(req.actor!, "update", "RoutingRule");
    const { id } = parse(uuidParam, req.params, req);
    const rule = await updateRoutingRule(services, {
      origin: originOf(req),
      ruleId: id,
      changes: parse(updateRuleBody, req.body, req),
    });
    res.json((await presented([rule]))[0]);
  });

  router.delete("/:id", async (req, res) => {
    authorize(req.actor!, "update", "RoutingRule");
    const { id } = parse(uuidParam, req.params, req);
    await deleteRoutingRule(services, { origin: originOf(req), ruleId: id });
    res.status(204).end();
  });

  describeRoutes(router, {
    "GET /": {
      response: { list: "RoutingRule" },
      summary: "List the inbox routing rules",
      permission: { action: "list", model: "RoutingRule" },
    },
    "POST /": {
      response: "RoutingRule",
      summary: "Create a routing rule",
      permission: { action: "create", model: "RoutingRule" },
      body: createRuleBody,
      status: 201,
    },
    "PATCH /:id": {
      response: "RoutingRule",
      summary: "Update a routing rule",
      permission: { action: "update", model: "RoutingRule" },
      body: updateRuleBody,
    },
    "DELETE /:id": {
      summary: "Delete a routing rule",
      permission: { action: "update", model: "RoutingRule" },
      status: 204,
    },
  });

  return router;
}

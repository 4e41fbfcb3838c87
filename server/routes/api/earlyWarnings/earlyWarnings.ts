import { Router, type Request } from "express";
import { acknowledgeWarning, resolveWarning } from "@server/commands/earlyWarnings.js";
import { loadWarning, loadWarnings } from "@server/inbox/earlyWarning.js";
import type { Prisma } from "@server/db/client.js";
import { authorize, unitScopeWhere } from "@server/policies/index.js";
import { presentEarlyWarning } from "@server/presenters/earlyWarning.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { listEarlyWarningsQuery } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** Early warnings of rising topics in the inbox, scoped like inbox items. */
export function earlyWarningRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function authorizedWarning(req: Request, action: "read" | "update" | "handle") {
    const warning = await loadWarning(prisma, parse(uuidParam, req.params, req).id);
    authorize(req.actor!, action, "EarlyWarning", { unitPath: warning.unit?.path ?? null });
    return warning;
  }

  router.get("/", async (req, res) => {
    const actor = req.actor!;
    authorize(actor, "list", "EarlyWarning");
    const query = parse(listEarlyWarningsQuery, req.query, req);
    const scope = unitScopeWhere(actor);
    // Warnings have no relation to Unit: scope by the ids of the units the actor sees.
    const where: Prisma.EarlyWarningWhereInput = { status: query.status };
    if (scope)
      where.unitId = {
        in: (await prisma.unit.findMany({ where: scope, select: { id: true } })).map((unit) => unit.id),
      };
    const warnings = await loadWarnings(prisma, {
      where,
      orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
      take: query.limit,
    });
    res.json({ data: warnings.map((warning) => presentEarlyWarning(warning, actor)) });
  });

  router.get("/:id", async (req, res) => {
    res.json(presentEarlyWarning(await authorizedWarning(req, "read"), req.actor!));
  });

  router.post("/:id/acknowledge", async (req, res) => {
    const warning = await authorizedWarning(req, "update");
    res.json(
      presentEarlyWarning(
        await acknowledgeWarning(services, { origin: originOf(req), warningId: warning.id }),
        req.actor!,
      ),
    );
  });

  router.post("/:id/resolve", async (req, res) => {
    const warning = await authorizedWarning(req, "handle");
    res.json(
      presentEarlyWarning(await resolveWarning(services, { origin: originOf(req), warningId: warning.id }), req.actor!),
    );
  });

  describeRoutes(router, {
    "GET /": {
      response: { list: "EarlyWarning" },
      summary: "List early warnings of rising topics",
      permission: { action: "list", model: "EarlyWarning" },
      query: listEarlyWarningsQuery,
    },
    "GET /:id": {
      response: "EarlyWarning",
      summary: "One early warning",
      permission: { action: "read", model: "EarlyWarning" },
    },
    "POST /:id/acknowledge": {
      response: "EarlyWarning",
      summary: "Acknowledge an early warning",
      permission: { action: "update", model: "EarlyWarning" },
    },
    "POST /:id/resolve": {
      response: "EarlyWarning",
      summary: "Resolve an early warning",
      permission: { action: "handle", model: "EarlyWarning" },
    },
  });

  return router;
}

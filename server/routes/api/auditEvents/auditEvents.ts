import { Router } from "express";
import type { Prisma } from "@server/db/client.js";
import { authorize, readsEveryUnitsAuditEvents, unitScopeWhere } from "@server/policies/index.js";
import { presentAuditEvent } from "@server/presenters/auditEvent.js";
import { auditTargetNames } from "@server/audit/targetNames.js";
import type { Services } from "@server/services.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse } from "@server/routes/validate.js";
import { listAuditEventsQuery } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

// Read-only by design: the audit log has no route that changes it, and the database refuses
// UPDATE and DELETE on it (see the init migration).
export function auditEventRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function unitIdsWhere(where: Prisma.UnitWhereInput): Promise<string[]> {
    return (await prisma.unit.findMany({ where, select: { id: true } })).map((unit) => unit.id);
  }

  router.get("/", async (req, res) => {
    const actor = req.actor!;
    authorize(actor, "list", "AuditEvent");
    const query = parse(listAuditEventsQuery, req.query, req);
    const after = decodeCursor(query.cursor, cursorKeys.sequence);

    const filters: Prisma.AuditEventWhereInput[] = [];
    // Leaders see what happened in their units and what they did themselves; admins see all.
    const scope = readsEveryUnitsAuditEvents(actor) ? undefined : unitScopeWhere(actor);
    if (scope) filters.push({ OR: [{ actorId: actor.id }, { unitId: { in: await unitIdsWhere(scope) } }] });
    if (query.unitId) {
      const unit = await prisma.unit.findUnique({ where: { id: query.unitId } });
      filters.push({ unitId: { in: unit ? await unitIdsWhere({ path: { startsWith: unit.path } }) : [] } });
    }
    if (query.actorId) filters.push({ actorId: query.actorId });
    if (query.action) filters.push({ action: { startsWith: query.action } });
    if (query.targetType) filters.push({ targetType: query.targetType });
    if (query.targetId) filters.push({ targetId: query.targetId });
    if (query.from) filters.push({ at: { gte: query.from } });
    if (query.to) filters.push({ at: { lt: query.to } });
    if (after !== undefined) filters.push({ id: { lt: after } });

    const rows = await prisma.auditEvent.findMany({
      where: { AND: filters },
      orderBy: { id: "desc" },
      take: query.limit + 1,
    });
    const result = page(rows, query.limit, (event) => event.id.toString());
    const unitNames = new Map(
      (
        await prisma.unit.findMany({
          where: { id: { in: result.data.flatMap((e) => (e.unitId ? [e.unitId] : [])) } },
          select: { id: true, name: true },
        })
      ).map((unit) => [unit.id, unit]),
    );
    const targetNames = await auditTargetNames(prisma, result.data);
    res.json({
      data: result.data.map((event) =>
        presentAuditEvent({
          ...event,
          unit: event.unitId ? unitNames.get(event.unitId) : null,
          targetName: targetNames.get(`${event.targetType}:${event.targetId}`),
        }),
      ),
      nextCursor: result.nextCursor,
    });
  });

  describeRoutes(router, {
    "GET /": {
      response: { page: "AuditEvent" },
      summary: "The audit log, newest first",
      permission: { action: "list", model: "AuditEvent" },
      query: listAuditEventsQuery,
    },
  });

  return router;
}

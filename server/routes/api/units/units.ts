import { Router } from "express";
import { createUnit, updateUnit } from "../../../commands/units.js";
import { AppError } from "../../../errors.js";
import { authorize, unitScopeWhere } from "../../../policies/index.js";
import { presentUnit } from "../../../presenters/unit.js";
import type { Services } from "../../../services.js";
import { originOf } from "../../origin.js";
import { cursorKeys, decodeCursor, page } from "../../pagination.js";
import { parse, uuidParam } from "../../validate.js";
import { createUnitBody, listUnitsQuery, updateUnitBody } from "./schema.js";

export function unitRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function loadUnit(id: string) {
    const unit = await prisma.unit.findUnique({ where: { id } });
    if (!unit) throw new AppError("not_found");
    return unit;
  }

  // Ordered by materialised path, so every unit comes after its parent.
  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "Unit");
    const query = parse(listUnitsQuery, req.query, req);
    const after = decodeCursor(query.cursor, cursorKeys.text);
    const rows = await prisma.unit.findMany({
      where: {
        AND: [
          unitScopeWhere(req.actor!) ?? {},
          { type: query.type, active: query.active },
          after ? { path: { gt: after } } : {},
        ],
      },
      orderBy: { path: "asc" },
      take: query.limit + 1,
    });
    const result = page(rows, query.limit, (unit) => unit.path);
    res.json({ data: result.data.map(presentUnit), nextCursor: result.nextCursor });
  });

  router.get("/:id", async (req, res) => {
    const unit = await loadUnit(parse(uuidParam, req.params, req).id);
    authorize(req.actor!, "read", "Unit", unit);
    res.json(presentUnit(unit));
  });

  router.post("/", async (req, res) => {
    authorize(req.actor!, "create", "Unit");
    const unit = await createUnit(prisma, { origin: originOf(req), unit: parse(createUnitBody, req.body, req) });
    res.status(201).json(presentUnit(unit));
  });

  router.patch("/:id", async (req, res) => {
    const unit = await loadUnit(parse(uuidParam, req.params, req).id);
    const body = parse(updateUnitBody, req.body, req);
    authorize(req.actor!, body.active === false ? "deactivate" : "update", "Unit", unit);
    res.json(presentUnit(await updateUnit(prisma, { origin: originOf(req), unitId: unit.id, changes: body })));
  });

  return router;
}

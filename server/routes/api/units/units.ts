import { Router } from "express";
import { officialRegencies } from "@server/areas/officialAreas.js";
import { importAreas, planAreaImport } from "@server/commands/areaImport.js";
import { mergeUnits } from "@server/commands/unitMerge.js";
import { createUnit, updateUnit } from "@server/commands/units.js";
import { AppError } from "@server/errors.js";
import { authorize, unitScopeWhere } from "@server/policies/index.js";
import { presentAreaImportPlan, presentRegency, presentUnit } from "@server/presenters/unit.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import {
  createUnitBody,
  importAreasBody,
  importPreviewQuery,
  listUnitsQuery,
  mergeUnitBody,
  updateUnitBody,
} from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

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

  // The kabupaten/kota of the official area data, for choosing what to import.
  router.get("/regions", async (req, res) => {
    authorize(req.actor!, "import", "Unit");
    res.json({ data: [...(await officialRegencies()).values()].map(presentRegency) });
  });

  router.get("/import-preview", async (req, res) => {
    authorize(req.actor!, "import", "Unit");
    const query = parse(importPreviewQuery, req.query, req);
    const plan = await planAreaImport(prisma, { regionCode: query.region, parentId: query.parentId });
    res.json(presentAreaImportPlan(plan));
  });

  router.post("/import", async (req, res) => {
    authorize(req.actor!, "import", "Unit");
    const body = parse(importAreasBody, req.body, req);
    const result = await importAreas(prisma, {
      origin: originOf(req),
      regionCode: body.region,
      parentId: body.parentId,
    });
    services.events.emit("units.changed", {});
    res.json(result);
  });

  router.get("/:id", async (req, res) => {
    const unit = await loadUnit(parse(uuidParam, req.params, req).id);
    authorize(req.actor!, "read", "Unit", unit);
    res.json(presentUnit(unit));
  });

  router.post("/", async (req, res) => {
    authorize(req.actor!, "create", "Unit");
    const unit = await createUnit(prisma, { origin: originOf(req), unit: parse(createUnitBody, req.body, req) });
    services.events.emit("units.changed", {});
    res.status(201).json(presentUnit(unit));
  });

  router.patch("/:id", async (req, res) => {
    const unit = await loadUnit(parse(uuidParam, req.params, req).id);
    const body = parse(updateUnitBody, req.body, req);
    authorize(req.actor!, body.active === false ? "deactivate" : "update", "Unit", unit);
    const updated = await updateUnit(prisma, { origin: originOf(req), unitId: unit.id, changes: body });
    services.events.emit("units.changed", {});
    res.json(presentUnit(updated));
  });

  // Everything of this unit moves to `intoUnitId`, and this unit is deleted.
  router.post("/:id/merge", async (req, res) => {
    const unit = await loadUnit(parse(uuidParam, req.params, req).id);
    const body = parse(mergeUnitBody, req.body, req);
    authorize(req.actor!, "merge", "Unit", unit);
    const merged = await mergeUnits(prisma, { origin: originOf(req), unitId: unit.id, intoUnitId: body.intoUnitId });
    services.events.emit("units.changed", {});
    for (const userId of merged.movedMemberIds) services.events.emit("user.accessChanged", { userId });
    res.json(presentUnit(merged.unit));
  });

  describeRoutes(router, {
    "GET /": {
      response: { page: "Unit" },
      summary: "List units, each after its parent",
      permission: { action: "list", model: "Unit" },
      query: listUnitsQuery,
    },
    "GET /regions": {
      response: { list: "Regency" },
      summary: "The kabupaten/kota of the official area data, for choosing what to import",
      permission: { action: "import", model: "Unit" },
    },
    "GET /import-preview": {
      response: "AreaImportPlan",
      summary: "Preview importing a kabupaten's kecamatan and desa from the official area data",
      permission: { action: "import", model: "Unit" },
      query: importPreviewQuery,
    },
    "POST /import": {
      response: "AreaImportResult",
      summary: "Import kecamatan and desa from the official area data",
      permission: { action: "import", model: "Unit" },
      body: importAreasBody,
    },
    "GET /:id": { response: "Unit", summary: "One unit", permission: { action: "read", model: "Unit" } },
    "POST /": {
      response: "Unit",
      summary: "Create a unit",
      permission: { action: "create", model: "Unit" },
      body: createUnitBody,
      status: 201,
    },
    "PATCH /:id": {
      response: "Unit",
      summary: "Update a unit (active: false deactivates: policy Unit:deactivate)",
      permission: { action: "update", model: "Unit" },
      body: updateUnitBody,
    },
    "POST /:id/merge": {
      response: "Unit",
      summary: "Everything of this unit moves to `intoUnitId`, and this unit is deleted",
      permission: { action: "merge", model: "Unit" },
      body: mergeUnitBody,
    },
  });

  return router;
}

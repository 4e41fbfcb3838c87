import { Router, type Request } from "express";
import {
  createDipItem,
  deleteDipItem,
  publishDipItem,
  updateDipItem,
  withdrawDipItem,
} from "@server/commands/dipItems.js";
import { AppError } from "@server/errors.js";
import { authorize, can, dipScopePaths } from "@server/policies/index.js";
import type { Action } from "@server/policies/policy.js";
import { sendDipExport } from "@server/ppid/dip/export.js";
import { dipItemIds, dipItemInclude, loadDipItems, type DipFilters } from "@server/ppid/dip/listing.js";
import { presentDipItem } from "@server/presenters/dipItem.js";
import { presentUnit } from "@server/presenters/unit.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { dipFileRoutes } from "./files.js";
import {
  createDipItemBody,
  exportDipItemsQuery,
  listDipItemsQuery,
  updateDipItemBody,
  withdrawDipItemBody,
} from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** The DIP as staff keep it: lists of their scope, entries, their documents and versions. */
export function dipItemRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  /** The entry named in the path, once the actor may do `action` to it (and read it). */
  async function loadItem(req: Request, action: Action = "read") {
    const item = await prisma.dipItem.findUnique({
      where: { id: parse(uuidParam, req.params, req).id },
      include: dipItemInclude,
    });
    if (!item) throw new AppError("not_found");
    const subject = { unitPath: item.unit.path, status: item.status };
    authorize(req.actor!, "read", "DipItem", subject);
    if (action !== "read") authorize(req.actor!, action, "DipItem", subject);
    return item;
  }

  const staffFilters = (req: Request, query: Omit<DipFilters, "audience" | "scopePaths">): DipFilters => ({
    ...query,
    audience: "staff",
    scopePaths: dipScopePaths(req.actor!),
  });

  // Newest change first.
  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "DipItem");
    const { cursor, limit, ...query } = parse(listDipItemsQuery, req.query, req);
    const after = decodeCursor(cursor, cursorKeys.timeAndId);
    const ids = await dipItemIds(prisma, staffFilters(req, query), { order: "updated", limit: limit + 1, after });
    const result = page(await loadDipItems(prisma, ids), limit, (item) => `${item.updatedAt.toISOString()}|${item.id}`);
    res.json({
      data: result.data.map((item) => presentDipItem(services, item, req.actor!)),
      nextCursor: result.nextCursor,
    });
  });

  router.get("/export", async (req, res) => {
    authorize(req.actor!, "list", "DipItem");
    const { format, ...query } = parse(exportDipItemsQuery, req.query, req);
    await sendDipExport(prisma, res, {
      filters: staffFilters(req, query),
      order: "updated",
      format,
      baseUrl: services.config.publicBaseUrl,
      withStatus: true,
    });
  });

  // The units the actor may add entries to (the PPID Utama: every unit, beyond what /api/units shows them).
  router.get("/units", async (req, res) => {
    authorize(req.actor!, "create", "DipItem");
    const units = await prisma.unit.findMany({ where: { active: true }, orderBy: { path: "asc" } });
    const keepable = units.filter((unit) =>
      can(req.actor!, "create", "DipItem", { unitPath: unit.path, status: "draft" }),
    );
    res.json({ data: keepable.map(presentUnit) });
  });

  router.post("/", async (req, res) => {
    const input = parse(createDipItemBody, req.body, req);
    const unit = await prisma.unit.findUnique({ where: { id: input.unitId }, select: { path: true } });
    if (!unit) throw new AppError("not_found", { field: "unitId" });
    authorize(req.actor!, "create", "DipItem", { unitPath: unit.path, status: "draft" });
    const item = await createDipItem(services, { origin: originOf(req), item: input });
    res.status(201).json(presentDipItem(services, item, req.actor!));
  });

  router.get("/:id", async (req, res) => {
    res.json(presentDipItem(services, await loadItem(req), req.actor!));
  });

  router.patch("/:id", async (req, res) => {
    const { id } = await loadItem(req, "update");
    const changes = parse(updateDipItemBody, req.body, req);
    const item = await updateDipItem(services, { origin: originOf(req), itemId: id, changes });
    res.json(presentDipItem(services, item, req.actor!));
  });

  router.post("/:id/publish", async (req, res) => {
    const { id } = await loadItem(req, "publish");
    const item = await publishDipItem(services, { origin: originOf(req), itemId: id });
    res.json(presentDipItem(services, item, req.actor!));
  });

  router.post("/:id/withdraw", async (req, res) => {
    const { id } = await loadItem(req, "publish");
    const { reason } = parse(withdrawDipItemBody, req.body, req);
    const item = await withdrawDipItem(services, { origin: originOf(req), itemId: id, reason });
    res.json(presentDipItem(services, item, req.actor!));
  });

  // Drafts only: a published entry is withdrawn, so the record of what was public stays.
  router.delete("/:id", async (req, res) => {
    const { id } = await loadItem(req, "update");
    await deleteDipItem(services, { origin: originOf(req), itemId: id });
    res.status(204).end();
  });

  router.use(dipFileRoutes(services, loadItem));
  describeRoutes(router, {
    "GET /": {
      response: { page: "DipItem" },
      summary: "List DIP entries, newest change first",
      permission: { action: "list", model: "DipItem" },
      query: listDipItemsQuery,
    },
    "GET /export": {
      response: "DipExport",
      summary: "The DIP as CSV or JSON",
      permission: { action: "list", model: "DipItem" },
      query: exportDipItemsQuery,
      produces: ["text/csv", "application/json"],
    },
    "GET /units": {
      response: { list: "Unit" },
      summary: "The units the actor may add entries to (the PPID Utama",
      permission: { action: "create", model: "DipItem" },
    },
    "POST /": {
      response: "DipItem",
      summary: "Add a DIP entry",
      permission: { action: "create", model: "DipItem" },
      body: createDipItemBody,
      status: 201,
    },
    "GET /:id": { response: "DipItem", summary: "One DIP entry", permission: { action: "read", model: "DipItem" } },
    "PATCH /:id": {
      response: "DipItem",
      summary: "Update a DIP entry",
      permission: { action: "read", model: "DipItem" },
      body: updateDipItemBody,
    },
    "POST /:id/publish": {
      response: "DipItem",
      summary: "Publish a DIP entry",
      permission: { action: "publish", model: "DipItem" },
    },
    "POST /:id/withdraw": {
      response: "DipItem",
      summary: "Withdraw a published DIP entry",
      permission: { action: "read", model: "DipItem" },
      body: withdrawDipItemBody,
    },
    "DELETE /:id": {
      summary: "Delete a draft DIP entry (a published one is withdrawn instead)",
      permission: { action: "read", model: "DipItem" },
      status: 204,
    },
  });

  return router;
}

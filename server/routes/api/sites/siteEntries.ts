import { type Request, Router } from "express";
import {
  approveSiteEntry,
  deleteSiteEntry,
  returnSiteEntry,
  saveSiteDraft,
  submitSiteEntry,
} from "@server/commands/siteEntries.js";
import type { SiteEntry } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import { authorize, can, unitScopeWhere } from "@server/policies/index.js";
import { loadAttachments, presentSiteEntry, presentSiteEntrySummary } from "@server/presenters/siteEntry.js";
import type { Services } from "@server/services.js";
import { entrySubject, loadSiteUnit, SITE_UNIT_SELECT } from "@server/sites/units.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import {
  entryBodyFor,
  anyEntryBody,
  anyUpdateEntryBody,
  entryKindBody,
  listEntriesQuery,
  returnEntryBody,
  unitIdParam,
  updateEntryBodyFor,
} from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** A unit site's content: drafts by operators and staff, the review queue, approval and return. */
export function siteEntryRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  async function detail(req: Request, entry: SiteEntry) {
    const unit = await prisma.unit.findUniqueOrThrow({ where: { id: entry.unitId }, select: SITE_UNIT_SELECT });
    const [attachments, verifier] = await Promise.all([
      loadAttachments(services, [entry]),
      entry.verifiedByUnitId
        ? prisma.unit.findUnique({ where: { id: entry.verifiedByUnitId }, select: { name: true } })
        : null,
    ]);
    return presentSiteEntry(entry, unit, { actor: req.actor!, attachments, verifiedByName: verifier?.name ?? null });
  }

  /** The entry and its unit, once the caller may see it (404 otherwise). */
  async function visibleEntry(req: Request) {
    const { id } = parse(uuidParam, req.params, req);
    const entry = await prisma.siteEntry.findUnique({ where: { id }, include: { unit: { select: SITE_UNIT_SELECT } } });
    if (!entry || !can(req.actor!, "read", "SiteEntry", entrySubject(entry.unit))) throw new AppError("not_found");
    return { entry, subject: entrySubject(entry.unit) };
  }

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "SiteEntry");
    const query = parse(listEntriesQuery, req.query, req);
    const after = decodeCursor(query.cursor, cursorKeys.timeAndId);
    const rows = await prisma.siteEntry.findMany({
      where: {
        status: query.status,
        kind: query.kind,
        unitId: query.unitId,
        unit: unitScopeWhere(req.actor!),
        ...(after ? { OR: [{ updatedAt: { lt: after.at } }, { updatedAt: after.at, id: { lt: after.id } }] } : {}),
      },
      include: { unit: { select: SITE_UNIT_SELECT } },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const { data, nextCursor } = page(rows, query.limit, (row) => `${row.updatedAt.toISOString()}|${row.id}`);
    res.json({ data: data.map((row) => presentSiteEntrySummary(row, row.unit)), nextCursor });
  });

  router.post("/units/:unitId", async (req, res) => {
    const { unitId } = parse(unitIdParam, req.params, req);
    const unit = await loadSiteUnit(prisma, unitId);
    authorize(req.actor!, "update", "SiteEntry", entrySubject(unit));
    const { kind } = parse(entryKindBody, req.body, req);
    const body = parse(entryBodyFor(kind), req.body, req);
    const entry = await saveSiteDraft(services, {
      origin: originOf(req),
      unitId,
      kind,
      content: body.content,
      submit: body.submit,
    });
    res.status(201).json(await detail(req, entry));
  });

  router.get("/:id", async (req, res) => {
    const { entry } = await visibleEntry(req);
    res.json(await detail(req, entry));
  });

  router.patch("/:id", async (req, res) => {
    const { entry, subject } = await visibleEntry(req);
    authorize(req.actor!, "update", "SiteEntry", subject);
    const body = parse(updateEntryBodyFor(entry.kind), req.body, req);
    const saved = await saveSiteDraft(services, {
      origin: originOf(req),
      unitId: entry.unitId,
      kind: entry.kind,
      entryId: entry.id,
      content: body.content,
      submit: body.submit,
    });
    res.json(await detail(req, saved));
  });

  router.post("/:id/submit", async (req, res) => {
    const { entry, subject } = await visibleEntry(req);
    authorize(req.actor!, "update", "SiteEntry", subject);
    res.json(await detail(req, await submitSiteEntry(services, { origin: originOf(req), entryId: entry.id })));
  });

  router.post("/:id/approve", async (req, res) => {
    const { entry, subject } = await visibleEntry(req);
    authorize(req.actor!, "approve", "SiteEntry", subject);
    res.json(await detail(req, await approveSiteEntry(services, { origin: originOf(req), entryId: entry.id })));
  });

  router.post("/:id/return", async (req, res) => {
    const { entry, subject } = await visibleEntry(req);
    authorize(req.actor!, "approve", "SiteEntry", subject);
    const { note } = parse(returnEntryBody, req.body, req);
    res.json(await detail(req, await returnSiteEntry(services, { origin: originOf(req), entryId: entry.id, note })));
  });

  router.delete("/:id", async (req, res) => {
    const { entry, subject } = await visibleEntry(req);
    authorize(req.actor!, "update", "SiteEntry", subject);
    const mayUnpublish = can(req.actor!, "approve", "SiteEntry", subject);
    await deleteSiteEntry(services, { origin: originOf(req), entryId: entry.id, mayUnpublish });
    res.status(204).end();
  });

  describeRoutes(router, {
    "GET /": {
      response: { page: "SiteEntrySummary" },
      summary: "List site entries, newest change first",
      permission: { action: "list", model: "SiteEntry" },
      query: listEntriesQuery,
    },
    "POST /units/:unitId": {
      response: "SiteEntry",
      summary: "Start a site entry of a kind for a unit (optionally submit it)",
      permission: { action: "update", model: "SiteEntry" },
      body: anyEntryBody,
      status: 201,
    },
    "GET /:id": {
      response: "SiteEntry",
      summary: "One site entry",
      permission: { action: "read", model: "SiteEntry" },
    },
    "PATCH /:id": {
      response: "SiteEntry",
      summary: "Save a site entry's draft (optionally submit it)",
      permission: { action: "update", model: "SiteEntry" },
      body: anyUpdateEntryBody,
    },
    "POST /:id/submit": {
      response: "SiteEntry",
      summary: "Submit a site entry for review",
      permission: { action: "update", model: "SiteEntry" },
    },
    "POST /:id/approve": {
      response: "SiteEntry",
      summary: "Approve and publish a site entry",
      permission: { action: "approve", model: "SiteEntry" },
    },
    "POST /:id/return": {
      response: "SiteEntry",
      summary: "Return a site entry with a note",
      permission: { action: "approve", model: "SiteEntry" },
      body: returnEntryBody,
    },
    "DELETE /:id": {
      summary: "Delete a site entry (published ones only by reviewers)",
      permission: { action: "update", model: "SiteEntry" },
      status: 204,
    },
  });

  return router;
}

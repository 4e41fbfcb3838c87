import express, { Router } from "express";
import { issueSitePushToken, revokeSitePushToken, updateSiteSettings } from "@server/commands/sites.js";
import { AppError } from "@server/errors.js";
import { authorize, can, unitScopeWhere } from "@server/policies/index.js";
import { presentSite } from "@server/presenters/site.js";
import type { Services } from "@server/services.js";
import { DOCUMENT_MAX_BYTES, storeSiteDocument } from "@server/sites/documents.js";
import { csvOptions, sendCsv } from "@server/exports/csv.js";
import { freshnessReport, freshnessTable, lastUpdates } from "@server/sites/freshness.js";
import { setStaleAfterDays, staleAfterDays } from "@server/sites/settings.js";
import { hasSite } from "@server/sites/slugs.js";
import { entrySubject, loadSiteUnit, SITE_UNIT_SELECT, type SiteUnit } from "@server/sites/units.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { documentUploadQuery, freshnessQuery, siteSettingsBody, sitesSettingsBody, unitIdParam } from "./schema.js";
import type { IssuedPushToken, SiteDocument, SiteSettings } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** Unit sites as a whole: which exist in one's scope, their settings, OpenSID tokens, files and freshness. */
export function siteRoutes(services: Services): Router {
  const router = Router();
  const { prisma, config } = services;

  async function present(units: SiteUnit[]) {
    const ids = units.map((unit) => unit.id);
    const [updates, waiting, tokens] = await Promise.all([
      lastUpdates(prisma, ids),
      prisma.siteEntry.groupBy({ by: ["unitId"], where: { unitId: { in: ids }, status: "in_review" }, _count: true }),
      prisma.sitePushToken.findMany({ where: { unitId: { in: ids } } }),
    ]);
    const waitingBy = new Map(waiting.map((row) => [row.unitId, row._count]));
    const tokenBy = new Map(tokens.map((token) => [token.unitId, token]));
    return units.map((unit) =>
      presentSite(unit, {
        lastUpdatedAt: updates.get(unit.id) ?? null,
        waiting: waitingBy.get(unit.id) ?? 0,
        pushToken: tokenBy.get(unit.id) ?? null,
        publicBaseUrl: config.publicBaseUrl,
      }),
    );
  }

  router.get("/", async (req, res) => {
    authorize(req.actor!, "list", "SiteEntry");
    const units = await prisma.unit.findMany({
      where: { active: true, type: { in: ["kecamatan", "desa", "kelurahan", "opd"] }, ...unitScopeWhere(req.actor!) },
      select: SITE_UNIT_SELECT,
      orderBy: { path: "asc" },
    });
    // Admins also see OPD whose site is off, to switch it on.
    const shown = units.filter((unit) => hasSite(unit) || (unit.type === "opd" && can(req.actor!, "update", "Site")));
    res.json({ data: await present(shown) });
  });

  // The caller's sites, or those under one unit (the dashboard's unit filter); as CSV for spreadsheets.
  router.get("/freshness", async (req, res) => {
    authorize(req.actor!, "list", "Site");
    const query = parse(freshnessQuery, req.query, req);
    const { unitId } = query;
    const under = unitId ? await prisma.unit.findUnique({ where: { id: unitId }, select: { path: true } }) : null;
    if (unitId && !under) throw new AppError("not_found");
    const report = await freshnessReport(prisma, {
      scope: { AND: [unitScopeWhere(req.actor!) ?? {}, under ? { path: { startsWith: under.path } } : {}] },
      staleAfterDays: await staleAfterDays(prisma),
    });
    if (query.format === "json") {
      res.json(report);
      return;
    }
    sendCsv(res, "siar-kemutakhiran-situs", freshnessTable(report.sites), csvOptions(req, query));
  });

  router.get("/settings", async (req, res) => {
    authorize(req.actor!, "list", "Site");
    res.json({ staleAfterDays: await staleAfterDays(prisma) } satisfies SiteSettings);
  });

  router.patch("/settings", async (req, res) => {
    authorize(req.actor!, "update", "Site");
    const { staleAfterDays: days } = parse(sitesSettingsBody, req.body, req);
    res.json({
      staleAfterDays: await setStaleAfterDays(prisma, { origin: originOf(req), days }),
    } satisfies SiteSettings);
  });

  /** The unit, once the caller may see it (404 otherwise, so other units' sites stay unknown). */
  async function visibleUnit(req: express.Request): Promise<SiteUnit> {
    const { unitId } = parse(unitIdParam, req.params, req);
    const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: SITE_UNIT_SELECT });
    if (!unit || !can(req.actor!, "read", "SiteEntry", entrySubject(unit))) throw new AppError("not_found");
    return unit;
  }

  router.get("/:unitId", async (req, res) => {
    const unit = await visibleUnit(req);
    res.json((await present([unit]))[0]);
  });

  router.patch("/:unitId", async (req, res) => {
    authorize(req.actor!, "update", "Site");
    const { unitId } = parse(unitIdParam, req.params, req);
    const changes = parse(siteSettingsBody, req.body, req);
    await updateSiteSettings(services, { origin: originOf(req), unitId, changes });
    const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: SITE_UNIT_SELECT });
    res.json((await present([unit]))[0]);
  });

  router.post("/:unitId/push-token", async (req, res) => {
    authorize(req.actor!, "update", "Site");
    const { unitId } = parse(unitIdParam, req.params, req);
    const issued = await issueSitePushToken(services, { origin: originOf(req), unitId });
    res.status(201).json({
      token: issued.token,
      prefix: issued.prefix,
      createdAt: issued.createdAt.toISOString(),
    } satisfies IssuedPushToken);
  });

  router.delete("/:unitId/push-token", async (req, res) => {
    authorize(req.actor!, "update", "Site");
    const { unitId } = parse(unitIdParam, req.params, req);
    await revokeSitePushToken(services, { origin: originOf(req), unitId });
    res.status(204).end();
  });

  router.post(
    "/:unitId/documents",
    express.raw({ type: "application/pdf", limit: DOCUMENT_MAX_BYTES }),
    async (req, res) => {
      const unit = await visibleUnit(req);
      authorize(req.actor!, "update", "SiteEntry", entrySubject(await loadSiteUnit(prisma, unit.id)));
      const { name } = parse(documentUploadQuery, req.query, req);
      if (!Buffer.isBuffer(req.body)) throw new AppError("unsupported_document_file", { field: "file" });
      const document = await storeSiteDocument(services, originOf(req), { unitId: unit.id, name, body: req.body });
      res.status(201).json({
        id: document.id,
        name: document.originalName,
        bytes: document.bytes,
        url: `${config.publicBaseUrl}/media/${document.storageKey}`,
      } satisfies SiteDocument);
    },
  );

  describeRoutes(router, {
    "GET /": {
      response: { list: "Site" },
      summary: "The unit sites the caller may edit",
      permission: { action: "list", model: "SiteEntry" },
    },
    "GET /freshness": {
      response: "SiteFreshness",
      summary: "How fresh each unit site is (JSON or CSV)",
      permission: { action: "list", model: "Site" },
      query: freshnessQuery,
      produces: ["application/json", "text/csv"],
    },
    "GET /settings": {
      response: "SiteSettings",
      summary: "The sites' shared settings",
      permission: { action: "list", model: "Site" },
    },
    "PATCH /settings": {
      response: "SiteSettings",
      summary: "Change the sites' shared settings",
      permission: { action: "update", model: "Site" },
      body: sitesSettingsBody,
    },
    "GET /:unitId": {
      response: "Site",
      summary: "One unit's site",
      permission: { action: "read", model: "SiteEntry" },
    },
    "PATCH /:unitId": {
      response: "Site",
      summary: "Change a unit site's settings (address, review)",
      permission: { action: "update", model: "Site" },
      body: siteSettingsBody,
    },
    "POST /:unitId/push-token": {
      response: "IssuedPushToken",
      summary: "Issue the desa's OpenSID push token (shown once)",
      permission: { action: "update", model: "Site" },
      status: 201,
    },
    "DELETE /:unitId/push-token": {
      summary: "Revoke the desa's OpenSID push token",
      permission: { action: "update", model: "Site" },
      status: 204,
    },
    "POST /:unitId/documents": {
      response: "SiteDocument",
      summary: "Upload a PDF document for a unit's site (the raw file as the body)",
      permission: { action: "update", model: "SiteEntry" },
      query: documentUploadQuery,
      upload: ["application/pdf"],
      status: 201,
      errors: ["unsupported_document_file"],
    },
  });

  return router;
}

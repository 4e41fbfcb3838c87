import { Router } from "express";
import { z } from "zod";
import { csvOptions, csvQueryFields, sendCsv } from "@server/exports/csv.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { ppidDeadlineLists } from "@server/ppid/deadlineLists.js";
import { ppidFigures } from "@server/ppid/figures.js";
import { ppidFiguresTable } from "@server/ppid/figuresTable.js";
import { reportScope } from "@server/ppid/reportScope.js";
import { selfAssessment } from "@server/ppid/selfAssessment.js";
import { can } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { parse } from "@server/routes/validate.js";
import {
  presentPpidDeadlines,
  presentPpidFigures,
  presentSelfAssessmentSection,
} from "@server/presenters/ppidReport.js";
import type { PpidSelfAssessment } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

export const figuresQuery = z.object({
  unitId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2099).optional(),
  format: z.enum(["json", "csv"]).default("json"),
  ...csvQueryFields,
});
const scopeQuery = z.object({ unitId: z.uuid().optional() });

/** Figures for leaders and PPID staff: deadlines about to pass or passed, and a year's service figures. */
const selfAssessmentQuery = z.object({ year: z.coerce.number().int().min(2001).max(2099).optional() });

export function ppidFigureRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  router.get("/deadlines", async (req, res) => {
    const { unitId } = parse(scopeQuery, req.query, req);
    const scope = await reportScope(prisma, req.actor!, unitId);
    const calendar = await officeCalendar(prisma);
    res.json(presentPpidDeadlines(scope, await ppidDeadlineLists(prisma, scope.where, calendar, new Date())));
  });

  router.get("/figures", async (req, res) => {
    const query = parse(figuresQuery, req.query, req);
    const scope = await reportScope(prisma, req.actor!, query.unitId);
    const calendar = await officeCalendar(prisma);
    const now = new Date();
    const year = query.year ?? Number(calendar.dateOf(now).slice(0, 4));
    const figures = await ppidFigures(
      prisma,
      { AND: [scope.where, { receivedAt: calendar.yearRange(year) }] },
      calendar,
      now,
    );
    if (query.format === "csv")
      return sendCsv(res, `angka-ppid-${year}`, ppidFiguresTable(year, figures), csvOptions(req, query));
    res.json(presentPpidFigures(scope, year, figures));
  });

  // For the body and each PPID the reader covers: the monitoring's obligations, met or not, with evidence.
  router.get("/self-assessment", async (req, res) => {
    const { year: asked } = parse(selfAssessmentQuery, req.query, req);
    const calendar = await officeCalendar(prisma);
    const now = new Date();
    const year = asked ?? Number(calendar.dateOf(now).slice(0, 4));
    const units = await prisma.unit.findMany({
      where: { ppidLevel: { not: null }, active: true },
      select: { id: true, path: true },
      orderBy: [{ ppidLevel: "asc" }, { name: "asc" }],
    });
    const scopes = [await reportScope(prisma, req.actor!, undefined)];
    for (const unit of units)
      if (can(req.actor!, "read", "PpidReport", { unitPath: unit.path }))
        scopes.push(await reportScope(prisma, req.actor!, unit.id));
    const context = { services, calendar, now, year };
    const sections = [];
    for (const scope of scopes.filter((scope) => scope.kind !== "own"))
      sections.push(presentSelfAssessmentSection(scope, await selfAssessment({ ...context, scope })));
    res.json({ year, sections } satisfies PpidSelfAssessment);
  });

  describeRoutes(router, {
    "GET /deadlines": {
      response: "PpidDeadlines",
      summary: "Requests and objections due soon or overdue",
      permission: { action: "read", model: "PpidReport" },
      query: scopeQuery,
    },
    "GET /figures": {
      response: "PpidFiguresReport",
      summary: "The year's PPID figures (JSON or CSV)",
      permission: { action: "read", model: "PpidReport" },
      query: figuresQuery,
      produces: ["application/json", "text/csv"],
    },
    "GET /self-assessment": {
      response: "PpidSelfAssessment",
      summary: "For the body and each PPID the reader covers",
      permission: { action: "read", model: "PpidReport" },
      query: selfAssessmentQuery,
    },
  });

  return router;
}

import { Router, type Response } from "express";
import type { Actor } from "@server/auth/actor.js";
import type { PrismaClient } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { csvOptions, sendCsv, type CsvOptions } from "@server/exports/csv.js";
import {
  areasReport,
  backlogReport,
  glossaryReport,
  publishingReport,
  summaryReport,
  unitsReport,
  volumeReport,
  type Report,
} from "@server/metrics/reports.js";
import type { MetricsScope } from "@server/metrics/scope.js";
import { authorize, seesAllUnits } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { parse } from "@server/routes/validate.js";
import { reportingCalendar } from "@server/reporting/settings.js";
import type { ReportingCalendar } from "@server/reports/period.js";
import { dashboardQueries, glossaryQuery, type DashboardQuery } from "./schema.js";
import { DESCRIBED_CALENDAR, describeRoutes, type ViewName } from "@server/openapi/describe.js";

/** The leaders' dashboard: each report as JSON, or as CSV with `?format=csv`. */
export function dashboardRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  const reports = {
    summary: summaryReport,
    units: unitsReport,
    backlog: backlogReport,
    areas: areasReport,
    publishing: publishingReport,
  };
  const views = {
    summary: "DashboardSummary",
    units: "DashboardUnits",
    backlog: "DashboardBacklog",
    areas: "DashboardAreas",
    publishing: "DashboardPublishing",
  } as const satisfies Record<keyof typeof reports, ViewName>;
  for (const [name, build] of Object.entries(reports)) {
    router.get(`/${name}`, async (req, res) => {
      const calendar = await reportingCalendar(prisma);
      const query = parse(dashboardQueries(calendar).dashboard, req.query, req);
      const scope = await scopeFor(prisma, req.actor!, query, calendar);
      send(res, name, scope, await build(prisma, scope), query.format === "csv" && csvOptions(req, query));
    });
    describeRoutes(router, {
      [`GET /${name}`]: {
        response: views[name as keyof typeof reports],
        summary: `The dashboard's ${name} section (JSON or CSV)`,
        permission: { action: "read", model: "Dashboard" },
        query: dashboardQueries(DESCRIBED_CALENDAR).dashboard,
        produces: ["application/json", "text/csv"],
      },
    });
  }

  router.get("/volume", async (req, res) => {
    const calendar = await reportingCalendar(prisma);
    const query = parse(dashboardQueries(calendar).volume, req.query, req);
    const scope = await scopeFor(prisma, req.actor!, query, calendar);
    send(
      res,
      `volume-${query.groupBy}-${query.bucket}`,
      scope,
      await volumeReport(prisma, scope, query.groupBy, query.bucket),
      query.format === "csv" && csvOptions(req, query),
    );
  });

  router.get("/glossary", async (req, res) => {
    authorize(req.actor!, "read", "Dashboard");
    const query = parse(glossaryQuery, req.query, req);
    send(
      res,
      "glossary",
      null,
      glossaryReport(await reportingCalendar(prisma)),
      query.format === "csv" && csvOptions(req, query),
    );
  });

  describeRoutes(router, {
    "GET /volume": {
      response: "DashboardVolume",
      summary: "Message volume by channel, category or unit over time (JSON or CSV)",
      permission: { action: "read", model: "Dashboard" },
      query: dashboardQueries(DESCRIBED_CALENDAR).volume,
      produces: ["application/json", "text/csv"],
    },
    "GET /glossary": {
      response: "DashboardGlossary",
      summary: "What each dashboard figure means (JSON or CSV)",
      permission: { action: "read", model: "Dashboard" },
      query: glossaryQuery,
      produces: ["application/json", "text/csv"],
    },
  });

  return router;
}

/**
 * The units the figures cover. A chosen unit must be in the actor's scope (a camat asking for
 * another kecamatan gets 403); without one, roles that see all get everything and the others
 * their own units and below.
 */
export async function scopeFor(
  prisma: PrismaClient,
  actor: Actor,
  query: DashboardQuery,
  calendar: ReportingCalendar,
): Promise<MetricsScope> {
  authorize(actor, "read", "Dashboard");
  const root = await prisma.unit.findFirst({
    where: { parentId: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, path: true },
  });
  if (!root) throw new AppError("not_found");
  let unitPaths: string[] | null;
  let anchor: MetricsScope["anchor"];
  if (query.unitId) {
    const unit = await knownUnit(prisma, query.unitId, "unitId");
    authorize(actor, "read", "Dashboard", { unitPath: unit.path });
    unitPaths = [unit.path];
    anchor = unit;
  } else if (seesAllUnits(actor)) {
    unitPaths = null;
    anchor = root;
  } else {
    unitPaths = actor.units.map((unit) => unit.path);
    anchor = actor.units.length === 1 ? actor.units[0]! : root;
  }
  const place = query.placeUnitId ? await knownUnit(prisma, query.placeUnitId, "placeUnitId") : null;
  return {
    period: { from: query.from, to: query.to },
    unitIds: unitPaths && (await unitIdsUnder(prisma, unitPaths)),
    anchor,
    placeUnitIds: place && (await unitIdsUnder(prisma, [place.path])),
    placeUnitId: place?.id,
    source: query.source,
    channelId: query.channelId,
    category: query.category,
    now: new Date(),
    calendar,
  };
}

async function knownUnit(prisma: PrismaClient, id: string, field: string) {
  const unit = await prisma.unit.findUnique({ where: { id }, select: { id: true, path: true } });
  if (!unit) throw new AppError("validation_failed", [{ path: field, message: "unit tidak dikenal / unknown unit" }]);
  return unit;
}

/** Ids of the units at or below these paths: few (hundreds), so items are filtered by id, on an index. */
async function unitIdsUnder(prisma: PrismaClient, paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const units = await prisma.unit.findMany({
    where: { OR: paths.map((path) => ({ path: { startsWith: path } })) },
    select: { id: true },
  });
  return units.map((unit) => unit.id);
}

/** The report as JSON, or as CSV when `csv` gives its options. */
function send(res: Response, name: string, scope: MetricsScope | null, report: Report, csv: CsvOptions | false) {
  if (!csv) {
    res.json(report.body);
    return;
  }
  // The file is named after the period's first and last local day (the end itself is exclusive).
  const localDate = (t: Date) => scope!.calendar.localDate(t);
  const period = scope ? `-${localDate(scope.period.from)}_${localDate(new Date(scope.period.to.getTime() - 1))}` : "";
  sendCsv(res, `siar-${name}${period}`, report.table, csv);
}

import { Router, type Response } from "express";
import { recordAudit } from "@server/audit/record.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import { ReportMailer, reportFileName } from "@server/reports/email.js";
import { collectReportFigures } from "@server/reports/figures.js";
import { loadOfficeLetterhead } from "@server/reports/letterhead.js";
import { renderReportPdf } from "@server/reports/pdf.js";
import type { Services } from "@server/services.js";
import { scopeFor } from "@server/routes/api/dashboard/dashboard.js";
import { reportingCalendar } from "@server/reporting/settings.js";
import { dashboardQueries } from "@server/routes/api/dashboard/schema.js";
import { parse } from "@server/routes/validate.js";
import { monthlyReportQuery, sendTestBody } from "./schema.js";
import { DESCRIBED_CALENDAR, describeRoutes } from "@server/openapi/describe.js";

function sendPdf(res: Response, fileName: string, pdf: Buffer) {
  res.set({ "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${fileName}"` }).send(pdf);
}

/** Reports for leaders: the monthly PDF, the dashboard's PDF, and a test of the e-mailed weekly report. */
export function reportRoutes(services: Services): Router {
  const router = Router();
  const { prisma, logger } = services;

  router.get("/monthly.pdf", async (req, res) => {
    const query = parse(monthlyReportQuery, req.query, req);
    const calendar = await reportingCalendar(prisma);
    const month = query.month ?? calendar.previousMonth(new Date());
    const period = calendar.monthPeriod(month);
    // The dashboard's own scope: who may read which unit's figures is decided the same way.
    const scope = await scopeFor(prisma, req.actor!, { ...period, unitId: query.unitId, format: "json" }, calendar);
    const started = performance.now();
    const pdf = await renderReportPdf({
      kind: "monthly",
      period,
      figures: await collectReportFigures(prisma, scope),
      generatedAt: new Date(),
      head: await loadOfficeLetterhead(services),
    });
    logger.info(
      { month, unitId: query.unitId, bytes: pdf.length, ms: Math.round(performance.now() - started) },
      "monthly report rendered",
    );
    sendPdf(res, reportFileName(calendar, "monthly", period), pdf);
  });

  // The dashboard as the leader sees it (same filters, every section) as a report to attach to a letter.
  router.get("/dashboard.pdf", async (req, res) => {
    const calendar = await reportingCalendar(prisma);
    const query = parse(dashboardQueries(calendar).pdf, req.query, req);
    const scope = await scopeFor(prisma, req.actor!, { ...query, format: "json" }, calendar);
    const period = scope.period;
    const kind = calendar.documentKindOf(period);
    const started = performance.now();
    const pdf = await renderReportPdf({
      kind,
      period,
      figures: await collectReportFigures(prisma, scope),
      generatedAt: new Date(),
      head: await loadOfficeLetterhead(services),
    });
    const fileName = reportFileName(calendar, kind, period);
    // Figures leave the system in a document that outlives the session: who took which is recorded.
    await recordAudit(
      prisma,
      { actor: req.actor!, ip: req.ip, requestId: String(req.id) },
      {
        action: "report.exported",
        targetType: "report",
        targetId: fileName,
        unitId: query.unitId ?? null,
        changes: {
          from: period.from.toISOString(),
          to: period.to.toISOString(),
          filters: {
            unitId: query.unitId,
            placeUnitId: query.placeUnitId,
            source: query.source,
            channelId: query.channelId,
            category: query.category,
          },
        },
      },
    );
    logger.info(
      { kind, from: period.from, to: period.to, bytes: pdf.length, ms: Math.round(performance.now() - started) },
      "dashboard report rendered",
    );
    sendPdf(res, fileName, pdf);
  });

  router.post("/send-test", async (req, res) => {
    // Admin only, like the other settings of the installation (SMTP is one).
    authorize(req.actor!, "control", "Report");
    const body = parse(sendTestBody, req.body, req);
    const mailer = ReportMailer.fromConfig(services);
    if (!mailer) throw new AppError("smtp_not_configured");
    const configured = services.config.reports.recipients;
    const recipients = body.to === "me" || configured.length === 0 ? [req.actor!.email] : configured;
    const calendar = await reportingCalendar(prisma);
    const sent = await mailer.send("weekly", calendar.previousWeek(new Date()), recipients, {
      subjectPrefix: "[Uji] ",
    });
    await recordAudit(
      prisma,
      { actor: req.actor!, ip: req.ip },
      {
        action: "report.test_sent",
        targetType: "report",
        targetId: `weekly:${sent.period.from}`,
        changes: { ...sent },
      },
    );
    res.json(sent);
  });

  describeRoutes(router, {
    "GET /monthly.pdf": {
      summary: "The monthly report as PDF",
      permission: { action: "read", model: "Dashboard" },
      query: monthlyReportQuery,
      produces: "application/pdf",
    },
    "GET /dashboard.pdf": {
      summary: "The dashboard as the leader sees it (same filters, every section) as a report to attach to a letter",
      permission: { action: "read", model: "Dashboard" },
      query: dashboardQueries(DESCRIBED_CALENDAR).pdf,
      produces: "application/pdf",
    },
    "POST /send-test": {
      response: "TestReportSent",
      summary: "Send the monthly report to a test address now",
      permission: { action: "control", model: "Report" },
      body: sendTestBody,
    },
  });

  return router;
}

import { Router } from "express";
import { recordAudit } from "../../../audit/record.js";
import { AppError } from "../../../errors.js";
import { authorize } from "../../../policies/index.js";
import { ReportMailer } from "../../../reports/email.js";
import { collectReportFigures } from "../../../reports/figures.js";
import { monthPeriod, periodKey, previousMonth, previousWeek } from "../../../reports/period.js";
import { renderReportPdf } from "../../../reports/pdf.js";
import type { Services } from "../../../services.js";
import { scopeFor } from "../dashboard/dashboard.js";
import { parse } from "../../validate.js";
import { monthlyReportQuery, sendTestBody } from "./schema.js";

/** Reports for leaders: the monthly PDF, and a test of the e-mailed weekly report. */
export function reportRoutes(services: Services): Router {
  const router = Router();
  const { prisma, logger } = services;

  router.get("/monthly.pdf", async (req, res) => {
    const query = parse(monthlyReportQuery, req.query, req);
    const month = query.month ?? previousMonth(new Date());
    const period = monthPeriod(month);
    // The dashboard's own scope: who may read which unit's figures is decided the same way.
    const scope = await scopeFor(prisma, req.actor!, { ...period, unitId: query.unitId, format: "json" });
    const started = performance.now();
    const pdf = await renderReportPdf({ kind: "monthly", period, figures: await collectReportFigures(prisma, scope), generatedAt: new Date() });
    logger.info({ month, unitId: query.unitId, bytes: pdf.length, ms: Math.round(performance.now() - started) }, "monthly report rendered");
    res.set({ "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="laporan-${periodKey("monthly", period)}.pdf"` }).send(pdf);
  });

  router.post("/send-test", async (req, res) => {
    // Admin only, like the other settings of the installation (SMTP is one).
    authorize(req.actor!, "control", "Report");
    const body = parse(sendTestBody, req.body, req);
    const mailer = ReportMailer.fromConfig(services);
    if (!mailer) throw new AppError("smtp_not_configured");
    const configured = services.config.reports.recipients;
    const recipients = body.to === "me" || configured.length === 0 ? [req.actor!.email] : configured;
    const sent = await mailer.send("weekly", previousWeek(new Date()), recipients, { subjectPrefix: "[Uji] " });
    await recordAudit(prisma, { actor: req.actor!, ip: req.ip }, { action: "report.test_sent", targetType: "report", targetId: `weekly:${sent.period.from}`, changes: { ...sent } });
    res.json(sent);
  });

  return router;
}

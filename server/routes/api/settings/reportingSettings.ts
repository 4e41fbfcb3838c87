import { Router } from "express";
import { authorize } from "@server/policies/index.js";
import { presentReportingSettings } from "@server/presenters/reportingSettings.js";
import { recountPending, reportingSettings, setReportingSettings } from "@server/reporting/settings.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { reportingSettingsBody } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** The organisation's reporting time zone and on-time tolerance. */
export function reportingSettingsRoutes({ prisma }: Services): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    authorize(req.actor!, "read", "ReportingSettings");
    res.json(presentReportingSettings(await reportingSettings(prisma), await recountPending(prisma)));
  });

  router.patch("/", async (req, res) => {
    authorize(req.actor!, "update", "ReportingSettings");
    const settings = parse(reportingSettingsBody, req.body, req);
    const saved = await setReportingSettings(prisma, { origin: originOf(req), settings });
    res.json(presentReportingSettings(saved, await recountPending(prisma)));
  });

  describeRoutes(router, {
    "GET /": {
      response: "ReportingSettings",
      summary: "The reporting time zone and on-time tolerance",
      permission: { action: "read", model: "ReportingSettings" },
    },
    "PATCH /": {
      response: "ReportingSettings",
      summary: "Change the reporting settings",
      permission: { action: "update", model: "ReportingSettings" },
      body: reportingSettingsBody,
    },
  });

  return router;
}

import express, { Router } from "express";
import type { Services } from "@server/services.js";
import {
  authenticate,
  requireActor,
  requirePasswordChanged,
  requireTokenScope,
} from "@server/routes/middleware/authenticate.js";
import { csrfProtection } from "@server/routes/middleware/csrf.js";
import { apiNotFound } from "@server/routes/middleware/errors.js";
import { refuseUnstorableInput } from "@server/routes/middleware/storableInput.js";
import { earlyWarningRoutes } from "./earlyWarnings/earlyWarnings.js";
import { auditEventRoutes } from "./auditEvents/auditEvents.js";
import { authRoutes } from "./auth/auth.js";
import { cannedResponseRoutes } from "./cannedResponses/cannedResponses.js";
import { channelRoutes } from "./channels/channels.js";
import { channelOAuthRoutes } from "./channels/oauth.js";
import { dashboardRoutes } from "./dashboard/dashboard.js";
import { demoDataRoutes } from "./demoData/demoData.js";
import { dipItemRoutes } from "./dipItems/dipItems.js";
import { inboxRoutes } from "./inbox/inbox.js";
import { inboxDeadLetterRoutes } from "./inboxDeadLetters/inboxDeadLetters.js";
import { inboxPhotoRoutes } from "./inbox/photo.js";
import { inboxLaporRoutes } from "./inbox/lapor.js";
import { mediaRoutes } from "./media/media.js";
import { notificationRoutes } from "./notifications/notifications.js";
import { routingRuleRoutes } from "./routingRules/routingRules.js";
import { webhookEndpointRoutes } from "./webhookEndpoints/webhookEndpoints.js";
import { organisationRoutes } from "./organisation/organisation.js";
import { platformPriceRoutes } from "./platformPrices/platformPrices.js";
import { postRoutes } from "./posts/posts.js";
import { ppidRoutes } from "./ppid/index.js";
import { ppidProfileRoutes } from "./ppidProfiles/ppidProfiles.js";
import { apiReferenceRoutes } from "./reference/reference.js";
import { reportRoutes } from "./reports/reports.js";
import { sandboxRoutes } from "./sandbox/sandbox.js";
import { siteEntryRoutes } from "./sites/siteEntries.js";
import { reportingSettingsRoutes } from "./settings/reportingSettings.js";
import { workingCalendarRoutes } from "./workingCalendar/workingCalendar.js";
import { siteRoutes } from "./sites/sites.js";
import { systemRoutes } from "./system/system.js";
import { unitRoutes } from "./units/units.js";
import { userRoutes } from "./users/users.js";

export function apiRoutes(services: Services): Router {
  const api = Router();
  api.use(express.json({ limit: "1mb" }));
  api.use(refuseUnstorableInput);
  api.use(authenticate(services));
  api.use(requireTokenScope);
  api.use(csrfProtection);
  api.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  api.use(apiReferenceRoutes());
  api.use("/auth", authRoutes(services));
  const signedIn = [requireActor, requirePasswordChanged];
  api.use("/units", ...signedIn, unitRoutes(services));
  api.use("/users", ...signedIn, userRoutes(services));
  api.use("/audit-events", ...signedIn, auditEventRoutes(services));
  api.use("/sandbox", ...signedIn, sandboxRoutes(services));
  api.use("/channels/oauth", ...signedIn, channelOAuthRoutes(services));
  api.use("/channels", ...signedIn, channelRoutes(services));
  api.use("/platform-prices", ...signedIn, platformPriceRoutes(services));
  api.use("/media", ...signedIn, mediaRoutes(services));
  api.use("/posts", ...signedIn, postRoutes(services));
  api.use("/inbox-dead-letters", ...signedIn, inboxDeadLetterRoutes(services));
  api.use("/inbox", ...signedIn, inboxPhotoRoutes(services));
  api.use("/inbox", ...signedIn, inboxLaporRoutes(services));
  api.use("/inbox", ...signedIn, inboxRoutes(services));
  api.use("/routing-rules", ...signedIn, routingRuleRoutes(services));
  api.use("/webhook-endpoints", ...signedIn, webhookEndpointRoutes(services));
  api.use("/canned-responses", ...signedIn, cannedResponseRoutes(services));
  api.use("/early-warnings", ...signedIn, earlyWarningRoutes(services));
  api.use("/dashboard", ...signedIn, dashboardRoutes(services));
  api.use("/reports", ...signedIn, reportRoutes(services));
  api.use("/settings/reporting", ...signedIn, reportingSettingsRoutes(services));
  api.use("/working-calendar", ...signedIn, workingCalendarRoutes(services));
  api.use("/ppid", ...signedIn, ppidRoutes(services));
  api.use("/demo-data", ...signedIn, demoDataRoutes(services));
  api.use("/organisation", ...signedIn, organisationRoutes(services));
  api.use("/sites", ...signedIn, siteRoutes(services));
  api.use("/site-entries", ...signedIn, siteEntryRoutes(services));
  api.use("/dip-items", ...signedIn, dipItemRoutes(services));
  api.use("/ppid-profiles", ...signedIn, ppidProfileRoutes(services));
  api.use("/notifications", ...signedIn, notificationRoutes(services));
  api.use("/system", ...signedIn, systemRoutes(services));
  api.use(apiNotFound);
  return api;
}

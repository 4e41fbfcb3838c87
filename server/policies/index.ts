import type { Actor } from "@server/auth/actor.js";
import { can } from "./policy.js";
import { seesAllUnits } from "./scope.js";
import "./apiTokens.js";
import "./auditEvents.js";
import "./cannedResponses.js";
import "./channels.js";
import "./dashboards.js";
import "./demoData.js";
import "./dipItems.js";
import "./earlyWarnings.js";
import "./inboxDeadLetters.js";
import "./inboxItems.js";
import "./notifications.js";
import "./letterhead.js";
import "./platformPrices.js";
import "./posts.js";
import "./ppidObjections.js";
import "./ppidReports.js";
import "./ppidRequests.js";
import "./reports.js";
import "./reportingSettings.js";
import "./workingCalendar.js";
import "./routingRules.js";
import "./sandbox.js";
import "./siteEntries.js";
import "./sites.js";
import "./systemHealth.js";
import "./units.js";
import "./users.js";
import "./webhookEndpoints.js";

export { authorize, can } from "./policy.js";
export { isInScope, seesAllUnits, unitScopeWhere } from "./scope.js";
export { readsEveryUnitsAuditEvents } from "./auditEvents.js";
export { mayBeAssigned } from "./inboxItems.js";
export { dipScopePaths, isPpidUtama } from "./dipItems.js";
export { postNeedsApproval } from "./posts.js";
export { ppidObjectionListWhere } from "./ppidObjections.js";
export { ppidFigureScopeWhere } from "./ppidReports.js";
export { ppidRequestListWhere } from "./ppidRequests.js";

/** Class-level abilities sent to the web app, so it shows only what the server would allow. */
export function abilitiesOf(actor: Actor) {
  return {
    compose: can(actor, "create", "Post"),
    approvePosts: can(actor, "approve", "Post"),
    calendar: can(actor, "list", "Post"),
    inbox: can(actor, "list", "InboxItem"),
    handleInbox: can(actor, "handle", "InboxItem"),
    dashboard: can(actor, "read", "Dashboard"),
    manageUnits: can(actor, "create", "Unit"),
    manageUsers: can(actor, "create", "User"),
    readAuditLog: can(actor, "list", "AuditEvent"),
    controlSandbox: can(actor, "control", "Sandbox"),
    manageCannedResponses: can(actor, "create", "CannedResponse"),
    manageDeadLetters: can(actor, "list", "InboxDeadLetter"),
    ppidRequests: can(actor, "list", "PpidRequest"),
    registerPpidRequests: can(actor, "create", "PpidRequest"),
    ppidObjections: can(actor, "list", "PpidObjection"),
    ppidReports: can(actor, "read", "PpidReport"),
    ppidRegisters: can(actor, "export", "PpidReport"),
    writePpidReports: can(actor, "update", "PpidReport"),
    removeDemoData: can(actor, "update", "DemoData"),
    editSites: can(actor, "update", "SiteEntry"),
    reviewSites: can(actor, "approve", "SiteEntry"),
    siteFreshness: can(actor, "list", "Site"),
    manageSites: can(actor, "update", "Site"),
    manageLetterhead: can(actor, "update", "Letterhead"),
    dip: can(actor, "list", "DipItem"),
    editDip: can(actor, "create", "DipItem"),
    ppidProfiles: can(actor, "read", "PpidProfile"),
    reportingSettings: can(actor, "update", "ReportingSettings"),
    workingCalendar: can(actor, "update", "WorkingCalendar"),
    manageWebhooks: can(actor, "list", "WebhookEndpoint"),
    systemHealth: can(actor, "read", "SystemHealth"),
    seesAllUnits: seesAllUnits(actor),
  };
}

export type Abilities = ReturnType<typeof abilitiesOf>;

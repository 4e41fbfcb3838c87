// What the API returns, by name: every type exported here becomes `#/components/schemas/<Name>` of
// the OpenAPI document (`npm run api:schemas` writes views.generated.json from these types), and
// each route's description names its response by one of these names. The presenters are the one
// definition; a shape a handler builds itself is declared here and the handler `satisfies` it.
import type { AreaImportResult as AreaImport } from "@server/commands/areaImport.js";
import type { ChannelOutcome } from "@server/commands/publishedPosts.js";
import type { DemoDataCounts } from "@server/commands/demoData.js";
import type { resetUserPassword } from "@server/commands/users.js";
import type { PpidRequestStatus, PpidIdentityType, PpidLevel, ChannelKind } from "@server/db/generated/enums.js";
import type { WebhookTestResult } from "@server/inbox/webhookTest.js";
import type { WhatsAppReplyOptions } from "@server/inbox/whatsappWindow.js";
import type {
  areasReport,
  backlogReport,
  glossaryReport,
  publishingReport,
  summaryReport,
  unitsReport,
  volumeReport,
} from "@server/metrics/reports.js";
import type { presentApiToken } from "@server/presenters/apiToken.js";
import type { presentAuditEvent } from "@server/presenters/auditEvent.js";
import type { presentCannedResponse } from "@server/presenters/cannedResponse.js";
import type { presentChannel } from "@server/presenters/channel.js";
import type { presentChannelUsage } from "@server/presenters/channelUsage.js";
import type { presentDipItem } from "@server/presenters/dipItem.js";
import type { presentEarlyWarning } from "@server/presenters/earlyWarning.js";
import type { presentInboxDeadLetter } from "@server/presenters/inboxDeadLetter.js";
import type { presentInboxEvent, presentInboxItem } from "@server/presenters/inboxItem.js";
import type { LaporHandoffResponse } from "@server/presenters/laporHandoff.js";
import type { presentLetterhead } from "@server/presenters/letterhead.js";
import type { presentMedia } from "@server/presenters/media.js";
import type { presentNotification, presentNotificationSettings } from "@server/presenters/notification.js";
import type { presentPlatformPrice } from "@server/presenters/platformPrice.js";
import type { presentPost } from "@server/presenters/post.js";
import type { presentPpidObjection } from "@server/presenters/ppidObjection.js";
import type { presentPpidProfile } from "@server/presenters/ppidProfile.js";
import type {
  presentAnnualReport,
  presentPpidDeadlines,
  presentPpidFigures,
  presentSelfAssessmentSection,
} from "@server/presenters/ppidReport.js";
import type { presentPpidRequest, presentPpidRequestRow } from "@server/presenters/ppidRequest.js";
import type { ReportingSettingsView } from "@server/presenters/reportingSettings.js";
import type { presentRoutingRule } from "@server/presenters/routingRule.js";
import type { Site as SiteView } from "@server/presenters/site.js";
import type {
  SiteEntryDetail as SiteEntryView,
  SiteEntrySummary as SiteEntryRow,
} from "@server/presenters/siteEntry.js";
import type { SystemHealth as SystemHealthView } from "@server/presenters/systemHealth.js";
import type { presentAreaImportPlan, presentRegency, presentUnit } from "@server/presenters/unit.js";
import type { presentSession, presentUser } from "@server/presenters/user.js";
import type { presentNewSecret, WebhookDeliveryView, WebhookEndpointView } from "@server/presenters/webhookEndpoint.js";
import type { presentApprovedTemplate, presentWhatsAppTemplate } from "@server/presenters/whatsappTemplate.js";
import type { CalendarChangeView, CalendarNoticeView, CalendarYearView } from "@server/presenters/workingCalendar.js";
import type { dipExportRow } from "@server/ppid/dip/export.js";
import type { ReportMailer } from "@server/reports/email.js";
import type { freshnessReport } from "@server/sites/freshness.js";
import type { WebhookEventType } from "@server/webhooks/events.js";

// Accounts and sign-in
export type Session = ReturnType<typeof presentSession>;
export type User = ReturnType<typeof presentUser>;
/** A user just created, with the temporary password shown this once (null: they were e-mailed a link). */
export type CreatedUser = { user: User; temporaryPassword: string | null };
export type PasswordReset = Awaited<ReturnType<typeof resetUserPassword>>;
export type ApiToken = ReturnType<typeof presentApiToken>;
/** A personal API token just issued; the token itself is shown this once. */
export type IssuedApiToken = { apiToken: ApiToken; token: string };
export type AuditEvent = ReturnType<typeof presentAuditEvent>;

// Units and areas
export type Unit = ReturnType<typeof presentUnit>;
export type Regency = ReturnType<typeof presentRegency>;
export type AreaImportPlan = ReturnType<typeof presentAreaImportPlan>;
export type AreaImportResult = AreaImport;

// Publishing
export type Post = ReturnType<typeof presentPost>;
/** A correction or withdrawal of a published post: the post and what happened on each channel. */
export type PostChannelOutcomes = { post: Post; channels: ChannelOutcome[] };
export type Media = ReturnType<typeof presentMedia>;
export type Channel = ReturnType<typeof presentChannel>;
export type ChannelUsage = ReturnType<typeof presentChannelUsage>;
export type PlatformPrice = ReturnType<typeof presentPlatformPrice>;
export type WhatsAppTemplate = ReturnType<typeof presentWhatsAppTemplate>;
export type ApprovedWhatsAppTemplate = ReturnType<typeof presentApprovedTemplate>;
/** Which platforms' sign-in apps this installation has. */
export type OAuthApps = { meta: boolean; x: boolean };
/** A Facebook Page the signed-in Meta user manages, and where it (or its Instagram account) is connected already. */
export type MetaPage = {
  id: string;
  name: string;
  instagram: { id: string; username: string } | null;
  connectedElsewhere: { facebook: string | null; instagram: string | null };
};
/** A channel connected (or reconnected) from a Meta sign-in. */
export type ConnectedChannel = { id: string; kind: ChannelKind; name: string; reconnected: boolean };
/** Where Meta sends webhooks, and whether this installation can take them. */
export type MetaWebhookSetup = { callbackUrl: string; https: boolean; configured: boolean; simulated: boolean };
export type MetaWebhookTest = WebhookTestResult;

// Inbox
export type InboxItem = ReturnType<typeof presentInboxItem>;
export type InboxEvent = ReturnType<typeof presentInboxEvent>;
export type InboxItemDetail = {
  item: InboxItem;
  conversation: InboxItem[];
  earlierFromAuthor: InboxItem[];
  post: { id: string; title: string; slug: string; body: string } | null;
  timeline: InboxEvent[];
  /** WhatsApp items, for those who may answer: the 24-hour window and the listed templates. */
  whatsapp: WhatsAppReplyOptions | null;
  /** The information request made from this item; `readable`: the caller may open it. */
  ppidRequest: { id: string; registrationNumber: string; status: PpidRequestStatus; readable: boolean } | null;
};
/** What a bulk action did to each item. */
export type BulkResult = {
  results: ({ id: string; ok: true } | { id: string; ok: false; error: { code: string; message: string } })[];
};
export type LaporHandoff = LaporHandoffResponse;
export type CannedResponse = ReturnType<typeof presentCannedResponse>;
export type RoutingRule = ReturnType<typeof presentRoutingRule>;
export type InboxDeadLetter = ReturnType<typeof presentInboxDeadLetter>;
export type EarlyWarning = ReturnType<typeof presentEarlyWarning>;

// Notifications
export type Notification = ReturnType<typeof presentNotification>;
export type NotificationPage = { data: Notification[]; nextCursor: string | null; unread: number };
export type UnreadCount = { unread: number };
export type MarkedRead = { marked: number };
export type NotificationSettings = ReturnType<typeof presentNotificationSettings>;

// Dashboard and reports
export type DashboardSummary = Awaited<ReturnType<typeof summaryReport>>["body"];
export type DashboardUnits = Awaited<ReturnType<typeof unitsReport>>["body"];
export type DashboardBacklog = Awaited<ReturnType<typeof backlogReport>>["body"];
export type DashboardAreas = Awaited<ReturnType<typeof areasReport>>["body"];
export type DashboardPublishing = Awaited<ReturnType<typeof publishingReport>>["body"];
export type DashboardGlossary = ReturnType<typeof glossaryReport>["body"];
export type DashboardVolume = Awaited<ReturnType<typeof volumeReport>>["body"];
export type TestReportSent = Awaited<ReturnType<ReportMailer["send"]>>;
export type ReportingSettings = ReportingSettingsView;
export type CalendarNotice = CalendarNoticeView;
export type CalendarYear = CalendarYearView;
export type CalendarChange = CalendarChangeView;
export type Letterhead = ReturnType<typeof presentLetterhead>;
export type SystemHealth = SystemHealthView;
export type DemoData = DemoDataCounts;
export type RemovedDemoData = { removed: DemoDataCounts };

// PPID (public information)
export type PpidRequest = ReturnType<typeof presentPpidRequest>;
export type PpidRequestRow = ReturnType<typeof presentPpidRequestRow>;
/** A request just registered by staff, or a new access code: shown this once, with the tracking link. */
export type PpidRequestWithAccessCode = { request: PpidRequest; accessCode: string; trackingPath: string };
export type PpidIdentity = { identityType: PpidIdentityType; identityNumber: string };
export type PpidObjection = ReturnType<typeof presentPpidObjection>;
export type PpidProfile = ReturnType<typeof presentPpidProfile>;
/** A PPID unit a request may go to, with its atasan. */
export type PpidUnit = {
  id: string;
  name: string;
  ppidLevel: PpidLevel | null;
  ppidSuperior: { id: string; name: string } | null;
};
export type PpidDeadlines = ReturnType<typeof presentPpidDeadlines>;
export type PpidFiguresReport = ReturnType<typeof presentPpidFigures>;
export type PpidSelfAssessment = { year: number; sections: ReturnType<typeof presentSelfAssessmentSection>[] };
export type PpidAnnualReport = ReturnType<typeof presentAnnualReport>;
export type DipItem = ReturnType<typeof presentDipItem>;
/** The DIP as a file, for other systems (GET /api/dip-items/export?format=json). */
export type DipExport = { generatedAt: string; data: ReturnType<typeof dipExportRow>[] };

// Unit sites
export type Site = SiteView;
export type SiteFreshness = Awaited<ReturnType<typeof freshnessReport>>;
export type SiteSettings = { staleAfterDays: number };
/** A desa's OpenSID push token, shown this once. */
export type IssuedPushToken = { token: string; prefix: string; createdAt: string };
export type SiteDocument = { id: string; name: string; bytes: number; url: string };
export type SiteEntry = SiteEntryView;
export type SiteEntrySummary = SiteEntryRow;

// Webhooks to other systems
export type WebhookEndpoint = WebhookEndpointView;
export type WebhookEndpointWithSecret = ReturnType<typeof presentNewSecret>;
export type WebhookEndpointList = { data: WebhookEndpoint[]; eventTypes: readonly WebhookEventType[] };
export type WebhookDelivery = WebhookDeliveryView;

// Others
/** Whatever the simulated platforms' control API answers (demo mode). */
export type SandboxReply = unknown;
/** OpenDK's answer to OpenSID's sign-in: the desa's push token is the access token. */
export type OpenDkLogin = { access_token: string; token_type: "Bearer"; expires_in: number };
export type OpenDkResult = { status: string; message: string };
/** This API's OpenAPI 3.1 document. */
export type OpenApiDocument = { openapi: string; info: { title: string; version: string }; paths: object };

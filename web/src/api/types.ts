// The shapes the API returns and takes, from its OpenAPI document: `openapi.generated.ts` is
// generated from it (`npm run api:types`), the document's response schemas from the server's
// presenters (`npm run api:schemas`), so server and app cannot drift. Dates are ISO strings.
// Codes come from the server's one definition of each (Prisma's enums, the triage taxonomy).
import {
  ChannelKind,
  type ChannelStatus,
  type DeliveryStatus,
  InboxSource,
  InboxStatus,
  type NotificationKind,
  PostStatus,
  Role,
  UnitType,
} from "@server/db/generated/enums";
import { UNIT_TIME_ZONES, type UnitTimeZone } from "@server/deadlines/timeZones";
import type { Locale } from "@server/i18n/locale";
import type { InboxView } from "@server/inbox/listing";
import type { WebhookEventType } from "@server/webhooks/events";
import {
  CATEGORIES,
  DANGERS,
  KINDS,
  URGENCIES,
  type Category,
  type Danger,
  type Kind,
  type ReasonCode,
  type Urgency,
} from "@server/triage/taxonomy";
import type { components, paths } from "./openapi.generated";

export type {
  ChannelKind,
  ChannelStatus,
  DeliveryStatus,
  InboxSource,
  InboxStatus,
  InboxView,
  Locale,
  PostStatus,
  Role,
  UnitType,
};
export type Timezone = UnitTimeZone;
export type InboxKind = Kind;
export type InboxCategory = Category;
export type { Urgency };

export const ROLES = Object.values(Role);
export const UNIT_TYPES = Object.values(UnitType);
export const TIMEZONES = UNIT_TIME_ZONES;

/** The response types of the API, by the names the document gives them (server/openapi/views.ts). */
export type Schemas = components["schemas"];

type JsonBody<Content> = Content extends { content: { "application/json": infer Body } } ? Body : never;
/** What an operation takes as its JSON body, e.g. `RequestBody<"/api/posts", "post">`. */
export type RequestBody<Path extends keyof paths, Method extends keyof paths[Path]> = JsonBody<
  NonNullable<(paths[Path][Method] & { requestBody?: unknown })["requestBody"]>
>;

export type UnitRef = { id: string; name: string; type: UnitType };

export type Session = Schemas["Session"];
export type Abilities = Session["abilities"];
export type Unit = Schemas["Unit"];
/** A kabupaten/kota of the official area data, and what importing its areas would do and did. */
export type Regency = Schemas["Regency"];
export type AreaImportPlan = Schemas["AreaImportPlan"];
export type AreaImportResult = Schemas["AreaImportResult"];
export type User = Schemas["User"];
export type ApiToken = Schemas["ApiToken"];
export type AuditEvent = Schemas["AuditEvent"];
export type Channel = Schemas["Channel"];
export type CannedResponse = Schemas["CannedResponse"];
export type Media = Schemas["Media"];
export type InboxDeadLetter = Schemas["InboxDeadLetter"];
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEndpointWithSecret = Schemas["WebhookEndpointWithSecret"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type { WebhookEventType };
export type DipItem = Schemas["DipItem"];
export type PpidProfile = Schemas["PpidProfile"];
export type EarlyWarning = Schemas["EarlyWarning"];
export type LaporHandoff = Schemas["LaporHandoff"];
export type Letterhead = Schemas["Letterhead"];
export type SystemHealth = Schemas["SystemHealth"];
export type ReportingSettings = Schemas["ReportingSettings"];
export type CalendarNotice = Schemas["CalendarNotice"];
export type CalendarYear = Schemas["CalendarYear"];
export type CalendarChange = Schemas["CalendarChange"];
export type WhatsAppTemplate = Schemas["WhatsAppTemplate"];
export type ApprovedWhatsAppTemplate = Schemas["ApprovedWhatsAppTemplate"];
export type Site = Schemas["Site"];
export type SiteEntrySummary = Schemas["SiteEntrySummary"];
export type SiteEntryDetail = Schemas["SiteEntry"];

// PPID (see server/presenters/ppidRequest.ts and ppidObjection.ts).
export type PpidRequest = Schemas["PpidRequest"];
export type PpidRequestRow = Schemas["PpidRequestRow"];
export type PpidObjection = Schemas["PpidObjection"];
export type PpidDeadlineLists = Schemas["PpidDeadlines"];
/** A request just registered by staff, with the access code shown this once. */
export type RegisteredPpidRequest = Schemas["PpidRequestWithAccessCode"];

export type Page<T> = { data: T[]; nextCursor: string | null };

// Publishing (see server/channels/rules.ts for what each channel accepts).
export const CHANNEL_KINDS = Object.values(ChannelKind);
export const POST_STATUSES = Object.values(PostStatus);

export type ChannelUsage = Schemas["ChannelUsage"];
/** What X charges per billed item, in US dollars per unit (admins keep it current). */
export type PlatformPrice = Schemas["PlatformPrice"];
/** Which unit owns an inbox item of a category (null: any) from a place (null: anywhere); highest priority wins. */
export type RoutingRule = Schemas["RoutingRule"];

export type Post = Schemas["Post"];
export type Notification = Schemas["Notification"];
export type NotificationSettings = Schemas["NotificationSettings"];
export type UnreadCount = Schemas["UnreadCount"];
export type MarkedRead = Schemas["MarkedRead"];
export type { NotificationKind };
export type Delivery = Post["deliveries"][number];

/** What a correction or a withdrawal did on one channel (PATCH /posts/:id/published, POST /posts/:id/withdraw). */
export type ChannelOutcome = Schemas["PostChannelOutcomes"]["channels"][number];

// Inbox (see server/presenters/inboxItem.ts and server/routes/api/inbox/schema.ts for the codes).
/** The statuses staff set by hand; replying moves an item to "answered" by itself. */
export type ManualInboxStatus = RequestBody<"/api/inbox/{id}/status", "post">["status"];

export const INBOX_SOURCES = Object.values(InboxSource);
export const INBOX_STATUSES = Object.values(InboxStatus);
export const INBOX_KINDS = KINDS;
export const INBOX_CATEGORIES = CATEGORIES;
export { URGENCIES };

export type { Danger, ReasonCode };
export { DANGERS };
/** An inbox item and a timeline event as staff get them; how triage decided each field. */
export type InboxItem = Schemas["InboxItem"];
export type InboxEvent = Schemas["InboxEvent"];
export type InboxEventType = InboxEvent["type"];
export type InboxTriage = NonNullable<InboxItem["triage"]>;
export type TriageDecision = NonNullable<InboxTriage["kind"]>;
export type TriageReason = NonNullable<TriageDecision["reasons"]>[number];

export type InboxItemDetail = Schemas["InboxItemDetail"];
export type WhatsAppReplyOptions = NonNullable<InboxItemDetail["whatsapp"]>;

export type BulkResult = Schemas["BulkResult"];

/** Who else has an item open ("inbox.presence"), and whether they are writing. */
export type InboxViewer = { id: string; name: string; typing: boolean };

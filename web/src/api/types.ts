// The shapes the API returns (see server/presenters). Dates are ISO strings.
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
import type { WhatsAppReplyOptions } from "@server/inbox/whatsappWindow";
import type { Abilities } from "@server/policies/index";
import type { presentCannedResponse } from "@server/presenters/cannedResponse";
import type { presentChannel } from "@server/presenters/channel";
import type { presentDipItem } from "@server/presenters/dipItem";
import type { presentPpidProfile } from "@server/presenters/ppidProfile";
import type { presentChannelUsage } from "@server/presenters/channelUsage";
import type { presentPlatformPrice } from "@server/presenters/platformPrice";
import type { presentPost } from "@server/presenters/post";
import type { presentRoutingRule } from "@server/presenters/routingRule";
import type { presentInboxDeadLetter } from "@server/presenters/inboxDeadLetter";
import type { presentNewSecret, WebhookDeliveryView, WebhookEndpointView } from "@server/presenters/webhookEndpoint";
import type { WebhookEventType } from "@server/webhooks/events";
import type {
  InboxEventType,
  InboxTriage,
  presentInboxEvent,
  presentInboxItem,
  TriageDecision,
} from "@server/presenters/inboxItem";
import type { presentMedia } from "@server/presenters/media";
import type { ChannelOutcome } from "@server/commands/publishedPosts";
import type { StatusBody } from "@server/routes/api/inbox/schema";
import type { presentApiToken } from "@server/presenters/apiToken";
import type { presentAuditEvent } from "@server/presenters/auditEvent";
import type { AreaImportResult } from "@server/commands/areaImport";
import type { presentAreaImportPlan, presentRegency, presentUnit } from "@server/presenters/unit";
import type { presentPpidObjection } from "@server/presenters/ppidObjection";
import type { presentPpidRequest, presentPpidRequestRow } from "@server/presenters/ppidRequest";
import type { PpidDeadlineLists } from "@server/ppid/deadlineLists";
import type { PpidFigures } from "@server/ppid/figures";
import type { presentSession, presentUser } from "@server/presenters/user";
import type { presentNotification, presentNotificationSettings } from "@server/presenters/notification";
import {
  CATEGORIES,
  DANGERS,
  KINDS,
  URGENCIES,
  type Category,
  type Danger,
  type Kind,
  type Reason,
  type ReasonCode,
  type Urgency,
} from "@server/triage/taxonomy";

export type {
  Abilities,
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

export type UnitRef = { id: string; name: string; type: UnitType };

// Responses typed by the server's presenters: what they return is what the API sends.
export type Session = ReturnType<typeof presentSession>;
export type Unit = ReturnType<typeof presentUnit>;
/** A kabupaten/kota of the official area data, and what importing its areas would do and did. */
export type Regency = ReturnType<typeof presentRegency>;
export type AreaImportPlan = ReturnType<typeof presentAreaImportPlan>;
export type { AreaImportResult };
export type User = ReturnType<typeof presentUser>;
export type ApiToken = ReturnType<typeof presentApiToken>;
export type AuditEvent = ReturnType<typeof presentAuditEvent>;
export type Channel = ReturnType<typeof presentChannel>;
export type CannedResponse = ReturnType<typeof presentCannedResponse>;
export type Media = ReturnType<typeof presentMedia>;
export type InboxDeadLetter = ReturnType<typeof presentInboxDeadLetter>;
export type WebhookEndpoint = WebhookEndpointView;
export type WebhookEndpointWithSecret = ReturnType<typeof presentNewSecret>;
export type WebhookDelivery = WebhookDeliveryView;
export type { WebhookEventType };
export type DipItem = ReturnType<typeof presentDipItem>;
export type PpidProfile = ReturnType<typeof presentPpidProfile>;

// PPID (see server/presenters/ppidRequest.ts and ppidObjection.ts).
export type PpidRequest = ReturnType<typeof presentPpidRequest>;
export type PpidRequestRow = ReturnType<typeof presentPpidRequestRow>;
export type PpidObjection = ReturnType<typeof presentPpidObjection>;
export type { PpidDeadlineLists, PpidFigures };
/** A request just registered by staff, with the access code shown this once. */
export type RegisteredPpidRequest = { request: PpidRequest; accessCode: string; trackingPath: string };

export type Page<T> = { data: T[]; nextCursor: string | null };

// Publishing (see server/channels/rules.ts for what each channel accepts).
export const CHANNEL_KINDS = Object.values(ChannelKind);
export const POST_STATUSES = Object.values(PostStatus);

export type ChannelUsage = ReturnType<typeof presentChannelUsage>;
/** What X charges per billed item, in US dollars per unit (admins keep it current). */
export type PlatformPrice = ReturnType<typeof presentPlatformPrice>;
/** Which unit owns an inbox item of a category (null: any) from a place (null: anywhere); highest priority wins. */
export type RoutingRule = ReturnType<typeof presentRoutingRule>;

export type Post = ReturnType<typeof presentPost>;
export type Notification = ReturnType<typeof presentNotification>;
export type NotificationSettings = ReturnType<typeof presentNotificationSettings>;
export type { NotificationKind };
export type Delivery = Post["deliveries"][number];

/** What a correction or a withdrawal did on one channel (PATCH /posts/:id/published, POST /posts/:id/withdraw). */
export type { ChannelOutcome };

// Inbox (see server/presenters/inboxItem.ts and server/routes/api/inbox/schema.ts for the codes).
/** The statuses staff set by hand; replying moves an item to "answered" by itself. */
export type ManualInboxStatus = StatusBody["status"];

export const INBOX_SOURCES = Object.values(InboxSource);
export const INBOX_STATUSES = Object.values(InboxStatus);
export const INBOX_KINDS = KINDS;
export const INBOX_CATEGORIES = CATEGORIES;
export { URGENCIES };

export type TriageReason = Reason;
export type { Danger, ReasonCode };
export { DANGERS };
/** An inbox item and a timeline event as staff get them; how triage decided each field. */
export type InboxItem = ReturnType<typeof presentInboxItem>;
export type InboxEvent = ReturnType<typeof presentInboxEvent>;
export type { InboxEventType, InboxTriage, TriageDecision };

export type { WhatsAppReplyOptions };

export type InboxItemDetail = {
  item: InboxItem;
  conversation: InboxItem[];
  earlierFromAuthor: InboxItem[];
  post: { id: string; title: string; slug: string; body: string } | null;
  timeline: InboxEvent[];
  /** WhatsApp items, for those who may answer: the 24-hour window and the listed templates. */
  whatsapp: WhatsAppReplyOptions | null;
  /** The information request made from this item; `readable`: the caller may open it. */
  ppidRequest: { id: string; registrationNumber: string; status: string; readable: boolean } | null;
};

export type BulkResult = { results: { id: string; ok: boolean; error?: { code: string; message: string } }[] };

/** Who else has an item open ("inbox.presence"), and whether they are writing. */
export type InboxViewer = { id: string; name: string; typing: boolean };

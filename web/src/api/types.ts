// The shapes the API returns (see server/presenters). Dates are ISO strings.

export type Locale = "id" | "en";
export type Role = "admin" | "humas" | "officer" | "leader";
export type UnitType = "kabupaten" | "opd" | "kecamatan" | "desa" | "kelurahan";
export type Timezone = "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";

export const ROLES: readonly Role[] = ["admin", "humas", "officer", "leader"];
export const UNIT_TYPES: readonly UnitType[] = ["kabupaten", "opd", "kecamatan", "desa", "kelurahan"];
export const TIMEZONES: readonly Timezone[] = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"];

export type UnitRef = { id: string; name: string; type: UnitType };

export type Abilities = {
  compose: boolean;
  approvePosts: boolean;
  calendar: boolean;
  inbox: boolean;
  dashboard: boolean;
  manageUnits: boolean;
  manageUsers: boolean;
  readAuditLog: boolean;
  seesAllUnits: boolean;
  controlSandbox: boolean;
};

export type Session = {
  /** Facts about this installation: in demo mode the channels are simulated locally. */
  instance: { simulatedChannels: boolean };
  user: { id: string; email: string; name: string; role: Role; locale: Locale; mustChangePassword: boolean; units: UnitRef[] };
  abilities: Abilities;
  csrfToken: string | null;
};

export type Unit = {
  id: string;
  name: string;
  type: UnitType;
  code: string | null;
  parentId: string | null;
  depth: number;
  timezone: Timezone;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  active: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  units: UnitRef[];
};

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

export type AuditEvent = {
  id: string;
  at: string;
  actor: { id: string | null; label: string };
  action: string;
  targetType: string;
  targetId: string | null;
  unit: { id: string; name: string | null } | null;
  changes: unknown;
  ip: string | null;
  requestId: string | null;
};

export type Page<T> = { data: T[]; nextCursor: string | null };

// Publishing (see server/channels/rules.ts for what each channel accepts).
export type ChannelKind = "website" | "facebook" | "instagram" | "x" | "wordpress";
export type ChannelStatus = "connected" | "needs_reconnect" | "disabled";
export type PostStatus = "draft" | "in_review" | "approved" | "scheduled" | "publishing" | "published" | "partially_published" | "failed" | "cancelled" | "withdrawn";
export type DeliveryStatus = "pending" | "in_flight" | "published" | "failed" | "cancelled" | "removed";

export const CHANNEL_KINDS: readonly ChannelKind[] = ["website", "facebook", "instagram", "x", "wordpress"];
export const POST_STATUSES: readonly PostStatus[] = ["draft", "in_review", "approved", "scheduled", "publishing", "published", "partially_published", "failed", "cancelled", "withdrawn"];

export type Channel = {
  id: string;
  unit: { id: string; name: string };
  kind: ChannelKind;
  name: string;
  externalId: string;
  status: ChannelStatus;
  statusReason: string | null;
  simulated: boolean;
  createdAt: string;
};

export type Media = {
  id: string;
  kind: "image" | "video";
  mimeType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  url: string;
  originalName?: string;
};

export type Delivery = {
  id: string;
  channel: { id: string; kind: ChannelKind; name: string };
  textOverride: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  remoteId: string | null;
  remoteUrl: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  publishedAt: string | null;
};

export type PostPermissions = {
  edit: boolean;
  submit: boolean;
  approve: boolean;
  reschedule: boolean;
  cancel: boolean;
  /** Correct the text of a published post on the channels that allow edits. */
  editPublished: boolean;
  /** Take a published post down from every channel that allows it. */
  withdraw: boolean;
};

export type Post = {
  id: string;
  unit: { id: string; name: string; timezone: Timezone };
  author: { id: string; name: string };
  title: string;
  body: string;
  link: string | null;
  hashtags: string[];
  slug: string;
  status: PostStatus;
  scheduledAt: string | null;
  publishedAt: string | null;
  reviewNote: string | null;
  reviewedBy: { id: string; name: string } | null;
  reviewedAt: string | null;
  media: Media[];
  deliveries: Delivery[];
  websiteUrl: string | null;
  permissions: PostPermissions;
  createdAt: string;
  updatedAt: string;
};

/** What a correction or a withdrawal did on one channel (PATCH /posts/:id/published, POST /posts/:id/withdraw). */
export type ChannelOutcome = {
  deliveryId: string;
  channel: string;
  kind: ChannelKind;
  outcome: "done" | "unsupported" | "failed";
  /** Why it was not done, from the platform, or null. */
  reason: string | null;
};

export type PublishedChangeResult = { post: Post; channels: ChannelOutcome[] };

/** The fields a published post's correction may change; absent ones stay as they are. */
export type PublishedCorrection = { title?: string; body?: string; link?: string | null; hashtags?: string[] };

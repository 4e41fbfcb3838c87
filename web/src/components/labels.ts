import type { ChannelKind, ChannelStatus, DeliveryStatus, PostStatus, Role, Timezone, UnitType } from "@web/api/types";
import type { MessageKey } from "@web/i18n";

// Message keys for the server's codes, so every page names roles, unit types and zones alike.
export const ROLE_LABELS: Record<Role, MessageKey> = {
  admin: "role.admin",
  humas: "role.humas",
  officer: "role.officer",
  leader: "role.leader",
  ppid: "role.ppid",
  desa_operator: "role.desa_operator",
};

export const UNIT_TYPE_LABELS: Record<UnitType, MessageKey> = {
  kabupaten: "unitType.kabupaten",
  opd: "unitType.opd",
  kecamatan: "unitType.kecamatan",
  desa: "unitType.desa",
  kelurahan: "unitType.kelurahan",
};

export const TIMEZONE_LABELS: Record<Timezone, MessageKey> = {
  "Asia/Jakarta": "timezone.wib",
  "Asia/Makassar": "timezone.wita",
  "Asia/Jayapura": "timezone.wit",
};

export const POST_STATUS_LABELS: Record<PostStatus, MessageKey> = {
  draft: "postStatus.draft",
  in_review: "postStatus.in_review",
  approved: "postStatus.approved",
  scheduled: "postStatus.scheduled",
  publishing: "postStatus.publishing",
  published: "postStatus.published",
  partially_published: "postStatus.partially_published",
  failed: "postStatus.failed",
  cancelled: "postStatus.cancelled",
  withdrawn: "postStatus.withdrawn",
};

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, MessageKey> = {
  pending: "deliveryStatus.pending",
  in_flight: "deliveryStatus.in_flight",
  published: "deliveryStatus.published",
  failed: "deliveryStatus.failed",
  cancelled: "deliveryStatus.cancelled",
  removed: "deliveryStatus.removed",
};

export const CHANNEL_STATUS_LABELS: Record<ChannelStatus, MessageKey> = {
  connected: "channelStatus.connected",
  needs_reconnect: "channelStatus.needs_reconnect",
  disabled: "channelStatus.disabled",
};

/** Platform names are the same in every language. */
export const CHANNEL_KIND_NAMES: Record<ChannelKind, string> = {
  website: "Website",
  facebook: "Facebook",
  instagram: "Instagram",
  x: "X",
  wordpress: "WordPress",
  email: "E-mail",
  whatsapp: "WhatsApp",
};

import type {
  Danger,
  InboxCategory,
  InboxEventType,
  InboxKind,
  InboxSource,
  InboxStatus,
  ReasonCode,
  TriageDecision,
  Urgency,
} from "@web/api/types";
import type { MessageKey } from "@web/i18n";

// Message keys for the inbox's codes, so the list, the item page and the filters name them alike.
export const INBOX_STATUS_LABELS: Record<InboxStatus, MessageKey> = {
  new: "inboxStatus.new",
  triaged: "inboxStatus.triaged",
  assigned: "inboxStatus.assigned",
  in_progress: "inboxStatus.in_progress",
  answered: "inboxStatus.answered",
  resolved: "inboxStatus.resolved",
  reopened: "inboxStatus.reopened",
  closed_spam: "inboxStatus.closed_spam",
};

export const SOURCE_LABELS: Record<InboxSource, MessageKey> = {
  facebook_comment: "inboxSource.facebook_comment",
  instagram_comment: "inboxSource.instagram_comment",
  facebook_message: "inboxSource.facebook_message",
  x_mention: "inboxSource.x_mention",
  web_report: "inboxSource.web_report",
  email: "inboxSource.email",
  whatsapp_message: "inboxSource.whatsapp_message",
};

/** A short mark per source, next to its label; the same in every language. */
export const SOURCE_MARKS: Record<InboxSource, string> = {
  facebook_comment: "FB",
  instagram_comment: "IG",
  facebook_message: "FB",
  x_mention: "X",
  web_report: "WEB",
  email: "MAIL",
  whatsapp_message: "WA",
};

export const KIND_LABELS: Record<InboxKind, MessageKey> = {
  pengaduan: "inboxKind.pengaduan",
  aspirasi: "inboxKind.aspirasi",
  pertanyaan: "inboxKind.pertanyaan",
  permohonan_informasi: "inboxKind.permohonan_informasi",
  apresiasi: "inboxKind.apresiasi",
  lainnya: "inboxKind.lainnya",
};

export const CATEGORY_LABELS: Record<InboxCategory, MessageKey> = {
  infrastruktur: "inboxCategory.infrastruktur",
  lingkungan: "inboxCategory.lingkungan",
  kesehatan: "inboxCategory.kesehatan",
  pendidikan: "inboxCategory.pendidikan",
  kependudukan: "inboxCategory.kependudukan",
  sosial: "inboxCategory.sosial",
  ketertiban: "inboxCategory.ketertiban",
  pelayanan_publik: "inboxCategory.pelayanan_publik",
  utilitas: "inboxCategory.utilitas",
  ekonomi: "inboxCategory.ekonomi",
  lainnya: "inboxCategory.lainnya",
};

export const URGENCY_LABELS: Record<Urgency, MessageKey> = {
  darurat: "urgency.darurat",
  tinggi: "urgency.tinggi",
  normal: "urgency.normal",
  rendah: "urgency.rendah",
};

export const TRIAGE_SOURCE_LABELS: Record<TriageDecision["source"], MessageKey> = {
  model: "triageSource.model",
  rules: "triageSource.rules",
  classifier: "triageSource.classifier",
  staff: "triageSource.staff",
};

/** What each kind of reason says, with {words}, {danger} and {percent} filled in. */
export const REASON_LABELS: Record<ReasonCode, MessageKey> = {
  model: "triageReason.model",
  model_emergency: "triageReason.model_emergency",
  emergency: "triageReason.emergency",
  emergency_negated: "triageReason.emergency_negated",
  emergency_resolved: "triageReason.emergency_resolved",
  emergency_past: "triageReason.emergency_past",
  emergency_possible: "triageReason.emergency_possible",
  emergency_overruled: "triageReason.emergency_overruled",
  spam: "triageReason.spam",
  corrections: "triageReason.corrections",
};

export const DANGER_LABELS: Record<Danger, MessageKey> = {
  flood: "danger.flood",
  fire: "danger.fire",
  landslide: "danger.landslide",
  collapse: "danger.collapse",
  weapon: "danger.weapon",
  live_cable: "danger.live_cable",
  gas: "danger.gas",
  missing_person: "danger.missing_person",
  medical: "danger.medical",
  animal: "danger.animal",
  drowning: "danger.drowning",
  fallen_tree: "danger.fallen_tree",
  accident: "danger.accident",
  rescue: "danger.rescue",
};

export const EVENT_LABELS: Record<InboxEventType, MessageKey> = {
  received: "inboxEvent.received",
  triaged: "inboxEvent.triaged",
  note: "inboxEvent.note",
  reply: "inboxEvent.reply",
  auto_reply: "inboxEvent.auto_reply",
  email: "inboxEvent.email",
  assigned: "inboxEvent.assigned",
  status: "inboxEvent.status",
  triage_corrected: "inboxEvent.triage_corrected",
  merged: "inboxEvent.merged",
  merged_in: "inboxEvent.merged_in",
  ppid_request: "inboxEvent.ppid_request",
  emergency_alerted: "inboxEvent.emergency_alerted",
  citizen_reply: "inboxEvent.citizen_reply",
  deadline_moved: "inboxEvent.deadline_moved",
  lapor_handoff: "inboxEvent.lapor_handoff",
  lapor_status: "inboxEvent.lapor_status",
};

/** Where a reply goes, per source, for the composer's hint. */
export const REPLY_DESTINATION: Record<InboxSource, MessageKey> = {
  facebook_comment: "composer.destination.facebook_comment",
  instagram_comment: "composer.destination.instagram_comment",
  facebook_message: "composer.destination.facebook_message",
  x_mention: "composer.destination.x_mention",
  web_report: "composer.destination.web_report",
  email: "composer.destination.email",
  whatsapp_message: "composer.destination.whatsapp_message",
};

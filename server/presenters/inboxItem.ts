import type { Actor } from "@server/auth/actor.js";
import type { IncomingMessage } from "@server/channels/adapter.js";
import type { WhatsAppMessageStatus } from "@server/db/generated/client.js";
import type { CitizenFile } from "@server/media/citizenFiles.js";
import type { InboxItemWithRelations } from "@server/inbox/itemRecord.js";
import { CLOSED_STATUSES, OPEN_STATUSES, owedDeadline } from "@server/inbox/lifecycle.js";
import type { WebReportInput } from "@server/inbox/webReports.js";
import { can } from "@server/policies/index.js";
import type { TriageSource } from "@server/triage/triage.js";
import type { Category, Kind, Reason, Urgency } from "@server/triage/taxonomy.js";
import { isConfirmedYear } from "@server/deadlines/calendarStatus.js";
import { assignmentEnds, type TimelineNames } from "@server/inbox/timelineNames.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;

type StoredAttachment = IncomingMessage["attachments"][number] & { file?: CitizenFile };
const attachmentsOf = (item: { attachments: unknown }) => (item.attachments ?? []) as StoredAttachment[];

// The shapes of the item's JSON columns, as arrival (inbox/arrival.ts), staff corrections
// (commands/inbox.ts) and web reports (inbox/webReports.ts) write them.

/**
 * How one field was decided: by the learned model, the rules (emergencies, spam), the classifier
 * trained on corrections (with score and reasons), or a staff correction (with who and when).
 */
export type TriageDecision = {
  code: string | null;
  source: TriageSource | "staff";
  score?: number;
  reasons?: Reason[];
  by?: string;
  at?: string;
};
export type InboxTriage = {
  kind?: TriageDecision;
  category?: TriageDecision;
  urgency?: TriageDecision;
  /** The place the rules recognised ({unitId, name, reason}), or a staff correction ({code, source}). */
  place?: ({ unitId?: string; name?: string; reason?: Reason } & Partial<TriageDecision>) | null;
  spam?: boolean;
};
/** A web report's contact (the demo's made-up reports also carry a name). */
export type InboxContact = WebReportInput["contact"] & { name?: string };

export type InboxEventType =
  | "received"
  | "triaged"
  | "note"
  | "reply"
  | "auto_reply"
  | "email"
  | "assigned"
  | "status"
  | "triage_corrected"
  | "merged"
  | "merged_in"
  | "emergency_alerted"
  | "ppid_request"
  | "citizen_reply"
  /** Recorded as forwarded to or received from SP4N-LAPOR! (data: direction, tracking number, status...). */
  | "lapor_handoff"
  /** LAPOR!'s status, class or tracking number changed (data: each field's from/to). */
  | "lapor_status"
  /** The working calendar changed and moved this item's deadlines (data: the clocks' from/to, the decree). */
  | "deadline_moved";

/** Deadlines fall at office closing time, far from midnight: WIB's year is the local year everywhere. */
const yearOfDeadline = (due: Date) => new Date(due.getTime() + 7 * 3_600_000).getUTCFullYear();

/** "+62 812-••••-0012": the country code and the last four digits, enough to tell citizens apart. */
export function maskedPhone(digits: string): string {
  return digits.length < 8 ? "••••" : `+${digits.slice(0, 2)} ${digits.slice(2, 5)}-••••-${digits.slice(-4)}`;
}

/** Late when a due time passed before the office responded (or resolved). */
function overdue(item: InboxItemWithRelations, now: number) {
  const open = !CLOSED_STATUSES.includes(item.status);
  return {
    firstResponse:
      !item.firstRespondedAt && open && !!item.firstResponseDueAt && item.firstResponseDueAt.getTime() < now,
    resolution: !item.resolvedAt && open && !!item.resolutionDueAt && item.resolutionDueAt.getTime() < now,
  };
}

function presentOwed(item: InboxItemWithRelations) {
  const owed = owedDeadline(item);
  return owed && { target: owed.target, at: owed.at.toISOString() };
}

/**
 * An inbox item for staff. The citizen's text is returned as written: every client must escape
 * it. Contact details of web reports go only to those who may handle the item.
 */
export function presentInboxItem(
  item: InboxItemWithRelations,
  actor: Actor,
  placeNames: Map<string, string>,
  { fullPhone = false }: { fullPhone?: boolean } = {},
) {
  const mayHandle = can(actor, "handle", "InboxItem", { unitPath: item.unit?.path ?? null });
  // A WhatsApp user's id is their number: masked everywhere but in the item itself, for those handling it.
  const phone =
    item.source === "whatsapp_message" && item.authorPlatformId
      ? fullPhone && mayHandle
        ? `+${item.authorPlatformId}`
        : maskedPhone(item.authorPlatformId)
      : null;
  return {
    id: item.id,
    conversationId: item.conversationId,
    source: item.source,
    channel: item.channel,
    author: { name: item.authorName, handle: item.authorHandle, phone },
    contact: mayHandle ? (item.contact as InboxContact | null) : null,
    text: item.text,
    // WhatsApp media are shown once in Siar's storage (files, photo), never by the platform's media id.
    attachments: attachmentsOf(item).filter((attachment) => !attachment.url.startsWith("whatsapp-media:")),
    /** WhatsApp voice notes, videos and documents kept in Siar's storage, served to staff only. */
    files: attachmentsOf(item).flatMap((attachment, index) =>
      attachment.file
        ? [{ type: attachment.type, mimeType: attachment.file.mimeType, url: `/api/inbox/${item.id}/files/${index}` }]
        : [],
    ),
    /** Web reports and WhatsApp: the citizen's photo, served to staff only. */
    photo: item.photoId ? { url: `/api/inbox/${item.id}/photo` } : null,
    location: item.location as WebReportInput["location"],
    sentAt: item.sentAt.toISOString(),
    receivedAt: item.receivedAt.toISOString(),
    status: item.status,
    // Text columns holding triage's codes (server/triage/taxonomy.ts).
    kind: item.kind as Kind | null,
    category: item.category as Category | null,
    urgency: item.urgency as Urgency | null,
    /** An open emergency: lists show it above everything else until it is handled. */
    pinned: item.urgency === "darurat" && OPEN_STATUSES.includes(item.status),
    place: item.placeUnitId ? { id: item.placeUnitId, name: placeNames.get(item.placeUnitId) ?? null } : null,
    triage: item.triage as InboxTriage | null,
    unit: item.unit ? { id: item.unit.id, name: item.unit.name } : null,
    /** A unit kept informed of an item another unit handles (a disaster's kecamatan). */
    informedUnit: item.informedUnit ? { id: item.informedUnit.id, name: item.informedUnit.name } : null,
    assignee: item.assignee,
    postId: item.postId,
    trackingNumber: item.trackingNumber,
    mergedIntoId: item.mergedIntoId,
    deadlines: {
      policy: item.slaPolicy,
      firstResponseDueAt: iso(item.firstResponseDueAt),
      resolutionDueAt: iso(item.resolutionDueAt),
      firstRespondedAt: iso(item.firstRespondedAt),
      resolvedAt: iso(item.resolvedAt),
      overdue: overdue(item, Date.now()),
      /** A pending deadline falls in a year whose holidays no decree has confirmed yet. */
      estimated: [
        item.firstRespondedAt ? null : item.firstResponseDueAt,
        item.resolvedAt ? null : item.resolutionDueAt,
      ].some((due) => due !== null && !isConfirmedYear(yearOfDeadline(due))),
      /** The deadline still owed (the inbox lists it and sorts by it); null when nothing is. */
      owed: presentOwed(item),
    },
    permissions: { handle: mayHandle },
  };
}

export function presentInboxEvent(
  event: {
    id: bigint;
    type: string;
    body: string | null;
    visibility: string;
    data: unknown;
    remoteId: string | null;
    createdAt: Date;
    actorId: string | null;
  },
  names: TimelineNames,
  deliveries: Map<string, WhatsAppMessageStatus> = new Map(),
) {
  const named = (key: "assignee" | "unit", map: Map<string, string>) => {
    const { from, to } = assignmentEnds(event, key);
    return from === to ? null : { from: from && (map.get(from) ?? null), to: to && (map.get(to) ?? null) };
  };
  const delivery = event.remoteId ? deliveries.get(event.remoteId) : undefined;
  return {
    id: event.id.toString(),
    type: event.type as InboxEventType,
    body: event.body,
    visibility: event.visibility as "internal" | "public",
    data: event.data as { [field: string]: unknown } | null,
    remoteId: event.remoteId,
    at: event.createdAt.toISOString(),
    actor: event.actorId ? { id: event.actorId, name: names.people.get(event.actorId) ?? null } : null,
    /** An assignment's names: to whom (from whom) and to which unit (from which), each only when it changed. */
    assignment:
      event.type === "assigned"
        ? { assignee: named("assignee", names.people), unit: named("unit", names.units) }
        : null,
    /** WhatsApp replies: how far the message got (sent, delivered, read) or why it failed. */
    delivery: delivery
      ? {
          status: delivery.status as "sent" | "delivered" | "read" | "failed",
          at: delivery.at.toISOString(),
          error: delivery.errorCode === null ? null : { code: delivery.errorCode, title: delivery.errorTitle },
        }
      : null,
  };
}

import type { Actor } from "../auth/actor.js";
import type { InboxItemWithRelations } from "../inbox/itemRecord.js";
import { CLOSED_STATUSES } from "../inbox/lifecycle.js";
import { can } from "../policies/index.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Late when a due time passed before the office responded (or resolved). */
function overdue(item: InboxItemWithRelations, now: number) {
  const open = !CLOSED_STATUSES.includes(item.status);
  return {
    firstResponse:
      !item.firstRespondedAt && open && !!item.firstResponseDueAt && item.firstResponseDueAt.getTime() < now,
    resolution: !item.resolvedAt && open && !!item.resolutionDueAt && item.resolutionDueAt.getTime() < now,
  };
}

/**
 * An inbox item for staff. The citizen's text is returned as written: every client must escape
 * it. Contact details of web reports go only to those who may handle the item.
 */
export function presentInboxItem(item: InboxItemWithRelations, actor: Actor, placeNames: Map<string, string>) {
  const mayHandle = can(actor, "handle", "InboxItem", { unitPath: item.unit?.path ?? null });
  return {
    id: item.id,
    conversationId: item.conversationId,
    source: item.source,
    channel: item.channel,
    author: { name: item.authorName, handle: item.authorHandle },
    contact: mayHandle ? item.contact : null,
    text: item.text,
    attachments: item.attachments,
    /** Web reports: the citizen's photo, served to staff only. */
    photo: item.photoId ? { url: `/api/inbox/${item.id}/photo` } : null,
    location: item.location,
    sentAt: item.sentAt.toISOString(),
    receivedAt: item.receivedAt.toISOString(),
    status: item.status,
    kind: item.kind,
    category: item.category,
    urgency: item.urgency,
    place: item.placeUnitId ? { id: item.placeUnitId, name: placeNames.get(item.placeUnitId) ?? null } : null,
    triage: item.triage,
    unit: item.unit ? { id: item.unit.id, name: item.unit.name } : null,
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
  actorNames: Map<string, string>,
) {
  return {
    id: event.id.toString(),
    type: event.type,
    body: event.body,
    visibility: event.visibility,
    data: event.data,
    remoteId: event.remoteId,
    at: event.createdAt.toISOString(),
    actor: event.actorId ? { id: event.actorId, name: actorNames.get(event.actorId) ?? null } : null,
  };
}

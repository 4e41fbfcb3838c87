import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import { actorInclude, toActor } from "@server/auth/actor.js";
import { ChannelError } from "@server/channels/adapter.js";
import type { Prisma } from "@server/db/client.js";
import type { InboxStatus } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { inboxItemInclude, type InboxItemWithRelations } from "@server/inbox/itemRecord.js";
import { canMove } from "@server/inbox/lifecycle.js";
import { alertsConfigured, openAlert } from "@server/inbox/emergencyAlerts.js";
import { emailReply } from "@server/inbox/replyEmail.js";
import { sendReply, type TemplateReply } from "@server/inbox/replies.js";
import { windowClosesAt } from "@server/inbox/whatsappWindow.js";
import { renderTemplate, templateValues } from "@server/channels/whatsappTemplateText.js";
import { authorize, can, mayBeAssigned } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { markChannelNeedsReconnect } from "@server/channels/connectionStatus.js";
import { queueItemChanges } from "@server/webhooks/itemChanges.js";

type Tx = Prisma.TransactionClient;

async function loadItem(tx: Tx, id: string): Promise<InboxItemWithRelations> {
  const item = await tx.inboxItem.findUnique({ where: { id }, include: inboxItemInclude });
  if (!item) throw new AppError("not_found");
  return item;
}

type Change = {
  origin: ActingOrigin;
  item: { id: string; unitId: string | null };
  /** The timeline event's type ("assigned", "reply"...); the audit action is "inbox.<type>". */
  type: string;
  /** What changed, for the timeline and the audit log. */
  data: Record<string, unknown>;
  /** The text of a note or a reply. */
  body?: string;
  /** "public" for what the citizen sees; notes and changes stay "internal". */
  visibility?: "internal" | "public";
  /** The platform's id of a reply. */
  remoteId?: string;
};

/** Every change to an item: a timeline event for staff and an audit record, in the same transaction. */
export async function recordChange(
  tx: Tx,
  { origin, item, type, data, body, visibility = "internal", remoteId }: Change,
) {
  await tx.inboxEvent.create({
    data: {
      itemId: item.id,
      actorId: origin.actor.id,
      type,
      body,
      visibility,
      data: data as Prisma.InputJsonValue,
      remoteId,
    },
  });
  await recordAudit(tx, origin, {
    action: `inbox.${type}`,
    targetType: "InboxItem",
    targetId: item.id,
    unitId: item.unitId,
    changes: data,
  });
}

export async function itemOperation(
  services: Services,
  id: string,
  work: (tx: Tx, item: InboxItemWithRelations) => Promise<void>,
): Promise<InboxItemWithRelations> {
  const queued = await services.prisma.$transaction(async (tx) => {
    const before = await loadItem(tx, id);
    await work(tx, before);
    // Outgoing webhooks for what the change did, queued with the change itself.
    return queueItemChanges(tx, before, services.config.publicBaseUrl);
  });
  services.events.emit("inbox.itemChanged", { itemId: id });
  if (queued > 0) services.events.emit("webhooks.queued", {});
  return services.prisma.inboxItem.findUniqueOrThrow({ where: { id }, include: inboxItemInclude });
}

/** What every item command is told: who acts, and on which item. */
export type ItemCommand = {
  /** The person acting, with the request's address and id for the audit log. */
  origin: ActingOrigin;
  /** The item acted on. */
  itemId: string;
};

/** Assigns to a person, to a unit (rerouting), or both; the assignee must be able to see the item. */
export async function assignItem(
  services: Services,
  { origin, itemId: id, ...input }: ItemCommand & { assigneeId?: string | null; unitId?: string },
) {
  let newAssigneeId: string | null = null;
  const assigned = await itemOperation(services, id, async (tx, item) => {
    const unit = input.unitId ? await tx.unit.findUnique({ where: { id: input.unitId } }) : item.unit;
    if (input.unitId) {
      if (!unit) throw new AppError("not_found", { field: "unitId" });
      // Handing an item to a unit is handling it there: officers only within their scope, humas and admins anywhere.
      authorize(origin.actor, "handle", "InboxItem", { unitPath: unit.path });
      if (!unit.active) throw new AppError("unit_inactive", { field: "unitId" });
    }
    let assigneeId = input.assigneeId === undefined ? item.assigneeId : input.assigneeId;
    if (assigneeId) {
      const assignee = await tx.user.findUnique({ where: { id: assigneeId }, include: actorInclude });
      if (!assignee?.active || !mayBeAssigned(toActor(assignee, "session"), { unitPath: unit?.path ?? null }))
        throw new AppError("assignee_cannot_handle", { field: "assigneeId" });
    } else if (input.unitId && item.assigneeId) {
      // Moving to another unit without naming someone there leaves it unassigned.
      assigneeId = null;
    }
    const status: InboxStatus =
      assigneeId && ["new", "triaged", "reopened"].includes(item.status) ? "assigned" : item.status;
    await tx.inboxItem.update({ where: { id }, data: { unitId: unit?.id ?? null, assigneeId, status } });
    await recordChange(tx, {
      origin,
      item: { id, unitId: unit?.id ?? null },
      type: "assigned",
      data: {
        unit: { from: item.unitId, to: unit?.id ?? null },
        assignee: { from: item.assigneeId, to: assigneeId },
        status: { from: item.status, to: status },
      },
    });
    if (assigneeId && assigneeId !== item.assigneeId) newAssigneeId = assigneeId;
  });
  // Told after the commit: a person handed an item by someone else.
  if (newAssigneeId && newAssigneeId !== origin.actor.id)
    services.events.emit("inbox.assigned", { itemId: id, assigneeId: newAssigneeId, actorId: origin.actor.id });
  return assigned;
}

export async function changeItemStatus(
  services: Services,
  { origin, itemId: id, status }: ItemCommand & { status: InboxStatus },
) {
  return itemOperation(services, id, async (tx, item) => {
    if (!canMove(item.status, status)) throw new AppError("invalid_item_transition", { from: item.status, to: status });
    await tx.inboxItem.update({
      where: { id },
      data: { status, resolvedAt: status === "resolved" ? new Date() : status === "reopened" ? null : undefined },
    });
    await recordChange(tx, { origin, item, type: "status", data: { status: { from: item.status, to: status } } });
  });
}

/** An internal note on the item's timeline. */
export async function addNote(services: Services, { origin, itemId: id, text }: ItemCommand & { text: string }) {
  return itemOperation(services, id, async (tx, item) =>
    recordChange(tx, { origin, item, type: "note", data: {}, body: text }),
  );
}

/**
 * Answers the citizen where they wrote: a reply on the platform, or, for web reports, a public
 * reply on the tracking page and, when they left an e-mail address, by e-mail (sent after the
 * reply is stored; whether it went out is recorded on the timeline). The first answer stops the
 * first-response clock.
 */
export async function replyToItem(
  services: Services,
  { origin, itemId: id, text, templateId }: ItemCommand & { text: string; templateId?: string },
) {
  const item = await loadItem(services.prisma, id);
  if (item.status === "closed_spam")
    throw new AppError("invalid_item_transition", { from: item.status, to: "answered" });
  let remote: { remoteId: string; remoteUrl: string | null } | null = null;
  const templateReply = await whatsappTemplateReply(services, item, text, templateId);
  // What the citizen receives: the template as filled in, or the text as written.
  const sentText = templateReply ? renderTemplate(templateReply.template.body, templateReply.values) : text;
  if (item.source !== "web_report") {
    const channel = item.channelId ? await services.prisma.channel.findUnique({ where: { id: item.channelId } }) : null;
    if (channel?.status !== "connected") throw new AppError("channel_not_available", { field: "channel" });
    try {
      remote = await sendReply(services, channel, item, sentText, templateReply);
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      if (error.failure === "reconnect") await markChannelNeedsReconnect(services, channel.id, error.message);
      // After a timeout or a 5xx the reply may be out: saying it was not sent would invite a second one.
      const code =
        error.failure !== "transient"
          ? "reply_rejected"
          : error.outcomeUnknown
            ? "reply_outcome_unknown"
            : "platform_unavailable";
      throw new AppError(code, { reason: error.message, code: error.code });
    }
  }
  const replied = await itemOperation(services, id, async (tx, current) => {
    const now = new Date();
    const status: InboxStatus = ["resolved", "answered"].includes(current.status) ? current.status : "answered";
    await tx.inboxItem.update({ where: { id }, data: { status, firstRespondedAt: current.firstRespondedAt ?? now } });
    await recordChange(tx, {
      origin,
      item: current,
      type: "reply",
      data: {
        status: { from: current.status, to: status },
        remoteUrl: remote?.remoteUrl ?? null,
        ...(templateReply ? { template: templateReply.template.name } : {}),
      },
      body: sentText,
      visibility: "public",
      remoteId: remote?.remoteId,
    });
  });
  const email = (item.contact as { email?: string } | null)?.email;
  if (item.source !== "web_report" || !email || !item.trackingNumber) return replied;
  const outcome = await emailReply(
    services,
    { itemId: item.id, email, name: item.authorName, trackingNumber: item.trackingNumber },
    text,
  );
  return itemOperation(services, id, (tx, current) =>
    recordChange(tx, { origin, item: current, type: "email", data: outcome }),
  );
}

/**
 * A WhatsApp reply's template, checked: free text outside the customer service window is
 * refused before anything is sent (Meta would fail it with 131047), a template must be one
 * listed for the item's number. Other sources take no template.
 */
async function whatsappTemplateReply(
  services: Services,
  item: InboxItemWithRelations,
  text: string,
  templateId: string | undefined,
): Promise<TemplateReply | undefined> {
  if (item.source !== "whatsapp_message") {
    if (templateId) throw new AppError("whatsapp_only", { field: "templateId" });
    return undefined;
  }
  if (!templateId) {
    const closesAt = await windowClosesAt(services.prisma, item.conversationId);
    if (!closesAt || closesAt <= new Date()) throw new AppError("whatsapp_window_closed", { field: "templateId" });
    return undefined;
  }
  const template = await services.prisma.whatsAppTemplate.findFirst({
    where: { id: templateId, channelId: item.channelId ?? undefined },
  });
  if (!template || !item.channelId) throw new AppError("whatsapp_template_not_approved", { field: "templateId" });
  return { template, values: templateValues(template, item, text) };
}

/** Files a duplicate under the item it repeats; the duplicate is resolved with a pointer to it. */
export async function mergeItem(services: Services, { origin, itemId: id, intoId }: ItemCommand & { intoId: string }) {
  if (id === intoId) throw new AppError("invalid_item_transition", { field: "intoId" });
  const target = await loadItem(services.prisma, intoId);
  // The item merged into gets a timeline event: it must be one the actor may handle (an unrouted one only for humas and admins).
  if (!can(origin.actor, "handle", "InboxItem", { unitPath: target.unit?.path ?? null }))
    throw new AppError("forbidden", { field: "intoId" });
  if (target.mergedIntoId) throw new AppError("invalid_item_transition", { field: "intoId" });
  return itemOperation(services, id, async (tx, item) => {
    await tx.inboxItem.update({
      where: { id },
      data: { mergedIntoId: intoId, status: "resolved", resolvedAt: new Date() },
    });
    await recordChange(tx, {
      origin,
      item,
      type: "merged",
      data: { into: intoId, status: { from: item.status, to: "resolved" } },
    });
    await tx.inboxEvent.create({
      data: { itemId: intoId, actorId: origin.actor.id, type: "merged_in", data: { from: id } },
    });
  });
}

export type TriageCorrection = { kind?: string; category?: string; urgency?: string; placeUnitId?: string | null };

/** Staff correct the automatic triage; corrections are kept, shown, and learned from. */
export async function correctTriage(
  services: Services,
  { origin, itemId: id, correction }: ItemCommand & { correction: TriageCorrection },
) {
  let becameEmergency = false;
  const result = await itemOperation(services, id, async (tx, item) => {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const triage = { ...((item.triage as Record<string, unknown> | null) ?? {}) };
    for (const field of ["kind", "category", "urgency", "placeUnitId"] as const) {
      if (correction[field] === undefined || correction[field] === item[field]) continue;
      changes[field] = { from: item[field], to: correction[field] };
      triage[field === "placeUnitId" ? "place" : field] = {
        code: correction[field],
        source: "staff",
        by: origin.actor.id,
        at: new Date().toISOString(),
        previous: item[field],
      };
    }
    if (Object.keys(changes).length === 0) return;
    await tx.inboxItem.update({ where: { id }, data: { ...correction, triage: triage as Prisma.InputJsonValue } });
    await recordChange(tx, { origin, item, type: "triage_corrected", data: changes });
    // Staff reading an item as darurat alert its unit and humas just as triage would.
    if (changes.urgency?.to === "darurat") {
      if (alertsConfigured(services.config)) await openAlert(tx, id);
      becameEmergency = true;
    }
  });
  if (becameEmergency) services.events.emit("inbox.emergency", { itemId: id });
  return result;
}

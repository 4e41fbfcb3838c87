import { type Actor, actorInclude, toActor } from "@server/auth/actor.js";
import { itemSubject } from "@server/inbox/itemRecord.js";
import type { DomainEventMap } from "@server/events.js";
import { can } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { notify, notifyAll, type Recipient } from "./create.js";

// What each domain event notifies, and whom. A recipient is always someone who may read the
// subject (policies/), asked of them as they are now; admins, who see everything, are told only
// what is addressed to them (their own post, an item assigned to them).

// A burst of events (a flood of darurat reports) reads everyone's roles and units once, not once
// per item. A change of role or units shows within this time, and reading a notification checks
// access again; whether someone is active and their switches are read fresh each time.
const PEOPLE_FRESH_MS = 5_000;
const peopleRead = new WeakMap<Services, { at: number; people: Promise<Actor[]> }>();

function activePeople(services: Services): Promise<Actor[]> {
  const cached = peopleRead.get(services);
  if (cached && Date.now() - cached.at < PEOPLE_FRESH_MS) return cached.people;
  const people = services.prisma.user
    .findMany({ where: { active: true }, include: actorInclude })
    .then((users) => users.map((user) => toActor(user, "session")));
  // A failed read is not kept: the next event asks again.
  people.catch(() => peopleRead.delete(services));
  peopleRead.set(services, { at: Date.now(), people });
  return people;
}

/** The active users (only the one with `id`, or with `role`, when given) for whom `allowed` holds. */
async function peopleWho(
  services: Services,
  allowed: (person: Actor) => boolean,
  only: { id?: string; role?: Actor["role"] } = {},
): Promise<Recipient[]> {
  const ids = (await activePeople(services))
    .filter((actor) => (!only.id || actor.id === only.id) && (!only.role || actor.role === only.role) && allowed(actor))
    .map((actor) => actor.id);
  return recipients(services, ids);
}

/** The people with these ids who are still active, with their switches as they are now. */
async function recipients(services: Services, ids: string[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  return services.prisma.user.findMany({
    where: { id: { in: ids }, active: true },
    select: { id: true, notificationsOff: true, emailsOff: true },
  });
}

const notAdmin = (person: Actor) => person.role !== "admin";

/** A post sent for approval tells those who may approve it; approved or returned, its author. */
export async function notifyReviewStep(services: Services, event: DomainEventMap["post.reviewStep"]) {
  const post = await services.prisma.post.findUnique({
    where: { id: event.postId },
    select: { id: true, authorId: true, unit: { select: { path: true } } },
  });
  if (!post) return;
  const subject = { unitPath: post.unit.path, authorId: post.authorId };
  const common = { subject: { type: "Post", id: post.id }, actorId: event.actorId } as const;
  if (event.step === "submitted")
    return notify(services, {
      ...common,
      kind: "post_review",
      recipients: await peopleWho(services, (p) => notAdmin(p) && can(p, "approve", "Post", subject)),
    });
  return notify(services, {
    ...common,
    kind: event.step === "approved" ? "post_approved" : "post_returned",
    recipients: await peopleWho(services, (p) => can(p, "read", "Post", subject), { id: post.authorId }),
  });
}

async function loadItem(services: Services, itemId: string) {
  const item = await services.prisma.inboxItem.findUnique({
    where: { id: itemId },
    select: { assigneeId: true, unit: { select: { path: true } }, informedUnit: { select: { path: true } } },
  });
  if (!item) return null;
  const subject = itemSubject(item);
  return {
    assigneeId: item.assigneeId,
    readableBy: (person: Actor) => can(person, "read", "InboxItem", subject),
    handledBy: (person: Actor) => can(person, "handle", "InboxItem", subject),
  };
}

/** An item handed to someone by someone else tells the new assignee. */
export async function notifyAssigned(services: Services, event: DomainEventMap["inbox.assigned"]) {
  const item = await loadItem(services, event.itemId);
  if (!item || item.assigneeId !== event.assigneeId) return;
  return notify(services, {
    kind: "item_assigned",
    subject: { type: "InboxItem", id: event.itemId },
    actorId: event.actorId,
    recipients: await peopleWho(services, item.readableBy, { id: event.assigneeId }),
  });
}

/**
 * A deadline near tells the item's assignee, else the officers who may handle it, else (not
 * routed yet) humas; once per item and deadline.
 */
export async function notifyDeadlineNear(services: Services, event: DomainEventMap["inbox.deadlineNear"]) {
  const item = await loadItem(services, event.itemId);
  if (!item) return;
  const recipients = item.assigneeId
    ? await peopleWho(services, item.readableBy, { id: item.assigneeId })
    : await peopleWho(services, item.handledBy, { role: "officer" }).then(async (officers) =>
        officers.length > 0 ? officers : peopleWho(services, item.handledBy, { role: "humas" }),
      );
  return notify(services, {
    kind: "deadline_near",
    subject: { type: "InboxItem", id: event.itemId },
    actorId: null,
    occasion: `${event.clock}:${event.dueAt}`,
    recipients,
  });
}

/**
 * Items read darurat tell everyone (but admins) who may read them: their unit, the kecamatan
 * informed, humas. A burst of emergencies is read and written in a few statements, not per item.
 */
export async function notifyEmergencies(services: Services, events: DomainEventMap["inbox.emergency"][]) {
  const items = await services.prisma.inboxItem.findMany({
    where: { id: { in: [...new Set(events.map((event) => event.itemId))] } },
    select: { id: true, unit: { select: { path: true } }, informedUnit: { select: { path: true } } },
  });
  const people = (await activePeople(services)).filter(notAdmin);
  const readers = items.map((item) => {
    const subject = itemSubject(item);
    return { item, ids: people.filter((p) => can(p, "read", "InboxItem", subject)).map((p) => p.id) };
  });
  const switches = new Map(
    (await recipients(services, [...new Set(readers.flatMap(({ ids }) => ids))])).map((person) => [person.id, person]),
  );
  return notifyAll(
    services,
    readers.map(({ item, ids }) => ({
      kind: "item_emergency",
      subject: { type: "InboxItem", id: item.id },
      actorId: null,
      recipients: ids.flatMap((id) => switches.get(id) ?? []),
    })),
  );
}

import type { Actor } from "@server/auth/actor.js";
import type { Prisma } from "@server/db/client.js";
import { presentNotification } from "@server/presenters/notification.js";
import type { Services } from "@server/services.js";
import { loadSubjects, readableSubject } from "./subjects.js";

/** How many unread notifications the count looks at; past this the app shows "99+". */
const COUNTED = 100;

const rowSelect = {
  id: true,
  kind: true,
  subjectType: true,
  subjectId: true,
  actorId: true,
  readAt: true,
  createdAt: true,
} as const satisfies Prisma.NotificationSelect;
export type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof rowSelect }>;

/**
 * A page of the actor's notifications, newest first, presented with their subjects; a notification
 * whose subject is gone or no longer readable by the actor is left out (the page may be shorter).
 */
export async function listNotifications(
  services: Services,
  actor: Actor,
  query: { unreadOnly: boolean; limit: number; before?: { at: Date; id: string } },
) {
  const { prisma } = services;
  const rows = await prisma.notification.findMany({
    where: {
      userId: actor.id,
      ...(query.unreadOnly ? { readAt: null } : {}),
      ...(query.before
        ? {
            OR: [{ createdAt: { lt: query.before.at } }, { createdAt: query.before.at, id: { lt: query.before.id } }],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: rowSelect,
  });
  const subjects = await loadSubjects(
    prisma,
    rows.map((row) => ({ type: row.subjectType as "Post" | "InboxItem", id: row.subjectId })),
  );
  const actorIds = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => !!id))];
  const people = new Map(
    (await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map(
      (person) => [person.id, person.name],
    ),
  );
  const present = (row: NotificationRow) => {
    const subject = readableSubject(subjects, row, actor);
    return subject ? presentNotification(row, subject, row.actorId ? (people.get(row.actorId) ?? null) : null) : null;
  };
  return { rows, present };
}

/** The actor's unread notifications whose subject they may still read (at most COUNTED). */
export async function unreadCount(services: Services, actor: Actor): Promise<number> {
  const rows = await services.prisma.notification.findMany({
    where: { userId: actor.id, readAt: null },
    orderBy: { createdAt: "desc" },
    take: COUNTED,
    select: { subjectType: true, subjectId: true },
  });
  if (rows.length === 0) return 0;
  const subjects = await loadSubjects(
    services.prisma,
    rows.map((row) => ({ type: row.subjectType as "Post" | "InboxItem", id: row.subjectId })),
  );
  return rows.filter((row) => readableSubject(subjects, row, actor)).length;
}

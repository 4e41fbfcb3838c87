import type { NotificationKind } from "@server/db/generated/enums.js";
import type { NotificationRow } from "@server/notifications/reading.js";
import { subjectPath } from "@server/notifications/kinds.js";
import type { LoadedSubject } from "@server/notifications/subjects.js";

/** A notification as the app lists it: what happened, to what, by whom, where to open it. */
export function presentNotification(row: NotificationRow, subject: LoadedSubject, actorName: string | null) {
  return {
    id: row.id,
    kind: row.kind,
    subject: { type: subject.type, id: subject.id, title: subject.title, unitName: subject.unitName },
    /** The app's path of the subject (under /app). */
    path: subjectPath(subject),
    actor: actorName ? { name: actorName } : null,
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A user's switches: for each kind, whether it shows in the app and (for urgent kinds) whether it is e-mailed. */
export function presentNotificationSettings(
  user: { notificationsOff: NotificationKind[]; emailsOff: NotificationKind[] },
  kinds: readonly NotificationKind[],
  emailed: readonly NotificationKind[],
) {
  return {
    kinds: kinds.map((kind) => ({
      kind,
      inApp: !user.notificationsOff.includes(kind),
      email: emailed.includes(kind) ? !user.emailsOff.includes(kind) : null,
    })),
  };
}

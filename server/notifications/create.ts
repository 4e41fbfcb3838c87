import type { NotificationKind } from "@server/db/generated/enums.js";
import { smtpOf } from "@server/mail/smtp.js";
import type { Services } from "@server/services.js";
import { mailedByNotifications, type NotificationSubject } from "./kinds.js";

/** A person to notify, with their switches (User.notificationsOff, User.emailsOff). */
export type Recipient = { id: string; notificationsOff: NotificationKind[]; emailsOff: NotificationKind[] };

type Notice = {
  kind: NotificationKind;
  subject: NotificationSubject;
  /** Who caused it; never told of their own doing. Null: the system. */
  actorId: string | null;
  recipients: Recipient[];
  /** What makes a repeat distinct (the deadline's time); "" once per subject. */
  occasion?: string;
};

/**
 * Creates the notification of each recipient who has the kind on, at most once per user, kind,
 * subject and occasion (a unique index: when several processes try, one succeeds), and tells
 * their sockets. Returns the ids of the users notified.
 */
export async function notify(services: Services, notice: Notice): Promise<string[]> {
  return notifyAll(services, [notice]);
}

/** Several notices in one statement: a burst of events (a flood of darurat reports) is one write, not one per item. */
export async function notifyAll(services: Services, notices: Notice[]): Promise<string[]> {
  // Without a mail server nothing is e-mailed, so nothing waits to be.
  const withSmtp = !!smtpOf(services);
  const now = new Date();
  const data = notices.flatMap(({ kind, subject, actorId, occasion = "", recipients }) => {
    const mailed = withSmtp && mailedByNotifications(kind);
    return recipients
      .filter((person) => person.id !== actorId && !person.notificationsOff.includes(kind))
      .map((person) => ({
        userId: person.id,
        kind,
        subjectType: subject.type,
        subjectId: subject.id,
        occasion,
        actorId,
        emailDueAt: mailed && !person.emailsOff.includes(kind) ? now : null,
      }));
  });
  if (data.length === 0) return [];
  const created = await services.prisma.notification.createManyAndReturn({
    data,
    skipDuplicates: true,
    select: { userId: true },
  });
  const userIds = [...new Set(created.map((row) => row.userId))];
  if (userIds.length > 0) services.events.emit("notifications.changed", { userIds });
  return userIds;
}

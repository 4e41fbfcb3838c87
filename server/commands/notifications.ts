import { type ActingOrigin, recordAudit } from "@server/audit/record.js";
import type { NotificationKind } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import type { Services } from "@server/services.js";

// Marking read changes only what the recipient's own list shows, so it is not in the audit log;
// the switches are settings of the account, and are.

/** Marks one of the actor's notifications read; its count changes on every open tab. */
export async function markNotificationRead(
  services: Services,
  { origin, notificationId }: { origin: ActingOrigin; notificationId: string },
) {
  const notification = await services.prisma.notification.findUnique({
    where: { id: notificationId },
    select: { id: true, userId: true, readAt: true },
  });
  if (!notification) throw new AppError("not_found");
  authorize(origin.actor, "update", "Notification", notification);
  if (!notification.readAt)
    await services.prisma.notification.update({ where: { id: notification.id }, data: { readAt: new Date() } });
  services.events.emit("notifications.changed", { userIds: [origin.actor.id] });
}

/** Marks all the actor's notifications read; returns how many were unread. */
export async function markAllNotificationsRead(services: Services, { origin }: { origin: ActingOrigin }) {
  const { count } = await services.prisma.notification.updateMany({
    where: { userId: origin.actor.id, readAt: null },
    data: { readAt: new Date() },
  });
  services.events.emit("notifications.changed", { userIds: [origin.actor.id] });
  return count;
}

/** Which kinds the actor is told of in the app, and which by e-mail. */
export async function updateNotificationSettings(
  services: Services,
  {
    origin,
    notificationsOff,
    emailsOff,
  }: { origin: ActingOrigin; notificationsOff?: NotificationKind[]; emailsOff?: NotificationKind[] },
) {
  return services.prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: origin.actor.id },
      select: { notificationsOff: true, emailsOff: true },
    });
    const user = await tx.user.update({
      where: { id: origin.actor.id },
      data: {
        notificationsOff: notificationsOff && [...new Set(notificationsOff)],
        emailsOff: emailsOff && [...new Set(emailsOff)],
      },
      select: { notificationsOff: true, emailsOff: true },
    });
    await recordAudit(tx, origin, {
      action: "user.notification_settings",
      targetType: "User",
      targetId: origin.actor.id,
      changes: { before, after: user },
    });
    return user;
  });
}

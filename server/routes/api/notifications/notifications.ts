import { Router } from "express";
import {
  markAllNotificationsRead,
  markNotificationRead,
  updateNotificationSettings,
} from "@server/commands/notifications.js";
import { EMAILED_KINDS, kindsFor } from "@server/notifications/kinds.js";
import { listNotifications, unreadCount } from "@server/notifications/reading.js";
import { authorize } from "@server/policies/index.js";
import { presentNotificationSettings } from "@server/presenters/notification.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { cursorKeys, decodeCursor, page } from "@server/routes/pagination.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { listNotificationsQuery, notificationSettingsBody } from "./schema.js";
import type { MarkedRead, NotificationPage, UnreadCount } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** The signed-in user's own notifications, their unread count, and their switches. */
export function notificationRoutes(services: Services): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    const actor = req.actor!;
    authorize(actor, "list", "Notification");
    const query = parse(listNotificationsQuery, req.query, req);
    const { rows, present } = await listNotifications(services, actor, {
      unreadOnly: query.unread === "true",
      limit: query.limit,
      before: decodeCursor(query.cursor, cursorKeys.timeAndId),
    });
    const { data, nextCursor } = page(rows, query.limit, (row) => `${row.createdAt.toISOString()}|${row.id}`);
    res.json({
      data: data.map(present).filter((item) => item !== null),
      nextCursor,
      unread: await unreadCount(services, actor),
    } satisfies NotificationPage);
  });

  router.get("/count", async (req, res) => {
    authorize(req.actor!, "list", "Notification");
    res.json({ unread: await unreadCount(services, req.actor!) } satisfies UnreadCount);
  });

  router.post("/read-all", async (req, res) => {
    authorize(req.actor!, "list", "Notification");
    res.json({ marked: await markAllNotificationsRead(services, { origin: originOf(req) }) } satisfies MarkedRead);
  });

  router.post("/:id/read", async (req, res) => {
    const { id } = parse(uuidParam, req.params, req);
    await markNotificationRead(services, { origin: originOf(req), notificationId: id });
    res.json({ unread: await unreadCount(services, req.actor!) } satisfies UnreadCount);
  });

  router.get("/settings", async (req, res) => {
    authorize(req.actor!, "list", "Notification");
    const user = await services.prisma.user.findUniqueOrThrow({
      where: { id: req.actor!.id },
      select: { notificationsOff: true, emailsOff: true },
    });
    res.json(presentNotificationSettings(user, kindsFor(req.actor!), EMAILED_KINDS));
  });

  router.patch("/settings", async (req, res) => {
    authorize(req.actor!, "list", "Notification");
    const body = parse(notificationSettingsBody, req.body, req);
    const user = await updateNotificationSettings(services, { origin: originOf(req), ...body });
    res.json(presentNotificationSettings(user, kindsFor(req.actor!), EMAILED_KINDS));
  });

  describeRoutes(router, {
    "GET /": {
      response: "NotificationPage",
      summary: "One's notifications, newest first",
      permission: { action: "list", model: "Notification" },
      query: listNotificationsQuery,
    },
    "GET /count": {
      response: "UnreadCount",
      summary: "One's unread notification count",
      permission: { action: "list", model: "Notification" },
    },
    "POST /read-all": {
      response: "MarkedRead",
      summary: "Mark all one's notifications read",
      permission: { action: "list", model: "Notification" },
    },
    "POST /:id/read": {
      response: "UnreadCount",
      summary: "Mark one of one's notifications read",
      permission: { action: "list", model: "Notification" },
    },
    "GET /settings": {
      response: "NotificationSettings",
      summary: "One's notification settings",
      permission: { action: "list", model: "Notification" },
    },
    "PATCH /settings": {
      response: "NotificationSettings",
      summary: "Change one's notification settings",
      permission: { action: "list", model: "Notification" },
      body: notificationSettingsBody,
    },
  });

  return router;
}

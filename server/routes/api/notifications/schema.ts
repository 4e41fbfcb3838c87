import { z } from "zod";
import { NotificationKind } from "@server/db/generated/enums.js";
import { paginationQuery } from "@server/routes/pagination.js";

export const listNotificationsQuery = paginationQuery.extend({
  /** "true": only the unread ones. */
  unread: z.enum(["true", "false"]).default("false"),
});

const kinds = z.array(z.enum(NotificationKind)).max(Object.keys(NotificationKind).length * 2);

export const notificationSettingsBody = z.object({
  /** Kinds not shown in the app; left as they are when absent. */
  notificationsOff: kinds.optional(),
  /** Kinds not e-mailed; left as they are when absent. */
  emailsOff: kinds.optional(),
});
export type NotificationSettingsBody = z.infer<typeof notificationSettingsBody>;

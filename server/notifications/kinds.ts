import type { Actor } from "@server/auth/actor.js";
import { NotificationKind } from "@server/db/generated/enums.js";
import { can } from "@server/policies/index.js";

/** Every kind, in the order the account page lists them. */
export const NOTIFICATION_KINDS = Object.values(NotificationKind);

/** The kinds a person can ever be sent (the account page's switches): webhook news only for those who manage webhooks. */
export const kindsFor = (actor: Actor) =>
  NOTIFICATION_KINDS.filter((kind) => kind !== "webhook_disabled" || can(actor, "list", "WebhookEndpoint"));

/**
 * What cannot wait, and is also e-mailed unless the user turned it off. Darurat items are e-mailed
 * by the emergency alerts (server/inbox/emergencyAlerts.ts), which read the same switch.
 */
export const EMAILED_KINDS: readonly NotificationKind[] = ["item_assigned", "deadline_near", "item_emergency"];

/** The kinds whose e-mail the notification mailer sends (server/notifications/email.ts). */
export const mailedByNotifications = (kind: NotificationKind) =>
  kind !== "item_emergency" && EMAILED_KINDS.includes(kind);

/** What a notification is about: where the web app opens it. */
export type NotificationSubject = { type: "Post" | "InboxItem" | "WebhookEndpoint"; id: string };

const SUBJECT_PATHS: Record<NotificationSubject["type"], (id: string) => string> = {
  Post: (id) => `/posts/${id}`,
  InboxItem: (id) => `/inbox/${id}`,
  WebhookEndpoint: (id) => `/admin/webhooks?endpoint=${id}`,
};
export const subjectPath = (subject: NotificationSubject) => SUBJECT_PATHS[subject.type](subject.id);

import type { WebhookDelivery, WebhookEventType } from "@web/api/types";
import type { MessageKey } from "@web/i18n";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, MessageKey> = {
  "inbox.item.created": "webhooks.event.itemCreated",
  "inbox.item.triaged": "webhooks.event.itemTriaged",
  "inbox.item.assigned": "webhooks.event.itemAssigned",
  "inbox.item.status_changed": "webhooks.event.itemStatusChanged",
  "inbox.item.emergency": "webhooks.event.itemEmergency",
  "post.published": "webhooks.event.postPublished",
  "post.failed": "webhooks.event.postFailed",
  "ppid.request.created": "webhooks.event.ppidRequestCreated",
  "ppid.request.decided": "webhooks.event.ppidRequestDecided",
};

export const DELIVERY_STATUS_LABELS: Record<WebhookDelivery["status"], MessageKey> = {
  pending: "webhooks.delivery.pending",
  succeeded: "webhooks.delivery.succeeded",
  failed: "webhooks.delivery.failed",
};

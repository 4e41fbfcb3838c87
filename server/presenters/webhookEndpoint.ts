import type { WebhookDelivery, WebhookEndpoint, WebhookEvent } from "@server/db/generated/client.js";
import type { WebhookEventType } from "@server/webhooks/events.js";

/** An endpoint as admins see it: never its secret. */
export function presentWebhookEndpoint(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events as WebhookEventType[],
    enabled: endpoint.enabled,
    /** "failing": Siar turned it off after repeated failures; null otherwise. */
    disabledReason: endpoint.disabledReason as "failing" | null,
    consecutiveFailures: endpoint.consecutiveFailures,
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}
export type WebhookEndpointView = ReturnType<typeof presentWebhookEndpoint>;

/** The endpoint with its secret, answered once: when registered and when the secret is rotated. */
export function presentNewSecret(endpoint: WebhookEndpoint, secret: string) {
  return { ...presentWebhookEndpoint(endpoint), secret };
}

/** One delivery in the endpoint's log. */
export function presentWebhookDelivery(delivery: WebhookDelivery & { event: WebhookEvent }) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.event.type as WebhookEventType,
    status: delivery.status as "pending" | "succeeded" | "failed",
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: delivery.status === "pending" ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
  };
}
export type WebhookDeliveryView = ReturnType<typeof presentWebhookDelivery>;

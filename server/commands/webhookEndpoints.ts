import { randomBytes } from "node:crypto";
import { changedFields, recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { WebhookEndpoint } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import type { WebhookEventType } from "@server/webhooks/events.js";

export type EndpointInput = { url: string; events: WebhookEventType[]; description: string };
export type EndpointChanges = Partial<EndpointInput> & { enabled?: boolean };

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** Hosts a production server may still reach over plain http: only this machine. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The receiver's address: http(s) only, and in production https unless it is this machine
 * (a receiver on the same host behind no TLS); the signature does not hide the payload.
 */
export function checkedUrl(services: Services, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("webhook_url_invalid", { field: "url" });
  }
  const https = url.protocol === "https:";
  if (!https && url.protocol !== "http:") throw new AppError("webhook_url_invalid", { field: "url" });
  if (url.username || url.password) throw new AppError("webhook_url_invalid", { field: "url" });
  if (!https && services.config.nodeEnv === "production" && !LOCAL_HOSTS.has(url.hostname))
    throw new AppError("webhook_url_invalid", { field: "url" });
  return url.toString();
}

async function audit(
  tx: Pick<Prisma.TransactionClient, "auditEvent">,
  origin: ActingOrigin,
  endpointId: string,
  action: string,
  changes: Record<string, unknown>,
) {
  await recordAudit(tx, origin, {
    action: `webhook_endpoint.${action}`,
    targetType: "WebhookEndpoint",
    targetId: endpointId,
    changes,
  });
}

async function existing(services: Services, id: string): Promise<WebhookEndpoint> {
  const endpoint = await services.prisma.webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) throw new AppError("not_found");
  return endpoint;
}

/** Registers an endpoint; the secret is returned this once and stored sealed. */
export async function createWebhookEndpoint(
  services: Services,
  { origin, endpoint: input }: { origin: ActingOrigin; endpoint: EndpointInput },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = checkedUrl(services, input.url);
  const secret = newSecret();
  const endpoint = await services.prisma.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        url,
        events: [...new Set(input.events)],
        description: input.description,
        secretSealed: services.secretBox.seal(secret),
        createdById: origin.actor.id,
      },
    });
    await audit(tx, origin, created.id, "create", {
      url,
      events: created.events,
      description: created.description,
    });
    return created;
  });
  return { endpoint, secret };
}

/** Changes the address, events, description or switch; turning it on again starts a fresh count of failures. */
export async function updateWebhookEndpoint(
  services: Services,
  { origin, endpointId, changes }: { origin: ActingOrigin; endpointId: string; changes: EndpointChanges },
): Promise<WebhookEndpoint> {
  const before = await existing(services, endpointId);
  const data = {
    ...changes,
    ...(changes.url !== undefined && { url: checkedUrl(services, changes.url) }),
    ...(changes.events && { events: [...new Set(changes.events)] }),
  };
  const reenabled = changes.enabled === true && !before.enabled;
  return services.prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        ...data,
        ...(changes.enabled !== undefined && { disabledReason: null }),
        ...(reenabled && { consecutiveFailures: 0, failingSince: null }),
      },
    });
    await audit(tx, origin, endpointId, "update", changedFields(before, data));
    return endpoint;
  });
}

export async function deleteWebhookEndpoint(
  services: Services,
  { origin, endpointId }: { origin: ActingOrigin; endpointId: string },
): Promise<void> {
  const before = await existing(services, endpointId);
  await services.prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await audit(tx, origin, endpointId, "delete", { url: before.url });
  });
}

/** A new secret, effective at once (returned this once); the old one stops signing. */
export async function rotateWebhookSecret(
  services: Services,
  { origin, endpointId }: { origin: ActingOrigin; endpointId: string },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  await existing(services, endpointId);
  const secret = newSecret();
  const endpoint = await services.prisma.$transaction(async (tx) => {
    const rotated = await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: { secretSealed: services.secretBox.seal(secret) },
    });
    await audit(tx, origin, endpointId, "rotate_secret", {});
    return rotated;
  });
  return { endpoint, secret };
}

/** Sends a finished delivery (succeeded or failed) again, as a new run of attempts with the same webhook-id. */
export async function replayWebhookDelivery(
  services: Services,
  { origin, endpointId, deliveryId }: { origin: ActingOrigin; endpointId: string; deliveryId: string },
) {
  const delivery = await services.prisma.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId } });
  if (!delivery) throw new AppError("not_found");
  const replayed = await services.prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { not: "pending" } },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date() },
    });
    if (count === 0) throw new AppError("webhook_delivery_in_progress");
    await audit(tx, origin, endpointId, "replay", {
      deliveryId,
      status: { from: delivery.status, to: "pending" },
    });
    return tx.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { event: true } });
  });
  services.events.emit("webhooks.queued", {});
  return replayed;
}

/**
 * Sends queued webhook deliveries as the Standard Webhooks specification says: a JSON POST
 * {"type","timestamp","data"} with the headers webhook-id (the delivery's id, the same on every
 * retry), webhook-timestamp and webhook-signature ("v1,<base64 HMAC-SHA256>" with the endpoint's
 * secret). Any process may send: a delivery is claimed by pushing its nextAttemptAt ahead (a
 * lease) under FOR UPDATE SKIP LOCKED, so two processes never send one delivery at once. A 2xx
 * ends it for good; anything else is tried again after RETRY_DELAYS until MAX_ATTEMPTS. An
 * endpoint that keeps failing is disabled and the admins are notified.
 */
import { Webhook } from "standardwebhooks";
import { recordAudit, type Origin } from "@server/audit/record.js";
import { notify } from "@server/notifications/create.js";
import type { Services } from "@server/services.js";

/** How long to wait after the n-th failed attempt (Standard Webhooks' suggested schedule). */
export const RETRY_DELAYS_MS = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000].map((seconds) => seconds * 1000);
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** An endpoint failing for this long without a single 2xx is disabled, whatever the count. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;
const LEASE_MS = 60_000;
const TIMEOUT_MS = 15_000;
const SENDER_ORIGIN: Origin = { actor: null, label: "system (outgoing webhooks)" };

type Claimed = { id: string; attempts: number; endpointId: string; eventId: string };
type Outcome = { ok: boolean; statusCode: number | null; error: string | null };

export class WebhookSender {
  constructor(private readonly services: Services) {}

  /** Sends what is due at `now` (a few at once); returns how many were claimed. */
  async sendDue(now = new Date(), limit = 20): Promise<number> {
    const at = now.toISOString();
    const leasedUntil = new Date(now.getTime() + LEASE_MS).toISOString();
    const claimed = await this.services.prisma.$queryRaw<Claimed[]>`
      UPDATE "WebhookDelivery" SET "nextAttemptAt" = ${leasedUntil}::timestamp(3), "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
        WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ${at}::timestamp(3) AND e."enabled"
        ORDER BY d."nextAttemptAt" LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED)
      RETURNING "id"::text AS id, "attempts", "endpointId"::text AS "endpointId", "eventId"::text AS "eventId"`;
    await Promise.all(
      claimed.map((delivery) =>
        this.deliver(delivery, now).catch(async (error: unknown) => {
          this.services.logger.error({ err: error, deliveryId: delivery.id }, "webhook delivery failed");
          // Counted as a failed attempt (a secret sealed under another key...), so it is not claimed forever.
          await this.record(delivery, { ok: false, statusCode: null, error: "internal error" }, now).catch(() => {});
        }),
      ),
    );
    return claimed.length;
  }

  private async deliver(delivery: Claimed, now: Date): Promise<void> {
    const { prisma, secretBox } = this.services;
    const [endpoint, event] = await Promise.all([
      prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: delivery.endpointId } }),
      prisma.webhookEvent.findUniqueOrThrow({ where: { id: delivery.eventId } }),
    ]);
    const body = JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
    const outcome = await post(endpoint.url, secretBox.open(endpoint.secretSealed), delivery.id, body);
    await this.record(delivery, outcome, now);
  }

  /** Writes the attempt's outcome on the delivery and its endpoint; disables an endpoint that keeps failing. */
  private async record(delivery: Claimed, outcome: Outcome, now: Date): Promise<void> {
    const { prisma, config } = this.services;
    const gaveUp = !outcome.ok && delivery.attempts >= MAX_ATTEMPTS;
    const disabled = await prisma.$transaction(async (tx) => {
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: {
          status: outcome.ok ? "succeeded" : gaveUp ? "failed" : "pending",
          lastAttemptAt: now,
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error,
          deliveredAt: outcome.ok ? now : undefined,
          nextAttemptAt:
            outcome.ok || gaveUp ? null : new Date(now.getTime() + RETRY_DELAYS_MS[delivery.attempts - 1]!),
        },
      });
      if (outcome.ok) {
        await tx.webhookEndpoint.update({
          where: { id: delivery.endpointId },
          data: { consecutiveFailures: 0, failingSince: null },
        });
        return null;
      }
      const endpoint = await tx.webhookEndpoint.update({
        where: { id: delivery.endpointId },
        data: { consecutiveFailures: { increment: 1 } },
      });
      const failingSince = endpoint.failingSince ?? now;
      if (!endpoint.failingSince)
        await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince } });
      const tooMany = endpoint.consecutiveFailures >= config.webhooks.disableAfterFailures;
      const tooLong = now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
      if (!endpoint.enabled || !(tooMany || tooLong)) return null;
      await tx.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { enabled: false, disabledReason: "failing" },
      });
      await recordAudit(tx, SENDER_ORIGIN, {
        action: "webhook_endpoint.disabled",
        targetType: "WebhookEndpoint",
        targetId: endpoint.id,
        changes: {
          enabled: { from: true, to: false },
          reason: "failing",
          consecutiveFailures: endpoint.consecutiveFailures,
          failingSince: failingSince.toISOString(),
        },
      });
      return { id: endpoint.id, failingSince };
    });
    if (disabled) await this.tellAdmins(disabled.id, disabled.failingSince);
  }

  private async tellAdmins(endpointId: string, failingSince: Date): Promise<void> {
    const admins = await this.services.prisma.user.findMany({
      where: { role: "admin", active: true },
      select: { id: true, notificationsOff: true, emailsOff: true },
    });
    await notify(this.services, {
      kind: "webhook_disabled",
      subject: { type: "WebhookEndpoint", id: endpointId },
      actorId: null,
      recipients: admins,
      // Once per run of failures: disabled again after an admin turned it back on, they are told again.
      occasion: failingSince.toISOString(),
    });
  }
}

/** One signed POST; never throws. What the receiver answered is kept short (no body is stored). */
async function post(url: string, secret: string, messageId: string, body: string): Promise<Outcome> {
  const sentAt = new Date();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Siar webhooks",
        "webhook-id": messageId,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": new Webhook(secret).sign(messageId, sentAt, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const reason = error instanceof Error ? (error.name === "TimeoutError" ? "timeout" : error.message) : String(error);
    return { ok: false, statusCode: null, error: reason.slice(0, 200) };
  }
}

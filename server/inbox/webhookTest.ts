/**
 * "Test the webhook": Siar sends itself, at PUBLIC_BASE_URL/webhooks/meta, an event signed as Meta
 * signs (X-Hub-Signature-256, HMAC-SHA256 of the body with the app secret), so the whole way in is
 * tried as Meta would take it: the public address, the reverse proxy, TLS, the signature check
 * and the durable queue. Its change field is Siar's own, which filing ignores: nothing reaches the
 * inbox. https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
import { createHmac, randomUUID } from "node:crypto";
import type { Services } from "@server/services.js";

export const WEBHOOK_TEST_FIELD = "siar_webhook_test";
const TIMEOUT_MS = 10_000;

export type WebhookTestResult = {
  url: string;
  https: boolean;
  /** Siar's answer, as Meta would have got it; null when the request did not get through. */
  status: number | null;
  /** Why the request did not get through (DNS, refused connection, certificate...). */
  error: string | null;
  elapsedMs: number;
  /** Whether the event was kept in the webhook queue, i.e. it arrived. */
  arrived: boolean;
  receivedAt: string | null;
};

export async function sendWebhookTest(
  services: Pick<Services, "config" | "prisma">,
  appSecret: string,
): Promise<WebhookTestResult> {
  const url = `${services.config.publicBaseUrl}/webhooks/meta`;
  const testId = randomUUID();
  const body = JSON.stringify({
    object: "page",
    entry: [
      { id: "0", time: Math.floor(Date.now() / 1000), changes: [{ field: WEBHOOK_TEST_FIELD, value: { testId } }] },
    ],
  });
  const before = await services.prisma.webhookReceipt.aggregate({ _max: { id: true } });
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer();
    status = response.status;
  } catch (failure) {
    error = describe(failure);
  }
  const elapsedMs = Date.now() - started;
  const receipt = await services.prisma.webhookReceipt.findFirst({
    where: { id: { gt: before._max.id ?? 0n }, source: "meta", body: { contains: testId } },
    select: { receivedAt: true },
  });
  return {
    url,
    https: url.startsWith("https://"),
    status,
    error,
    elapsedMs,
    arrived: receipt !== null,
    receivedAt: receipt?.receivedAt.toISOString() ?? null,
  };
}

/** The innermost cause fetch reports (a certificate problem, ECONNREFUSED, a timeout). */
function describe(failure: unknown): string {
  let current = failure;
  for (let depth = 0; depth < 3 && current instanceof Error && current.cause instanceof Error; depth++)
    current = current.cause;
  return current instanceof Error ? current.message.slice(0, 300) : String(failure).slice(0, 300);
}

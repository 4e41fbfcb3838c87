import { type ActingOrigin, recordAudit } from "@server/audit/record.js";
import { AppError } from "@server/errors.js";
import { sendWebhookTest, type WebhookTestResult } from "@server/inbox/webhookTest.js";
import type { Services } from "@server/services.js";

/** An admin's "test the webhook": a signed test event sent to Siar's public webhook address (inbox/webhookTest.ts). */
export async function testMetaWebhook(
  services: Services,
  { origin }: { origin: ActingOrigin },
): Promise<WebhookTestResult> {
  if (!services.metaWebhook) throw new AppError("webhooks_not_configured");
  const result = await sendWebhookTest(services, services.metaWebhook.appSecret);
  await recordAudit(services.prisma, origin, {
    action: "webhook.test",
    targetType: "Webhook",
    targetId: "meta",
    changes: { url: result.url, status: result.status, arrived: result.arrived, error: result.error },
  });
  return result;
}

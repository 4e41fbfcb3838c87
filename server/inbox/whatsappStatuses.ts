import type { SqlTransaction } from "@server/db/client.js";
import type { PrismaClient, WhatsAppMessageStatus } from "@server/db/generated/client.js";
import type { WhatsAppStatus } from "./whatsappWebhook.js";

const STATUS_ORDER = `ARRAY['sent', 'delivered', 'read', 'failed']`;

/**
 * Keeps the furthest status each sent WhatsApp message reached. Webhooks are not delivered in
 * order (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview),
 * so "delivered" never replaces "read"; "failed" replaces everything.
 */
export async function recordWhatsAppStatuses(sql: SqlTransaction, statuses: WhatsAppStatus[]): Promise<void> {
  if (statuses.length === 0) return;
  // One row per message per statement (ON CONFLICT cannot touch a row twice): the furthest of the batch.
  const furthest = new Map<string, WhatsAppStatus>();
  for (const status of statuses) {
    const kept = furthest.get(status.messageId);
    if (!kept || RANK[status.status] > RANK[kept.status]) furthest.set(status.messageId, status);
  }
  await sql.query(
    `INSERT INTO "WhatsAppMessageStatus" ("messageId", "status", "at", "errorCode", "errorTitle", "category")
    SELECT "messageId", "status", "at", "errorCode", "errorTitle", "category"
    FROM jsonb_to_recordset($1::jsonb) AS x("messageId" text, "status" text, "at" timestamp(3), "errorCode" int, "errorTitle" text, "category" text)
    ON CONFLICT ("messageId") DO UPDATE SET "status" = excluded."status", "at" = excluded."at",
      "errorCode" = excluded."errorCode", "errorTitle" = excluded."errorTitle",
      "category" = COALESCE(excluded."category", "WhatsAppMessageStatus"."category")
    WHERE array_position(${STATUS_ORDER}, excluded."status") > array_position(${STATUS_ORDER}, "WhatsAppMessageStatus"."status")`,
    [
      JSON.stringify(
        [...furthest.values()].map((status) => ({
          messageId: status.messageId,
          status: status.status,
          at: status.at.toISOString(),
          errorCode: status.error?.code ?? null,
          errorTitle: status.error?.title ?? null,
          category: status.category,
        })),
      ),
    ],
  );
}

const RANK: Record<WhatsAppStatus["status"], number> = { sent: 0, delivered: 1, read: 2, failed: 3 };

/** The statuses of these sent messages, by message id (replies' remote ids). */
export async function whatsappDeliveries(
  prisma: PrismaClient,
  messageIds: string[],
): Promise<Map<string, WhatsAppMessageStatus>> {
  if (messageIds.length === 0) return new Map();
  const rows = await prisma.whatsAppMessageStatus.findMany({ where: { messageId: { in: messageIds } } });
  return new Map(rows.map((row) => [row.messageId, row]));
}

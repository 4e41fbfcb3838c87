import type { PrismaClient } from "@server/db/client.js";

/** The work queues Siar keeps in the database, as the metrics and the system health page name them. */
export const QUEUES = [
  "deliveries_due",
  "webhook_receipts",
  "email_messages",
  "dead_letters",
  "notification_emails",
] as const;
export type QueueName = (typeof QUEUES)[number];

export type QueueFigure = { queue: QueueName; depth: number; oldestAgeSeconds: number };

/**
 * How much waits in each queue and how long the oldest has waited, in one statement. Each part
 * reads an index the workers claim by (Delivery status+nextAttemptAt, WebhookReceipt processedAt,
 * InboxDeadLetter resolution, Notification emailDueAt), so a scrape stays cheap however large the
 * tables are; only what waits is counted.
 */
export async function queueFigures(prisma: PrismaClient): Promise<QueueFigure[]> {
  const rows = await prisma.$queryRaw<{ queue: QueueName; depth: number; oldest: Date | null }[]>`
    SELECT 'deliveries_due' AS queue, count(*)::int AS depth, min("nextAttemptAt") AS oldest
      FROM "Delivery" WHERE "status" = 'pending' AND "nextAttemptAt" <= now()
    UNION ALL SELECT 'webhook_receipts', count(*)::int, min("receivedAt")
      FROM "WebhookReceipt" WHERE "processedAt" IS NULL AND "source" <> 'email'
    UNION ALL SELECT 'email_messages', count(*)::int, min("receivedAt")
      FROM "WebhookReceipt" WHERE "processedAt" IS NULL AND "source" = 'email'
    UNION ALL SELECT 'dead_letters', count(*)::int, min("createdAt")
      FROM "InboxDeadLetter" WHERE "resolution" IS NULL
    UNION ALL SELECT 'notification_emails', count(*)::int, min("emailDueAt")
      FROM "Notification" WHERE "emailDueAt" <= now()`;
  const now = Date.now();
  return rows.map(({ queue, depth, oldest }) => ({
    queue,
    depth: Number(depth),
    oldestAgeSeconds: oldest ? Math.max(0, Math.round((now - oldest.getTime()) / 1000)) : 0,
  }));
}

/** X bills polling per request: the requests spent this month and the budgets set, per channel kind. */
export async function pollingBudgets(
  prisma: PrismaClient,
): Promise<{ kind: string; requests: number; budget: number | null }[]> {
  const month = new Date().toISOString().slice(0, 7);
  const rows = await prisma.$queryRaw<{ kind: string; requests: number; budget: number | null }[]>`
    SELECT c."kind"::text AS kind, coalesce(sum(r."requests"), 0)::int AS requests, sum(c."monthlyRequestBudget")::int AS budget
    FROM "Channel" c
    LEFT JOIN (SELECT "channelId", sum("requests") AS requests FROM "PlatformRequestCount" WHERE "month" = ${month} GROUP BY "channelId") r
      ON r."channelId" = c."id"
    GROUP BY c."kind"
    HAVING sum(r."requests") > 0 OR count(c."monthlyRequestBudget") > 0
    ORDER BY 1`;
  return rows.map((row) => ({
    kind: row.kind,
    requests: Number(row.requests),
    budget: row.budget === null ? null : Number(row.budget),
  }));
}

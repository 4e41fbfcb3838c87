import os from "node:os";
import pLimit from "p-limit";
import { randomBytes } from "node:crypto";
import type { Services } from "../services.js";
import { storeIncoming } from "./ingest.js";
import { parseMetaWebhook } from "./metaWebhook.js";

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 10;
const FILING_CONCURRENCY = 8;

/** Keeps a verified callback before it is acknowledged: once this returns, it cannot be lost. */
export async function keepWebhook(services: Services, source: "meta", body: string): Promise<void> {
  await services.prisma.webhookReceipt.create({ data: { source, body } });
  services.events.emit("inbox.webhookKept", {});
}

/** Counts refused callbacks per source and day, for the admins' view of webhook health. */
export async function countRejectedWebhook(services: Services, source: string): Promise<void> {
  const day = new Date(new Date().toISOString().slice(0, 10));
  await services.prisma.$executeRaw`
    INSERT INTO "WebhookRejection" ("source", "day", "count") VALUES (${source}, ${day}, 1)
    ON CONFLICT ("source", "day") DO UPDATE SET "count" = "WebhookRejection"."count" + 1`;
}

/**
 * Files the messages of kept callbacks. Rows are claimed with SKIP LOCKED and a lease, so
 * several processes share the queue and a process that dies mid-way leaves its rows to the next.
 */
export class WebhookProcessor {
  private readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

  constructor(private readonly services: Services) {}

  async processPending(limit = 100): Promise<number> {
    const { prisma } = this.services;
    const leaseUntil = new Date(Date.now() + LEASE_MS);
    const claimed = await prisma.$queryRaw<{ id: bigint; source: string; body: string; attempts: number }[]>`
      WITH next AS (
        SELECT "id" FROM "WebhookReceipt"
        WHERE "processedAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < now()) AND "attempts" < ${MAX_ATTEMPTS}
        ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      UPDATE "WebhookReceipt" SET "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
      FROM next WHERE "WebhookReceipt"."id" = next."id"
      RETURNING "WebhookReceipt"."id", "WebhookReceipt"."source", "WebhookReceipt"."body", "WebhookReceipt"."attempts"`;
    // Filing is mostly waiting on the database: several receipts at once, duplicates made safe by storeIncoming.
    const limitFiling = pLimit(FILING_CONCURRENCY);
    await Promise.all(
      claimed.map((receipt) =>
        limitFiling(async () => {
          try {
            await this.file(receipt.body);
            await prisma.webhookReceipt.update({ where: { id: receipt.id }, data: { processedAt: new Date(), leaseUntil: null, lastError: null } });
          } catch (error) {
            this.services.logger.warn({ err: error, receipt: String(receipt.id), owner: this.owner }, "webhook could not be filed; will retry");
            await prisma.webhookReceipt.update({ where: { id: receipt.id }, data: { leaseUntil: null, lastError: error instanceof Error ? error.message : String(error) } });
          }
        }),
      ),
    );
    return claimed.length;
  }

  private async file(body: string): Promise<void> {
    for (const { accountId, message } of parseMetaWebhook(JSON.parse(body))) {
      const kind = message.source === "instagram_comment" ? "instagram" : "facebook";
      const channels = await this.services.prisma.channel.findMany({ where: { kind, externalId: accountId }, select: { id: true, unitId: true } });
      // A callback for an account no unit has connected is acknowledged and dropped.
      for (const channel of channels.slice(0, 1)) await storeIncoming(this.services, channel, message);
    }
  }
}

import { recordAuditSql, type ActingOrigin } from "@server/audit/record.js";
import type { SqlTransaction } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import { failureOf, messageOfDeadLetter } from "@server/inbox/deadLetters.js";
import { fileMessages, type IncomingArrival } from "@server/inbox/ingest.js";
import { readMetaReceipts } from "@server/inbox/webhookQueue.js";
import type { Services } from "@server/services.js";

type Letter = {
  id: string;
  payloadKind: string;
  payload: string;
  channelId: string | null;
  receiptId: string | null;
  resolution: string | null;
};

/** The dead letter, locked for this transaction, so two admins retrying at once file it once. */
async function lockOpenLetter(sql: SqlTransaction, id: string): Promise<Letter> {
  const [letter] = await sql.query<Letter>(
    `SELECT "id"::text AS id, "payloadKind", "payload", "channelId"::text AS "channelId", "receiptId"::text AS "receiptId", "resolution"
    FROM "InboxDeadLetter" WHERE "id" = $1::uuid FOR UPDATE`,
    [id],
  );
  if (!letter) throw new AppError("not_found");
  if (letter.resolution !== null) throw new AppError("dead_letter_resolved");
  return letter;
}

/** What the dead letter holds, read the way it was read when it first arrived. */
async function arrivalsOf(sql: SqlTransaction, letter: Letter): Promise<IncomingArrival[]> {
  if (letter.payloadKind === "receipt")
    return (await readMetaReceipts(sql, [{ id: letter.receiptId ?? "0", body: letter.payload }])).arrivals;
  const [channel] = await sql.query<{ id: string; unitId: string }>(
    `SELECT "id"::text AS id, "unitId"::text AS "unitId" FROM "Channel" WHERE "id" = $1::uuid`,
    [letter.channelId],
  );
  if (!channel) throw new AppError("not_found", { field: "channelId" });
  return [{ channel, message: messageOfDeadLetter(letter.payload) }];
}

export type RetryOutcome = { filed: true; itemIds: string[] } | { filed: false; reason: string };

/**
 * Files a dead letter again through the same filing path as webhooks and polls. On success it is
 * marked filed and its items go to triage on arrival; on failure its reason and attempts are
 * updated. Either way the retry is in the audit log.
 */
export async function retryDeadLetter(
  services: Services,
  { origin, deadLetterId: id }: { origin: ActingOrigin; deadLetterId: string },
): Promise<RetryOutcome> {
  const outcome = await services.db.transaction(async (sql): Promise<RetryOutcome> => {
    const letter = await lockOpenLetter(sql, id);
    const arrivals = await arrivalsOf(sql, letter);
    await sql.query(`SAVEPOINT retry_filing`);
    let filedIds: string[];
    try {
      filedIds = (await fileMessages(sql, arrivals)).map((item) => item.id);
      await sql.query(`RELEASE SAVEPOINT retry_filing`);
    } catch (error) {
      await sql.query(`ROLLBACK TO SAVEPOINT retry_filing`);
      const { reason } = failureOf(error);
      services.logger.warn({ deadLetterId: id, reason }, "dead letter retry failed");
      await sql.query(
        `UPDATE "InboxDeadLetter" SET "reason" = $2, "attempts" = "attempts" + 1, "lastFailedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = $1::uuid`,
        [id, reason.slice(0, 200)],
      );
      await recordAuditSql(sql, origin, {
        action: "inbox_dead_letter.retry",
        targetType: "InboxDeadLetter",
        targetId: id,
        changes: { outcome: "failed", reason },
      });
      return { filed: false, reason };
    }
    // Already in the inbox (a poll or webhook brought it meanwhile): it is filed all the same.
    const [existing] =
      filedIds.length === 0 && arrivals.length === 1
        ? await sql.query<{ id: string }>(
            `SELECT "id"::text AS id FROM "InboxItem" WHERE "source"::text = $1 AND "platformId" = $2`,
            [arrivals[0]!.message.source, arrivals[0]!.message.platformId],
          )
        : [];
    const itemId = filedIds[0] ?? existing?.id ?? null;
    await sql.query(
      `UPDATE "InboxDeadLetter" SET "resolution" = 'filed', "resolvedAt" = now() AT TIME ZONE 'UTC', "resolvedById" = $2::uuid, "itemId" = $3::uuid WHERE "id" = $1::uuid`,
      [id, origin.actor.id, itemId],
    );
    await recordAuditSql(sql, origin, {
      action: "inbox_dead_letter.retry",
      targetType: "InboxDeadLetter",
      targetId: id,
      changes: { outcome: "filed", itemIds: filedIds },
    });
    return { filed: true, itemIds: filedIds };
  });
  if (outcome.filed) for (const itemId of outcome.itemIds) services.events.emit("inbox.itemReceived", { itemId });
  return outcome;
}

/** Sets a dead letter aside for good (spam, a test, something handled elsewhere); audited. */
export async function dismissDeadLetter(
  services: Services,
  { origin, deadLetterId: id }: { origin: ActingOrigin; deadLetterId: string },
): Promise<void> {
  await services.db.transaction(async (sql) => {
    await lockOpenLetter(sql, id);
    await sql.query(
      `UPDATE "InboxDeadLetter" SET "resolution" = 'dismissed', "resolvedAt" = now() AT TIME ZONE 'UTC', "resolvedById" = $2::uuid WHERE "id" = $1::uuid`,
      [id, origin.actor.id],
    );
    await recordAuditSql(sql, origin, {
      action: "inbox_dead_letter.dismiss",
      targetType: "InboxDeadLetter",
      targetId: id,
      changes: { resolution: { from: null, to: "dismissed" } },
    });
  });
}

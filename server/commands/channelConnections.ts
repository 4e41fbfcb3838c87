import type { Origin } from "@server/audit/record.js";
import { META_KINDS, syncMetaConnection } from "@server/channels/metaConnection.js";
import type { Services } from "@server/services.js";

/** A channel's Page subscription and permissions are checked again once they are this old. */
export const CONNECTION_CHECK_INTERVAL_MS = 24 * 3600_000;
const SYSTEM: Origin = { actor: null, label: "system (daily channel check)" };

/**
 * Claims connected Facebook and Instagram channels not checked for a day, stamping them checked
 * now in the same statement (SKIP LOCKED), so processes sharing a database never check one twice.
 */
export async function claimChannelsToCheck(services: Services, now: Date, limit = 20): Promise<string[]> {
  const due = new Date(now.getTime() - CONNECTION_CHECK_INTERVAL_MS);
  const rows = await services.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Channel" SET "webhookCheckedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "Channel"
      WHERE "status" = 'connected' AND "kind"::text = ANY(${[...META_KINDS]})
        AND ("webhookCheckedAt" IS NULL OR "webhookCheckedAt" <= ${due})
      ORDER BY "webhookCheckedAt" NULLS FIRST LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING "id"::text AS "id"`;
  return rows.map((row) => row.id);
}

/**
 * The daily check: each due channel's Page is subscribed again if its subscription went missing
 * (a Page admin removed the app, Meta dropped it), and its granted permissions are read anew.
 * Returns how many channels were checked.
 */
export async function recheckMetaConnections(services: Services, now = new Date()): Promise<number> {
  let checked = 0;
  for (
    let ids = await claimChannelsToCheck(services, now);
    ids.length > 0;
    ids = await claimChannelsToCheck(services, now)
  ) {
    for (const channel of await services.prisma.channel.findMany({ where: { id: { in: ids } } })) {
      await syncMetaConnection(services, SYSTEM, channel, "check", now);
      checked++;
    }
  }
  return checked;
}

import type { PrismaClient } from "@server/db/client.js";

// The publishing worker's statements, each named for what it does. Claims use FOR UPDATE SKIP
// LOCKED so that several processes share the deliveries; `owner` is the claiming worker's id.

/** Pending deliveries due within the horizon that nobody is preparing, claimed under a preparing lease. */
export async function claimUpcomingDeliveries(
  prisma: PrismaClient,
  { owner, horizon, leaseUntil, limit }: { owner: string; horizon: Date; leaseUntil: Date; limit: number },
): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
      WITH upcoming AS (
        SELECT d."id" FROM "Delivery" d JOIN "Post" p ON p."id" = d."postId"
        WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ${horizon} AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < now())
          AND p."status" IN ('scheduled', 'publishing')
        ORDER BY d."nextAttemptAt" LIMIT ${limit}
        FOR UPDATE OF d SKIP LOCKED)
      UPDATE "Delivery" SET "leaseOwner" = ${owner}, "leaseExpiresAt" = ${leaseUntil}, "updatedAt" = now()
      FROM upcoming WHERE "Delivery"."id" = upcoming."id" RETURNING "Delivery"."id"::text AS id`;
  return rows.map((row) => row.id);
}

/** In-flight deliveries whose worker's lease ran out (it died, or the outcome was unknown), claimed for reconciliation. */
export async function claimOrphanedDeliveries(
  prisma: PrismaClient,
  { owner, leaseUntil, limit }: { owner: string; leaseUntil: Date; limit: number },
): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
      WITH orphaned AS (
        SELECT "id" FROM "Delivery" WHERE "status" = 'in_flight' AND "leaseExpiresAt" < now()
        LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      UPDATE "Delivery" SET "leaseOwner" = ${owner}, "leaseExpiresAt" = ${leaseUntil}, "updatedAt" = now()
      FROM orphaned WHERE "Delivery"."id" = orphaned."id" RETURNING "Delivery"."id"::text AS id`;
  return rows.map((row) => row.id);
}

/**
 * The deliveries that are still ours, still due and whose post still goes out, switched to in
 * flight (one more attempt); their posts become "publishing". Returns each with its attempt number.
 */
export function startDeliveries(
  prisma: PrismaClient,
  { owner, ids, leaseUntil }: { owner: string; ids: string[]; leaseUntil: Date },
): Promise<{ id: string; postId: string; attempts: number; postNowPublishing: boolean }[]> {
  return prisma.$queryRaw<{ id: string; postId: string; attempts: number; postNowPublishing: boolean }[]>`
      WITH started AS (
        UPDATE "Delivery" d SET "status" = 'in_flight', "leaseExpiresAt" = ${leaseUntil}, "attempts" = d."attempts" + 1,
          "attemptStartedAt" = now(), "updatedAt" = now()
        FROM "Post" p
        WHERE d."id" = ANY(${ids}::uuid[]) AND d."status" = 'pending' AND d."leaseOwner" = ${owner} AND d."nextAttemptAt" <= now()
          AND p."id" = d."postId" AND p."status" IN ('scheduled', 'publishing')
        RETURNING d."id", d."postId", d."attempts"),
      -- Locked in id order, as every writer of these posts does, so that two processes starting deliveries of the same posts never deadlock.
      to_publish AS (
        SELECT "id" FROM "Post" WHERE "id" IN (SELECT "postId" FROM started) AND "status" = 'scheduled' ORDER BY "id" FOR UPDATE),
      publishing AS (
        UPDATE "Post" p SET "status" = 'publishing', "updatedAt" = now()
        FROM to_publish t WHERE p."id" = t."id" AND p."status" = 'scheduled' RETURNING p."id")
      SELECT s."id"::text AS id, s."postId"::text AS "postId", s."attempts", s."postId" IN (SELECT "id" FROM publishing) AS "postNowPublishing"
      FROM started s`;
}

/** Extends the preparing leases of the deliveries still ours; returns those renewed. */
export async function renewDeliveryLeases(
  prisma: PrismaClient,
  { owner, ids, leaseUntil }: { owner: string; ids: string[]; leaseUntil: Date },
): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
      UPDATE "Delivery" SET "leaseExpiresAt" = ${leaseUntil}
      WHERE "id" = ANY(${ids}::uuid[]) AND "status" = 'pending' AND "leaseOwner" = ${owner} RETURNING "id"::text AS id`;
  return rows.map((row) => row.id);
}

/** One delivery's new state, as the worker's write hands it over. */
export type DeliveryOutcomeRow = {
  id: string;
  from: string;
  status: string;
  remoteId: string | null;
  remoteUrl: string | null;
  publishedAt: string | null;
  nextAttemptAt: string | null;
  leaseExpiresAt: string | null;
  code: string | null;
  message: string | null;
};

/**
 * Records outcomes in one transaction of two statements: the posts of the deliveries are locked
 * in id order; then the deliveries still ours in the state we left them are updated, their
 * posts' statuses refreshed and one audit event written per finished delivery. Returns the
 * deliveries updated.
 */
export async function recordDeliveryOutcomes(
  prisma: PrismaClient,
  { owner, postIds, rows, audit }: { owner: string; postIds: string[]; rows: DeliveryOutcomeRow[]; audit: unknown[] },
): Promise<{ id: string; postId: string }[]> {
  // Prisma keeps timestamps as UTC without a zone; the trailing Z of the ISO text is ignored by the cast.
  // Sub-statements of one WITH do not see each other's changes, so the counts take the new delivery states from "updated".
  const [, updated] = await prisma.$transaction([
    prisma.$queryRaw`SELECT "id" FROM "Post" WHERE "id" = ANY(${postIds}::uuid[]) ORDER BY "id" FOR UPDATE`,
    prisma.$queryRaw<{ id: string; postId: string }[]>`
        WITH updated AS (
          UPDATE "Delivery" d SET "status" = o."status"::"DeliveryStatus", "remoteId" = o."remoteId", "remoteUrl" = o."remoteUrl",
            "publishedAt" = o."publishedAt", "nextAttemptAt" = o."nextAttemptAt", "lastErrorCode" = o."code", "lastErrorMessage" = o."message",
            "attempts" = d."attempts" + CASE WHEN o."from" = 'pending' THEN 1 ELSE 0 END,
            "leaseOwner" = NULL, "leaseExpiresAt" = o."leaseExpiresAt", "updatedAt" = now()
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS o("id" uuid, "from" text, "status" text, "remoteId" text, "remoteUrl" text,
            "publishedAt" timestamp(3), "nextAttemptAt" timestamp(3), "leaseExpiresAt" timestamp(3), "code" text, "message" text)
          WHERE d."id" = o."id" AND d."status" = o."from"::"DeliveryStatus" AND d."leaseOwner" = ${owner}
          RETURNING d."id", d."postId", d."status", d."publishedAt"),
        counts AS (
          SELECT d."postId", count(*) AS "total",
            count(*) FILTER (WHERE coalesce(u."status", d."status") = 'published') AS "published",
            count(*) FILTER (WHERE coalesce(u."status", d."status") IN ('published', 'failed')) AS "finished",
            min(coalesce(u."publishedAt", d."publishedAt")) FILTER (WHERE coalesce(u."status", d."status") = 'published') AS "firstPublishedAt"
          FROM "Delivery" d LEFT JOIN updated u ON u."id" = d."id"
          WHERE d."postId" IN (SELECT "postId" FROM updated WHERE "status" IN ('published', 'failed')) AND coalesce(u."status", d."status") <> 'cancelled'
          GROUP BY d."postId"),
        refreshed AS (
          UPDATE "Post" p SET "status" = (CASE WHEN c."published" = c."total" THEN 'published' WHEN c."published" > 0 THEN 'partially_published' ELSE 'failed' END)::"PostStatus",
            "publishedAt" = c."firstPublishedAt", "updatedAt" = now()
          FROM counts c WHERE p."id" = c."postId" AND c."finished" = c."total"),
        audited AS (
          INSERT INTO "AuditEvent" ("actorId", "actorLabel", "action", "targetType", "targetId", "unitId", "changes", "ip", "requestId")
          SELECT a."actorId", a."actorLabel", a."action", a."targetType", a."targetId", a."unitId", a."changes", a."ip", a."requestId"
          FROM jsonb_to_recordset(${JSON.stringify(audit)}::jsonb) AS a("deliveryId" uuid, "actorId" uuid, "actorLabel" text, "action" text,
            "targetType" text, "targetId" text, "unitId" uuid, "changes" jsonb, "ip" text, "requestId" text)
          WHERE a."deliveryId" IN (SELECT "id" FROM updated))
        SELECT "id"::text AS id, "postId"::text AS "postId" FROM updated`,
  ]);
  return updated;
}

import type { PrismaClient } from "@server/db/client.js";

/**
 * Fixed-window counter kept in the database, so every server process sharing it sees the
 * same count. Returns whether this hit is within the limit and when the window ends.
 */
export async function countHit(
  prisma: PrismaClient,
  key: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: count <= limit, retryAfterSeconds };
}

export async function pruneRateLimitCounters(prisma: PrismaClient, olderThan: Date): Promise<void> {
  await prisma.rateLimitCounter.deleteMany({ where: { windowStart: { lt: olderThan } } });
}

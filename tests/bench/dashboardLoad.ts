import type pg from "pg";

// What the dashboard reads besides the items themselves, written straight into PostgreSQL after
// loadInboxItems (tests/bench/inboxLoad.ts): the timeline events behind the reopen rate, two
// years of posts with their deliveries, and early warnings. Set-based INSERT … SELECT; like the
// items' ids, the random choices differ from run to run, the proportions do not.

const SPAN = "730 days";
// The LATERAL subqueries below name a column of the row they belong to ("g AS k", "p.id AS post"):
// otherwise PostgreSQL may evaluate them, and their random(), once for all rows.

/** A status move on an item's timeline, as server/commands/inbox.ts records it. */
const statusEvent = (from: string, to: string, at: string) =>
  `SELECT i."id", 'status', 'internal', jsonb_build_object('status', jsonb_build_object('from', '${from}', 'to', '${to}')), ${at} FROM "InboxItem" i`;

/**
 * Replies for answered items, status moves for resolved ones, and resolve-then-reopen for those
 * reopened (also the resolved ones that were reopened once, about 3 %, before being resolved again).
 */
export async function loadInboxEvents(db: pg.Pool): Promise<number> {
  const insert = `INSERT INTO "InboxEvent" ("itemId", "type", "visibility", "data", "createdAt")`;
  const counts = await Promise.all([
    db.query(`INSERT INTO "InboxEvent" ("itemId", "type", "body", "visibility", "data", "createdAt")
      SELECT i."id", 'reply', 'Terima kasih, laporan Anda sedang kami tindak lanjuti.', 'public',
        jsonb_build_object('status', jsonb_build_object('from', 'in_progress', 'to', 'answered')), i."firstRespondedAt"
      FROM "InboxItem" i WHERE i."firstRespondedAt" IS NOT NULL`),
    db.query(`${insert} ${statusEvent("answered", "resolved", `i."resolvedAt"`)} WHERE i."resolvedAt" IS NOT NULL`),
    db.query(`${insert} ${statusEvent("answered", "resolved", `i."firstRespondedAt" + interval '1 hour'`)}
      WHERE i."status" = 'reopened' AND i."firstRespondedAt" IS NOT NULL
        OR i."status" = 'resolved' AND i."firstRespondedAt" < i."resolvedAt" - interval '2 hours' AND random() < 0.03`),
  ]);
  // The reopening follows each extra resolution made above (the resolved ones later resolved again).
  const reopened = await db.query(`${insert}
    SELECT e."itemId", 'status', 'internal', jsonb_build_object('status', jsonb_build_object('from', 'resolved', 'to', 'reopened')), e."createdAt" + interval '30 minutes'
    FROM "InboxEvent" e JOIN "InboxItem" i ON i."id" = e."itemId"
    WHERE e."type" = 'status' AND e."data"->'status'->>'to' = 'resolved' AND (i."resolvedAt" IS NULL OR e."createdAt" < i."resolvedAt")`);
  await db.query(`VACUUM ANALYZE "InboxEvent"`);
  // The reopenings marked their items (a trigger), which changed their daily counts: folded in,
  // and everything vacuumed again for index-only scans, as autovacuum keeps a database in use.
  await db.query(`SELECT inbox_daily_count_fold()`);
  await db.query(`VACUUM ANALYZE "InboxItem", "InboxDailyCount", "InboxMonthlyCount", "InboxDailyCountDelta"`);
  return counts.reduce((sum, result) => sum + (result.rowCount ?? 0), reopened.rowCount ?? 0);
}

/**
 * `count` posts over two years (more lately), by the OPD and kecamatan, each to two to four of
 * the connected channels; most published within minutes of their schedule, a few late, about 2 %
 * of deliveries failed.
 */
export async function loadPosts(db: pg.Pool, count: number): Promise<number> {
  await db.query(`
    CREATE TEMP TABLE bench_post_units AS SELECT row_number() OVER (ORDER BY "path") AS n, "id" FROM "Unit" WHERE "type" IN ('opd', 'kecamatan') AND "active";
    CREATE TEMP TABLE bench_channels AS SELECT row_number() OVER (ORDER BY "kind", "id") AS n, "id" FROM "Channel";`);
  try {
    await db.query(
      `INSERT INTO "Post" ("id", "unitId", "authorId", "title", "body", "hashtags", "slug", "status", "scheduledAt", "publishedAt", "reviewedById", "reviewedAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), pu."id", author."id", 'Pengumuman ' || g, 'Informasi layanan publik nomor ' || g || '.', ARRAY['SanggauMelayani'], 'bench-post-' || g,
        'published', t.scheduled, t.scheduled + interval '1 minute', author."id", t.scheduled - interval '1 day', t.scheduled - interval '2 days', t.scheduled
      FROM generate_series(1, $1::int) g
      CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now() - interval '${SPAN}' * (1 - sqrt(random()))) AS scheduled, g AS k) t
      JOIN bench_post_units pu ON pu.n = 1 + (g % (SELECT count(*) FROM bench_post_units))
      CROSS JOIN (SELECT "id" FROM "User" WHERE "email" = 'humas@sanggau.demo') author`,
      [count],
    );
    // Channel c of the post goes out when (position + c) mod 4 < 3: three channels of four in turn.
    const deliveries = await db.query(`
      INSERT INTO "Delivery" ("id", "postId", "channelId", "status", "attempts", "remoteId", "publishedAt", "lastErrorCode", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), p."id", c."id", d.status::"DeliveryStatus", 1, CASE WHEN d.status = 'published' THEN 'bench-' || p."slug" || '-' || c.n END,
        CASE WHEN d.status = 'published' THEN p."scheduledAt" + d.delay END, CASE WHEN d.status = 'failed' THEN 'rejected' END, p."createdAt",
        p."scheduledAt" + d.delay
      FROM "Post" p CROSS JOIN bench_channels c
      CROSS JOIN LATERAL (SELECT CASE WHEN random() < 0.02 THEN 'failed' ELSE 'published' END AS status,
        CASE WHEN random() < 0.9 THEN interval '1 second' * (random() * 120) ELSE interval '1 minute' * (5 + random() * 55) END AS delay, p."id" AS post, c.n AS k) d
      WHERE p."slug" LIKE 'bench-post-%' AND (hashtext(p."slug") + c.n) % 4 <> 0`);
    // Engagement as the refresh keeps it, for the deliveries on channels that report it; views on most.
    await db.query(`
      INSERT INTO "DeliveryEngagement" ("deliveryId", "reactions", "comments", "shares", "views", "fetchedAt")
      SELECT d."id", (random() * 200)::int, (random() * 30)::int, (random() * 20)::int, CASE WHEN random() < 0.8 THEN (random() * 5000)::int END, d."publishedAt" + interval '1 day'
      FROM "Delivery" d JOIN "Channel" c ON c."id" = d."channelId"
      WHERE d."status" = 'published' AND d."remoteId" LIKE 'bench-%' AND c."kind" IN ('facebook', 'instagram', 'x')`);
    // Vacuumed as autovacuum keeps a database in use: the rollup's rows were rewritten by each insert above.
    await db.query(`VACUUM ANALYZE "Post", "Delivery", "DeliveryEngagement", "PublishingDay"`);
    return deliveries.rowCount ?? 0;
  } finally {
    await db.query(`DROP TABLE bench_post_units; DROP TABLE bench_channels`);
  }
}

/** `count` early warnings over two years for a category and kecamatan, most acknowledged within hours. */
export async function loadEarlyWarnings(db: pg.Pool, count: number): Promise<void> {
  await db.query(
    `INSERT INTO "EarlyWarning" ("id", "category", "placeUnitId", "unitId", "windowStart", "windowEnd", "count", "baseline", "status", "raisedAt", "acknowledgedAt")
    SELECT gen_random_uuid(), (ARRAY['infrastruktur', 'lingkungan', 'kesehatan', 'sosial', 'utilitas'])[1 + g % 5], k."id", k."id",
      t.raised - interval '6 hours', t.raised, 10 + g % 30, 3, 'acknowledged', t.raised, t.raised + interval '1 minute' * (5 + random() * 600)
    FROM generate_series(1, $1::int) g
    CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now() - interval '${SPAN}' * random()) AS raised, g AS k) t
    JOIN (SELECT row_number() OVER (ORDER BY "path") AS n, "id" FROM "Unit" WHERE "type" = 'kecamatan') k ON k.n = 1 + g % 5`,
    [count],
  );
  await db.query(`ANALYZE "EarlyWarning"`);
}

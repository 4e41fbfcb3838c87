import { randomUUID } from "node:crypto";
import { preparePublishing } from "../crash/fixture.js";
import { openDatabase } from "@server/db/client.js";
import { recountRollups } from "@server/reporting/recount.js";
import { setReportingSettings } from "@server/reporting/settings.js";
import { loadPosts } from "./dashboardLoad.js";
import { loadInboxItems } from "./inboxLoad.js";
import { percentile, printTable, seconds, type Row } from "./table.js";

// Changing the organisation's reporting zone counts every rollup again while the app runs: how
// long that takes over 1,000,000 inbox items (and 50,000 posts), and how long inbox writes made
// meanwhile take (they must not wait for the recount).

const BULK_ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const BULK_POSTS = 50_000;

export async function reportingZoneBenchmark(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log("skipped: needs DATABASE_URL (a million items need PostgreSQL)");
    return;
  }
  const fixture = await preparePublishing(adminUrl, { posts: 0, kinds: ["facebook"] });
  const { db: pool } = fixture;
  const url = fixture.serverEnv(0).DATABASE_URL!;
  const db = await openDatabase({ kind: "postgres", url });
  try {
    let t0 = performance.now();
    await loadInboxItems(pool, BULK_ITEMS);
    await loadPosts(pool, BULK_POSTS);
    console.log(
      `seeded ${BULK_ITEMS.toLocaleString("en")} items and ${BULK_POSTS.toLocaleString("en")} posts in ${seconds(performance.now() - t0)} s`,
    );
    const unitId = (await pool.query<{ id: string }>(`SELECT "id" FROM "Unit" WHERE "parentId" IS NULL LIMIT 1`))
      .rows[0]!.id;

    const rows: Row[] = [];
    for (const timeZone of ["Asia/Makassar", "Asia/Jayapura", "Asia/Jakarta"] as const) {
      await setReportingSettings(db.prisma, {
        origin: { actor: null, label: "benchmark" },
        settings: { timeZone, onTimeToleranceMinutes: 5 },
      });
      // An item written every 50 ms during the recount, as arrivals would be.
      const writes: number[] = [];
      let recounting = true;
      const writer = (async () => {
        while (recounting) {
          const started = performance.now();
          await insertItem(pool, unitId);
          writes.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      t0 = performance.now();
      await recountRollups({ db, prisma: db.prisma });
      const ms = performance.now() - t0;
      recounting = false;
      await writer;
      const fresh = await pool.query<{ same: boolean }>(`
        SELECT (SELECT sum("received") FROM "InboxDailyCount") + coalesce((SELECT sum("received") FROM "InboxDailyCountDelta"), 0)
          = (SELECT count(*) FROM "InboxItem" WHERE "status" <> 'closed_spam') AS "same"`);
      // The publishing part alone (its tables are held for reading while it runs: publishing waits).
      t0 = performance.now();
      await pool.query("SELECT publishing_day_recount()");
      const publishingMs = performance.now() - t0;
      rows.push({
        zone: timeZone,
        "publishing part, run alone (s)": seconds(publishingMs),
        "recount (s)": seconds(ms),
        "s per million items": seconds((ms * 1_000_000) / BULK_ITEMS),
        "writes meanwhile": writes.length,
        "write p95 (ms)": Math.round(percentile(writes, 0.95)),
        "write max (ms)": Math.round(Math.max(...writes)),
        "counts = items": fresh.rows[0]!.same ? "yes" : "NO",
      });
    }
    printTable(
      `Recounting the rollups after a change of zone (${BULK_ITEMS.toLocaleString("en")} items, PostgreSQL)`,
      rows,
    );
  } finally {
    await db.close();
    await fixture.close();
  }
}

async function insertItem(pool: import("pg").Pool, unitId: string): Promise<void> {
  const conversation = randomUUID();
  await pool.query(
    `WITH c AS (INSERT INTO "Conversation" ("id", "source", "threadKey", "authorKey", "lastItemAt") VALUES ($1::uuid, 'web_report', $1::text, $1::text, now()) RETURNING "id")
     INSERT INTO "InboxItem" ("id", "conversationId", "source", "platformId", "authorName", "text", "sentAt", "receivedAt", "status", "unitId", "updatedAt")
     SELECT $2::uuid, c."id", 'web_report', $2::text, 'Warga', 'Jalan rusak', now(), now(), 'new', $3::uuid, now() FROM c`,
    [conversation, randomUUID(), unitId],
  );
}

import type pg from "pg";
import { checkExactlyOnce, type DeliveryOutcome } from "../crash/exactlyOnce.js";
import { freePort, makeDue, preparePublishing, recordClaims, unfinishedDeliveries } from "../crash/fixture.js";
import { killAllSiarProcesses, spawnSiar, type SiarProcess } from "../crash/processes.js";
import { percentile, printTable, seconds } from "./table.js";

// 1,000 posts fall due at the same instant, each to Facebook, Instagram (with an image), X and
// the website, on the platform sandbox; two Siar server processes share the work on PostgreSQL.
// The posts are scheduled a minute ahead, as users schedule announcements in advance, so the
// workers prepare them (media containers, uploads) before their time and send only the final
// call when it comes. Lateness of a delivery = publishedAt − the post's scheduledAt.

const POSTS = 1_000;
const PROCESSES = 2;
/** How far ahead of their time the posts are scheduled, counted from when both processes are up. */
const SCHEDULED_AHEAD_MS = 60_000;
const FINISH_WITHIN_MS = 15 * 60_000;
const TARGET_P99_MS = 5_000;

export async function publishingBenchmark(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log(
      "skipped: needs DATABASE_URL (two server processes share one PostgreSQL; PGlite is one process by design)",
    );
    return;
  }
  const seedingStarted = performance.now();
  const fixture = await preparePublishing(adminUrl, { posts: POSTS, kinds: ["facebook", "instagram", "x", "website"] });
  console.log(`seeded ${POSTS} posts in ${seconds(performance.now() - seedingStarted)} s`);
  try {
    await recordClaims(fixture.db);
    const servers = await Promise.all(
      Array.from({ length: PROCESSES }, async () => spawnSiar(fixture.serverEnv(await freePort()))),
    );
    const dueAt = new Date(Date.now() + SCHEDULED_AHEAD_MS);
    await makeDue(fixture.db, dueAt);
    const deadline = Date.now() + FINISH_WITHIN_MS;
    while ((await unfinishedDeliveries(fixture.db)) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    await Promise.all(servers.map((server) => server.kill()));

    const report = await checkExactlyOnce(fixture.db, fixture.sandbox, fixture.posts);
    const timelines = await timelineOfEachDelivery(fixture.db);
    printSummary(report.outcomes, report, dueAt);
    printPerChannel(report.outcomes, timelines);
    printPerProcess(servers, timelines);
  } finally {
    await killAllSiarProcesses();
    await fixture.close();
  }
}

type Claim = { leaseOwner: string; claimedAtMs: number };
/** When a delivery was first claimed (to prepare it), by whom, and when its last final call started. */
type Timeline = Claim & { finalCallAtMs: number | null };

async function timelineOfEachDelivery(db: pg.Pool): Promise<Map<string, Timeline>> {
  const { rows } = await db.query<{
    deliveryId: string;
    leaseOwner: string;
    claimedAtMs: number;
    finalCallAtMs: number | null;
  }>(`
    SELECT DISTINCT ON (c."deliveryId") c."deliveryId", c."leaseOwner", extract(epoch FROM c."claimedAt") * 1000 AS "claimedAtMs",
      extract(epoch FROM d."attemptStartedAt") * 1000 AS "finalCallAtMs"
    FROM "FixtureClaim" c JOIN "Delivery" d ON d."id" = c."deliveryId" ORDER BY c."deliveryId", c."claimedAt"`);
  return new Map(
    rows.map((row) => [
      row.deliveryId,
      {
        leaseOwner: row.leaseOwner,
        claimedAtMs: Number(row.claimedAtMs),
        finalCallAtMs: row.finalCallAtMs === null ? null : Number(row.finalCallAtMs),
      },
    ]),
  );
}

const latenessOf = (outcome: DeliveryOutcome) => outcome.publishedAtMs! - outcome.scheduledAtMs;

function printSummary(
  outcomes: DeliveryOutcome[],
  report: Awaited<ReturnType<typeof checkExactlyOnce>>,
  dueAt: Date,
): void {
  const published = outcomes.filter((o) => o.publishedAtMs !== null);
  const lateness = published.map(latenessOf);
  const lastPublishedMs = Math.max(...published.map((o) => o.publishedAtMs!));
  const p99 = percentile(lateness, 99);
  printTable(
    `Publishing ${POSTS} posts due at once, scheduled ${SCHEDULED_AHEAD_MS / 1000} s ahead, ${PROCESSES} server processes, PUBLISH_INTERVAL_SECONDS=1`,
    [
      { figure: "posts", value: POSTS },
      { figure: "deliveries", value: outcomes.length },
      { figure: "published", value: published.length },
      { figure: "lateness p50 (s)", value: seconds(percentile(lateness, 50)) },
      { figure: `lateness p99 (s), target < ${TARGET_P99_MS / 1000}`, value: seconds(p99) },
      { figure: "lateness max (s)", value: seconds(Math.max(...lateness)) },
      {
        figure: "deliveries per second",
        value: (published.length / ((lastPublishedMs - dueAt.getTime()) / 1000)).toFixed(1),
      },
      { figure: "duplicates (must be 0)", value: report.duplicates.length },
      { figure: "lost (must be 0)", value: report.lost.length },
    ],
  );
  if (p99 >= TARGET_P99_MS) console.log(`target missed: p99 lateness ${seconds(p99)} s ≥ ${TARGET_P99_MS / 1000} s`);
}

/** Where the time goes: preparing ahead, then from the scheduled time to the final call, then the final call itself. */
function printPerChannel(outcomes: DeliveryOutcome[], timelines: Map<string, Timeline>): void {
  const kinds = [...new Set(outcomes.map((o) => o.kind))];
  printTable(
    "Per channel (s): claimed to prepare before due; lateness = due → final call started + final call → published",
    kinds.map((kind) => {
      const done = outcomes.filter(
        (o) => o.kind === kind && o.publishedAtMs !== null && timelines.get(o.deliveryId)?.finalCallAtMs != null,
      );
      const finalCallAt = (o: DeliveryOutcome) => timelines.get(o.deliveryId)!.finalCallAtMs!;
      const claimedAhead = done.map((o) => o.scheduledAtMs - timelines.get(o.deliveryId)!.claimedAtMs);
      const untilFinalCall = done.map((o) => finalCallAt(o) - o.scheduledAtMs);
      const finalCall = done.map((o) => o.publishedAtMs! - finalCallAt(o));
      return {
        channel: kind,
        n: done.length,
        "claimed ahead min": seconds(Math.min(...claimedAhead)),
        "lateness p50": seconds(percentile(done.map(latenessOf), 50)),
        "lateness p99": seconds(percentile(done.map(latenessOf), 99)),
        "due→final call p50": seconds(percentile(untilFinalCall, 50)),
        "due→final call p99": seconds(percentile(untilFinalCall, 99)),
        "final call→published p50": seconds(percentile(finalCall, 50)),
        "final call→published p99": seconds(percentile(finalCall, 99)),
      };
    }),
  );
}

function printPerProcess(servers: SiarProcess[], claims: Map<string, Claim>): void {
  const total = claims.size;
  printTable(
    'Deliveries per server process (first claim of each delivery, recorded by a trigger on "leaseOwner")',
    servers.map((server, i) => {
      const count = [...claims.values()].filter((claim) => claim.leaseOwner === server.workerId).length;
      return {
        process: `#${i + 1} pid ${server.pid}`,
        deliveries: count,
        share: `${Math.round((100 * count) / total)} %`,
      };
    }),
  );
}

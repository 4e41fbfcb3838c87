import type pg from "pg";
import { checkExactlyOnce, type DeliveryOutcome } from "../crash/exactlyOnce.js";
import { freePort, makeDue, preparePublishing, recordClaims, unfinishedDeliveries } from "../crash/fixture.js";
import { killAllSiarProcesses, spawnSiar, type SiarProcess } from "../crash/processes.js";
import { percentile, printTable, seconds } from "./table.js";

// 1,000 posts fall due at the same instant, each to Facebook, Instagram (with an image), X and
// the website, on the platform sandbox; two Siar server processes share the work on PostgreSQL.
// Lateness of a delivery = publishedAt − the post's scheduledAt.

const POSTS = 1_000;
const PROCESSES = 2;
/** Both processes are up and idle before the posts fall due. */
const DUE_AFTER_READY_MS = 2_000;
const FINISH_WITHIN_MS = 15 * 60_000;
const TARGET_P99_MS = 5_000;

export async function publishingBenchmark(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log("skipped: needs DATABASE_URL (two server processes share one PostgreSQL; PGlite is one process by design)");
    return;
  }
  const seedingStarted = performance.now();
  const fixture = await preparePublishing(adminUrl, { posts: POSTS, kinds: ["facebook", "instagram", "x", "website"] });
  console.log(`seeded ${POSTS} posts in ${seconds(performance.now() - seedingStarted)} s`);
  try {
    await recordClaims(fixture.db);
    const servers = await Promise.all(Array.from({ length: PROCESSES }, async () => spawnSiar(fixture.serverEnv(await freePort()))));
    const dueAt = new Date(Date.now() + DUE_AFTER_READY_MS);
    await makeDue(fixture.db, dueAt);
    const deadline = Date.now() + FINISH_WITHIN_MS;
    while ((await unfinishedDeliveries(fixture.db)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await Promise.all(servers.map((server) => server.kill()));

    const report = await checkExactlyOnce(fixture.db, fixture.sandbox, fixture.posts);
    const firstClaims = await firstClaimOfEachDelivery(fixture.db);
    printSummary(report.outcomes, report, dueAt);
    printPerChannel(report.outcomes, firstClaims);
    printPerProcess(servers, firstClaims);
  } finally {
    await killAllSiarProcesses();
    await fixture.close();
  }
}

type Claim = { leaseOwner: string; claimedAtMs: number };

async function firstClaimOfEachDelivery(db: pg.Pool): Promise<Map<string, Claim>> {
  const { rows } = await db.query<{ deliveryId: string; leaseOwner: string; claimedAtMs: number }>(`
    SELECT DISTINCT ON ("deliveryId") "deliveryId", "leaseOwner", extract(epoch FROM "claimedAt") * 1000 AS "claimedAtMs"
    FROM "FixtureClaim" ORDER BY "deliveryId", "claimedAt"`);
  return new Map(rows.map((row) => [row.deliveryId, { leaseOwner: row.leaseOwner, claimedAtMs: Number(row.claimedAtMs) }]));
}

const latenessOf = (outcome: DeliveryOutcome) => outcome.publishedAtMs! - outcome.scheduledAtMs;

function printSummary(outcomes: DeliveryOutcome[], report: Awaited<ReturnType<typeof checkExactlyOnce>>, dueAt: Date): void {
  const published = outcomes.filter((o) => o.publishedAtMs !== null);
  const lateness = published.map(latenessOf);
  const lastPublishedMs = Math.max(...published.map((o) => o.publishedAtMs!));
  const p99 = percentile(lateness, 99);
  printTable(`Publishing ${POSTS} posts due at once, ${PROCESSES} server processes, PUBLISH_INTERVAL_SECONDS=1`, [
    { figure: "posts", value: POSTS },
    { figure: "deliveries", value: outcomes.length },
    { figure: "published", value: published.length },
    { figure: "lateness p50 (s)", value: seconds(percentile(lateness, 50)) },
    { figure: `lateness p99 (s), target < ${TARGET_P99_MS / 1000}`, value: seconds(p99) },
    { figure: "lateness max (s)", value: seconds(Math.max(...lateness)) },
    { figure: "deliveries per second", value: (published.length / ((lastPublishedMs - dueAt.getTime()) / 1000)).toFixed(1) },
    { figure: "duplicates (must be 0)", value: report.duplicates.length },
    { figure: "lost (must be 0)", value: report.lost.length },
  ]);
  if (p99 >= TARGET_P99_MS) console.log(`target missed: p99 lateness ${seconds(p99)} s ≥ ${TARGET_P99_MS / 1000} s`);
}

/** Where the time goes: waiting to be claimed, then the platform calls of the claim itself. */
function printPerChannel(outcomes: DeliveryOutcome[], claims: Map<string, Claim>): void {
  const kinds = [...new Set(outcomes.map((o) => o.kind))];
  printTable(
    "Per channel (s): lateness = waiting for a claim + claim to published",
    kinds.map((kind) => {
      const done = outcomes.filter((o) => o.kind === kind && o.publishedAtMs !== null && claims.has(o.deliveryId));
      const waited = done.map((o) => claims.get(o.deliveryId)!.claimedAtMs - o.scheduledAtMs);
      const sending = done.map((o) => o.publishedAtMs! - claims.get(o.deliveryId)!.claimedAtMs);
      return {
        channel: kind,
        n: done.length,
        "lateness p50": seconds(percentile(done.map(latenessOf), 50)),
        "lateness p99": seconds(percentile(done.map(latenessOf), 99)),
        "wait p50": seconds(percentile(waited, 50)),
        "wait p99": seconds(percentile(waited, 99)),
        "claim→published p50": seconds(percentile(sending, 50)),
        "claim→published p99": seconds(percentile(sending, 99)),
      };
    }),
  );
}

function printPerProcess(servers: SiarProcess[], claims: Map<string, Claim>): void {
  const total = claims.size;
  printTable(
    "Deliveries per server process (first claim of each delivery, recorded by a trigger on \"leaseOwner\")",
    servers.map((server, i) => {
      const count = [...claims.values()].filter((claim) => claim.leaseOwner === server.workerId).length;
      return { process: `#${i + 1} pid ${server.pid}`, deliveries: count, share: `${Math.round((100 * count) / total)} %` };
    }),
  );
}

import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Socket } from "socket.io-client";
import { createCitizenTextGenerator } from "@server/sandbox/citizenText.js";
import { createRandom } from "@server/sandbox/random.js";
import { freePort, makeDue, preparePublishing, unfinishedDeliveries } from "../crash/fixture.js";
import { killAllSiarProcesses, spawnSiar } from "../crash/processes.js";
import { signedIn } from "../helpers/client.js";
import { recordingSocket, type SocketEvent } from "../helpers/sockets.js";
import { ingestionDeliveries, objectOf } from "./inbox.js";
import { commentEvent, type MetaAccounts, postEvent } from "./metaEvents.js";
import { percentile, printTable, seconds, type Row } from "./table.js";

// Scale-out: 1, 2 and 4 Siar server processes (spawned, as in production) on one fresh
// PostgreSQL database each time. Webhook ingestion spread over the processes, publishing shared
// by their workers, and live updates and presence crossing from one process to another through
// socket.io's PostgreSQL adapter.

const PROCESS_COUNTS = [1, 2, 4];
const DISTINCT_COMMENTS = 4_000;
const SENDERS = 16;
const POSTS = 300;
const KINDS = ["facebook", "website"] as const;
const FINISH_WITHIN_MS = 180_000;
const LIVE_EVENTS = 40;
const LIVE_RATE_PER_S = 5;
const PRESENCE_ROUNDS = 20;
/** Long enough for every process to have heard the others' heartbeat (server/realtime/cluster.ts). */
const CLUSTER_SETTLE_MS = 5_000;
const META_APP_SECRET = randomBytes(16).toString("hex");

type Run = {
  processes: number;
  ingestPerS: number;
  publishPerS: number;
  live: number[];
  liveSent: number;
  presence: number[];
};

export async function scaleOutBenchmark(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log("skipped: needs DATABASE_URL (several server processes share one PostgreSQL)");
    return;
  }
  const runs: Run[] = [];
  for (const processes of PROCESS_COUNTS) runs.push(await runWith(adminUrl, processes));
  const base = runs[0]!;
  const linearity = (value: number, baseValue: number, processes: number) =>
    `${Math.round((100 * value) / (baseValue * processes))} %`;
  printTable(
    "Scale-out on one PostgreSQL (2 cores shared by PostgreSQL, the server processes and this bench; other work on the machine makes figures noisy). Linear = the 1-process figure × processes",
    runs.map(
      (run): Row => ({
        processes: run.processes,
        "ingested/s": run.ingestPerS.toFixed(0),
        "of linear": linearity(run.ingestPerS, base.ingestPerS, run.processes),
        "published/s": run.publishPerS.toFixed(1),
        "of linear ": linearity(run.publishPerS, base.publishPerS, run.processes),
        "live seen": `${run.live.length}/${run.liveSent}`,
        "live p50 ms": percentile(run.live, 50).toFixed(0),
        "live p95 ms": percentile(run.live, 95).toFixed(0),
        "presence seen": `${run.presence.length}/${PRESENCE_ROUNDS}`,
        "presence p50 ms": percentile(run.presence, 50).toFixed(0),
        "presence p95 ms": percentile(run.presence, 95).toFixed(0),
      }),
    ),
  );
}

async function runWith(adminUrl: string, processes: number): Promise<Run> {
  console.log(`\n-- ${processes} process(es): seeding ${POSTS} posts on a fresh database`);
  const fixture = await preparePublishing(adminUrl, { posts: POSTS, kinds: [...KINDS] });
  try {
    const servers = await Promise.all(
      Array.from({ length: processes }, async () =>
        spawnSiar({
          ...fixture.serverEnv(await freePort()),
          META_APP_ID: "1234567890",
          META_APP_SECRET,
          META_LOGIN_CONFIG_ID: "1200334455667788",
          META_WEBHOOK_VERIFY_TOKEN: randomBytes(16).toString("hex"),
          // Publishing waits until it is measured: the posts are parked a day ahead until makeDue.
          LOGIN_RATE_LIMIT_PER_IP: "100000",
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, CLUSTER_SETTLE_MS));
    const urls = servers.map((server) => server.url);
    const { pageId, igUserId } = fixture.sandbox.credentials.graph;
    const { wabaId, phoneNumberId } = fixture.sandbox.credentials.whatsapp;
    const accounts = { pageId, igUserId, wabaId, phoneNumberId };
    const ingestPerS = await ingestion(urls, fixture.db, accounts);
    const { live, liveSent, presence } = await acrossProcesses(urls, fixture.db, accounts);
    const publishPerS = await publishing(fixture.db);
    await Promise.all(servers.map((server) => server.kill()));
    return { processes, ingestPerS, publishPerS, live, liveSent, presence };
  } finally {
    await killAllSiarProcesses();
    await fixture.close();
  }
}

/** Distinct comments triaged per second, the deliveries spread round-robin over the processes. */
async function ingestion(urls: string[], db: pg.Pool, accounts: MetaAccounts): Promise<number> {
  const { deliveries, distinct } = ingestionDeliveries(accounts, DISTINCT_COMMENTS, META_APP_SECRET);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let i = next++; i < deliveries.length; i = next++) await postEvent(urls[i % urls.length]!, deliveries[i]!);
    }),
  );
  const triaged = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "InboxItem" WHERE "platformId" LIKE 'ing-%' AND "status" <> 'new'`,
      )
    ).rows[0]!.n;
  let done = await triaged();
  while (done < distinct && performance.now() - started < FINISH_WITHIN_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    done = await triaged();
  }
  const perS = done / ((performance.now() - started) / 1000);
  console.log(`ingestion: ${done}/${distinct} distinct comments triaged, ${perS.toFixed(0)}/s`);
  return perS;
}

/** Deliveries published per second from the moment all posts fall due. */
async function publishing(db: pg.Pool): Promise<number> {
  const total = await unfinishedDeliveries(db);
  const dueAt = new Date();
  await makeDue(db, dueAt);
  while ((await unfinishedDeliveries(db)) > 0 && Date.now() - dueAt.getTime() < FINISH_WITHIN_MS)
    await new Promise((resolve) => setTimeout(resolve, 250));
  const { rows } = await db.query<{ published: number; lastMs: number }>(
    `SELECT count(*)::int AS published, extract(epoch FROM max("publishedAt")) * 1000 AS "lastMs" FROM "Delivery" WHERE "status" = 'published'`,
  );
  const { published, lastMs } = rows[0]!;
  const perS = published / ((Number(lastMs) - dueAt.getTime()) / 1000);
  console.log(`publishing: ${published}/${total} deliveries published, ${perS.toFixed(1)}/s`);
  return perS;
}

/**
 * A humas socket on the first process hears webhooks posted to the last one (receipt → first
 * triaged update), and sees an admin on the last process open the item it has open itself.
 */
async function acrossProcesses(
  urls: string[],
  db: pg.Pool,
  accounts: MetaAccounts,
): Promise<{ live: number[]; liveSent: number; presence: number[] }> {
  const [first, last] = [urls[0]!, urls.at(-1)!];
  const sockets: Socket[] = [];
  const connect = async (url: string, email: string) => {
    const connected = await recordingSocket(url, (await signedIn(url, email)).cookie!);
    sockets.push(connected.socket);
    return connected;
  };
  try {
    const humas = await connect(first, "humas@sanggau.demo");
    const firstTriagedAt = new Map<string, number>();
    humas.socket.on("inbox.item.updated", ({ item }: { item: { id: string; status: string } }) => {
      if (item.status !== "new" && !firstTriagedAt.has(item.id)) firstTriagedAt.set(item.id, performance.now());
    });
    const random = createRandom(29);
    const texts = createCitizenTextGenerator(29);
    const sentAt = new Map<string, number>();
    const started = performance.now();
    for (let n = 0; n < LIVE_EVENTS; n++) {
      const event = commentEvent(accounts, `live-${n}`, texts.next(), objectOf(random), META_APP_SECRET);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, started + (n * 1000) / LIVE_RATE_PER_S - performance.now())),
      );
      sentAt.set(event.platformIds[0]!, performance.now());
      await postEvent(last, event);
    }
    const deadline = performance.now() + 15_000;
    while (firstTriagedAt.size < LIVE_EVENTS && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const { rows } = await db.query<{ id: string; platformId: string }>(
      `SELECT "id", "platformId" FROM "InboxItem" WHERE "platformId" LIKE 'live-%'`,
    );
    const live = rows.flatMap(({ id, platformId }) => {
      const heard = firstTriagedAt.get(id);
      return heard === undefined ? [] : [heard - sentAt.get(platformId)!];
    });

    // Presence: an admin on the last process opens and leaves the item humas has open on the first.
    const itemId = rows[0]!.id;
    const admin = await connect(last, "admin@sanggau.demo");
    humas.socket.emit("inbox.viewing", { itemId });
    const viewerCount = (events: SocketEvent[]) =>
      events.filter((e) => e.event === "inbox.presence" && e.payload.itemId === itemId).at(-1)?.payload.viewers
        .length ?? 0;
    const until = async (check: () => boolean, ms: number) => {
      const end = performance.now() + ms;
      while (!check() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
      return check();
    };
    await until(() => viewerCount(humas.events) === 1, 5000);
    const presence: number[] = [];
    for (let round = 0; round < PRESENCE_ROUNDS; round++) {
      const opened = performance.now();
      admin.socket.emit("inbox.viewing", { itemId });
      if (await until(() => viewerCount(humas.events) === 2, 5000)) presence.push(performance.now() - opened);
      admin.socket.emit("inbox.viewing", { itemId: null });
      await until(() => viewerCount(humas.events) === 1, 5000);
    }
    console.log(
      `across processes: ${live.length}/${LIVE_EVENTS} live updates heard on process 1 of webhooks posted to process ${urls.length}; presence seen ${presence.length}/${PRESENCE_ROUNDS} (after ${seconds(performance.now() - started)} s)`,
    );
    return { live, liveSent: LIVE_EVENTS, presence };
  } finally {
    for (const socket of sockets) socket.close();
  }
}

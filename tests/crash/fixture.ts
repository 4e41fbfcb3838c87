import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import { toActor, actorInclude } from "@server/auth/actor.js";
import { adminQuery } from "../helpers/postgres.js";
import type { ChannelKind } from "@server/db/generated/enums.js";
import { createPost, submitPost } from "@server/commands/posts.js";
import { loadConfig } from "@server/config.js";
import { connectSimulatedChannels } from "@server/demo/seed.js";
import { storeUpload } from "@server/media/storage.js";
import { startSandbox, type FaultSpec, type Sandbox } from "@server/sandbox/index.js";
import { DEFAULT_X_LIMITS } from "@server/sandbox/x/rateLimits.js";
import { startSiar } from "@server/server.js";

// What the crash test and the publishing benchmarks share: a PostgreSQL database of their own,
// the platform sandbox in this process, and posts seeded through Siar's own commands, due at
// an instant the caller chooses once its server processes are up.

export type PublishingKind = Extract<ChannelKind, "facebook" | "instagram" | "x" | "wordpress" | "website">;

/** A seeded post and the marker its text carries on every platform, to count its remote copies. */
export type SeededPost = { id: string; marker: string };

export type PublishingFixture = {
  sandbox: Sandbox;
  /** Plain connection to the fixture's database, for the test's own queries. */
  db: pg.Pool;
  posts: SeededPost[];
  /** The environment of a Siar server process on this database, listening on `port`. */
  serverEnv(port: number): Record<string, string>;
  close(): Promise<void>;
};

export type FixtureOptions = {
  posts: number;
  kinds: PublishingKind[];
  /** Latency on the platforms' create endpoints, so that a kill lands mid-call. */
  faults?: FaultSpec[];
};

/** Slow enough create calls that a random kill often lands while one is in flight. */
export const CREATE_LATENCY_FAULTS: FaultSpec[] = [
  { platform: "graph", method: "POST", path: "/:version/:pageId/photos", latencyMs: 80 },
  { platform: "graph", method: "POST", path: "/:version/:pageId/feed", latencyMs: 80 },
  { platform: "graph", method: "POST", path: "/:version/:igUserId/media", latencyMs: 120 },
  { platform: "graph", method: "POST", path: "/:version/:igUserId/media_publish", latencyMs: 160 },
  { platform: "x", method: "POST", path: "/2/tweets", latencyMs: 200 },
  { platform: "wordpress", method: "POST", path: "/wp-json/wp/v2/posts", latencyMs: 50 },
];

const LOOPBACK = "127.0.0.1";
/** Seeded posts wait this far ahead until `makeDue`, so that nothing publishes them early. */
const PARKED_MS = 24 * 3600_000;
/** Several createPost transactions at once: seeding 1,000 posts one by one takes too long. */
const SEEDING_CONCURRENCY = 8;

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fresh database on the PostgreSQL server of `adminUrl`, and the secrets every process on it shares. */
export async function temporaryDatabase(
  adminUrl: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const name = `siar_tmp_${randomBytes(6).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  return {
    env: {
      DATABASE_URL: url.toString(),
      SIAR_SESSION_SECRET: randomBytes(32).toString("base64url"),
      SIAR_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    },
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function preparePublishing(adminUrl: string, options: FixtureOptions): Promise<PublishingFixture> {
  const database = await temporaryDatabase(adminUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-crash-"));
  const baseEnv = { ...database.env, SIAR_DATA_DIR: dataDir, NODE_ENV: "test", HOST: LOOPBACK, SIAR_SANDBOX: "false" };

  const sandbox = await startSandbox({
    port: await freePort(),
    controlToken: randomBytes(16).toString("hex"),
    // A whole day's publishing limits would stop a benchmark long before it measures anything.
    config: { igPublishingQuota: 1_000_000, graphAppCallsPerHour: 10_000_000, graphPageCallsPerHour: 10_000_000 },
  });
  for (const endpoint of Object.keys(DEFAULT_X_LIMITS))
    sandbox.control.setXRateLimit(endpoint, { perUser: 1_000_000, perApp: 1_000_000 });
  for (const fault of options.faults ?? []) sandbox.control.addFault(fault);

  const db = new pg.Pool({ connectionString: database.env.DATABASE_URL, max: 4 });
  const close = async () => {
    await db.end();
    await sandbox.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const posts = await seedPosts(
      { ...baseEnv, PORT: "0", LOG_LEVEL: "silent", SIAR_DEMO: "true", PUBLISH_INTERVAL_SECONDS: "59" },
      sandbox,
      options,
    );
    return {
      sandbox,
      db,
      posts,
      serverEnv: (port) => ({
        ...baseEnv,
        PORT: String(port),
        SIAR_DEMO: "false",
        PUBLISH_INTERVAL_SECONDS: "1",
        LOG_LEVEL: "warn",
      }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Migrates and seeds the database with an in-process Siar (demo organisation, channels on this
 * sandbox), then creates the posts as the humas officer would; that Siar is closed afterwards so
 * that only the server processes under test ever publish.
 */
async function seedPosts(
  env: Record<string, string>,
  sandbox: Sandbox,
  options: FixtureOptions,
): Promise<SeededPost[]> {
  const siar = await startSiar(loadConfig(env));
  try {
    const { services } = siar;
    await connectSimulatedChannels(services, sandbox);
    const user = await services.prisma.user.findUniqueOrThrow({
      where: { email: "humas@sanggau.demo" },
      include: actorInclude,
    });
    const origin = { actor: toActor(user, "token"), label: "publishing fixture" };
    const root = await services.prisma.unit.findFirstOrThrow({ where: { parentId: null } });
    const channels = await services.prisma.channel.findMany({
      where: { unitId: root.id, kind: { in: options.kinds } },
    });
    if (channels.length !== options.kinds.length)
      throw new Error(`expected channels ${options.kinds.join(", ")}, found ${channels.map((c) => c.kind).join(", ")}`);
    const poster = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: "#2a6f97" } })
      .jpeg()
      .toBuffer();
    const image = await storeUpload(services, origin, {
      unitId: root.id,
      mimeType: "image/jpeg",
      originalName: "poster.jpg",
      body: poster,
    });

    const run = randomBytes(3).toString("hex");
    const parkedUntil = new Date(Date.now() + PARKED_MS);
    const seedOne = async (n: number): Promise<SeededPost> => {
      // Fixed width, so that no marker is the prefix of another.
      const marker = `kode-${run}-${String(n).padStart(5, "0")}`;
      const post = await createPost(services, {
        origin,
        post: {
          unitId: root.id,
          title: `Pengumuman ${marker}`,
          body: `Pelayanan KTP elektronik keliling hadir di Kecamatan Kapuas (${marker}).`,
          hashtags: ["SanggauMelayani"],
          mediaIds: [image.id],
          channelIds: channels.map((c) => c.id),
          scheduledAt: parkedUntil,
        },
      });
      await submitPost(services, { origin, postId: post.id });
      return { id: post.id, marker };
    };
    return await inParallel(options.posts, SEEDING_CONCURRENCY, seedOne);
  } finally {
    await siar.close();
  }
}

async function inParallel<T>(count: number, concurrency: number, work: (n: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, count) }, async () => {
    for (let n = next++; n < count; n = next++) results[n] = await work(n);
  });
  await Promise.all(runners);
  return results;
}

/** Every seeded post and its deliveries fall due at `at` (UTC, as Prisma stores timestamps). */
export async function makeDue(db: pg.Pool, at: Date): Promise<void> {
  const utc = at.toISOString().replace("Z", "");
  await db.query(`UPDATE "Post" SET "scheduledAt" = $1::timestamp WHERE "status" = 'scheduled'`, [utc]);
  await db.query(`UPDATE "Delivery" SET "nextAttemptAt" = $1::timestamp WHERE "status" = 'pending'`, [utc]);
}

/** How many deliveries are not yet published or failed. */
export async function unfinishedDeliveries(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Delivery" WHERE "status" NOT IN ('published', 'failed', 'cancelled')`,
  );
  return rows[0]!.n;
}

/**
 * Records which worker claimed which delivery, and when: the worker clears "leaseOwner" once a
 * delivery is published, so without this the split between processes would be lost. A trigger
 * in the fixture's own throwaway database; Siar's schema is untouched.
 */
export async function recordClaims(db: pg.Pool): Promise<void> {
  await db.query(`
    CREATE TABLE "FixtureClaim" ("deliveryId" uuid NOT NULL, "leaseOwner" text NOT NULL, "claimedAt" timestamptz NOT NULL DEFAULT clock_timestamp());
    CREATE FUNCTION fixture_record_claim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO "FixtureClaim" ("deliveryId", "leaseOwner") VALUES (NEW."id", NEW."leaseOwner"); RETURN NEW; END $$;
    CREATE TRIGGER fixture_record_claim AFTER UPDATE OF "leaseOwner" ON "Delivery" FOR EACH ROW
      WHEN (NEW."leaseOwner" IS NOT NULL AND NEW."leaseOwner" IS DISTINCT FROM OLD."leaseOwner")
      EXECUTE FUNCTION fixture_record_claim();`);
}

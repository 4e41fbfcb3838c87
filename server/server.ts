import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Logger } from "pino";
import { createApp } from "./app.js";
import { backgroundJobs, startJobs } from "./jobs/index.js";
import { loadOfficeDays } from "./deadlines/officeDays.js";
import { randomToken, TokenHasher } from "./auth/tokens.js";
import { officialRegencies } from "./areas/officialAreas.js";
import { type Config, ConfigError } from "./config.js";
import { SecretBox } from "./crypto/secretBox.js";
import { openDatabase } from "./db/client.js";
import { FIRST_DATA_LOCK_KEY, withAdvisoryLock } from "./db/locks.js";
import { migrate } from "./db/migrate.js";
import {
  bootstrapFirstAdmin,
  connectSimulatedChannels,
  DEMO_PASSWORD,
  DEMO_USERS,
  ensureWebsiteChannel,
  seedDemoOrganisation,
  seedRegion,
} from "@server/demo/seed.js";
import { seedDemoMonth } from "./demo/demoMonth.js";
import { settleReportingZone } from "./reporting/settings.js";
import { DomainEvents } from "./events.js";
import { createLogger } from "./logger.js";
import { unreachableFromInternet } from "./media/publicReach.js";
import { PublishingWorker } from "./publishing/worker.js";
import { warmUpDashboard } from "./reports/warmUp.js";
import { attachRealtime } from "./realtime/index.js";
import { JobRunLog } from "./observability/jobRuns.js";
import { PrometheusMetrics } from "./observability/prometheus.js";
import { PageCache } from "./routes/public/pageCache.js";
import { joinSocketCluster } from "./realtime/cluster.js";
import type { SocketServer } from "./realtime/liveEvents.js";
import { assertSandboxAllowed, startSandbox, type Sandbox } from "./sandbox/index.js";
import { resolveSecrets } from "./secrets.js";
import { ensureModelFile } from "./triage/shippedModel.js";
import type { Services } from "./services.js";
import { fileStore, FileStoreError } from "./storage/fileStore.js";
import { ensureUnitSlugs } from "./sites/slugs.js";

export const FIRST_ADMIN_PASSWORD_FILE = "first-admin-password.txt";

export type RunningSiar = {
  url: string;
  services: Services;
  worker: PublishingWorker;
  /** The sockets' server; its adapter's serverCount() tells how many processes share them. */
  io: SocketServer;
  close(): Promise<void>;
};

/**
 * Start-up in order: secrets → database → migrations → first data → HTTP + realtime → jobs.
 * A failing step throws before anything listens; the caller decides how to report it.
 */
export async function startSiar(
  config: Config,
  options: { pglite?: PGlite; logger?: Logger } = {},
): Promise<RunningSiar> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const secrets = resolveSecrets(config);
  // SIAR_REGION's form is checked with the other variables; whether it exists needs the area data.
  if (config.region && !(await officialRegencies()).has(config.region)) {
    throw new ConfigError([
      `SIAR_REGION: no kabupaten/kota has this code in the official area data (got "${config.region}")`,
    ]);
  }
  await openFileStore(config);
  const prometheus = new PrometheusMetrics();
  const db = await openDatabase(config.database, { pglite: options.pglite, observeQuery: prometheus.observeQuery });
  try {
    const { applied } = await migrate(db);
    if (applied.length) logger.info({ applied }, "migrations applied");
  } catch (error) {
    await db.close();
    throw error;
  }

  // `npm run build` trains the triage model; a start without it (npm run dev) trains it here once.
  try {
    if (ensureModelFile()) logger.info("triage model trained from the corpus");
  } catch (error) {
    logger.warn({ err: error }, "triage model not saved; it is trained in memory instead");
  }

  const metaWebhook = metaWebhookSettings(config);
  const sandbox = config.sandbox.enabled ? await startSimulatedPlatforms(config, metaWebhook) : null;
  const services: Services = {
    config,
    db,
    prisma: db.prisma,
    hasher: new TokenHasher(secrets.sessionSecret),
    secretBox: new SecretBox(secrets.encryptionKey),
    events: new DomainEvents(),
    pageCache: new PageCache(config.pageCache),
    logger,
    sandbox,
    metaWebhook,
    prometheus,
    jobRuns: new JobRunLog({ prisma: db.prisma, logger }, (job, failed) =>
      prometheus.jobRuns.inc({ job, outcome: failed ? "error" : "ok" }),
    ),
  };
  prometheus.watch(db, db.prisma, logger);

  // Processes starting together on an empty PostgreSQL must not both seed it.
  // Every deadline counts on the working calendar the admins entered (server/deadlines/officeDays.ts).
  await loadOfficeDays(services.prisma);
  const admin = await withAdvisoryLock(db, FIRST_DATA_LOCK_KEY, async () => {
    await settleReportingZone(services.prisma, { actor: null, label: "system (SIAR_REGION)" }, config.region);
    if (config.demo && (await seedDemoOrganisation(services))) logger.info("demo organisation seeded");
    if (!config.demo && (await seedRegion(services))) logger.info({ region: config.region }, "official areas created");
    const firstAdmin = await bootstrapFirstAdmin(services);
    await ensureWebsiteChannel(services);
    await ensureUnitSlugs(services);
    if (sandbox && config.demo) await connectSimulatedChannels(services, sandbox);
    if (config.demoMonth) {
      const made = await seedDemoMonth(services);
      if (made) logger.info(made, "demo month of posts and inbox items made");
    }
    return firstAdmin;
  });
  const worker = new PublishingWorker(services);
  if (db.kind === "pglite") await worker.expireAllLeases();
  if (!admin && !config.demo && !config.adminEmail && (await services.prisma.user.count()) === 0) {
    logger.warn(
      "no administrator: the database has no users and SIAR_ADMIN_EMAIL is not set; set SIAR_ADMIN_EMAIL to the first administrator's e-mail address and restart Siar",
    );
  }
  if (admin) {
    const passwordFile = writeFirstAdminPassword(config.dataDir, admin.temporaryPassword);
    logger.warn(
      { passwordFile },
      "first administrator created: sign in with the password in this file, change it, then delete the file",
    );
  }

  // PGlite has one connection, kept open: nothing to warm.
  if (db.kind === "postgres") await warmUpDashboard(services.prisma, logger);

  const server = http.createServer(createApp(services));
  // Several processes on one PostgreSQL share their sockets; PGlite serves a single process.
  const cluster = config.database.kind === "postgres" ? await joinSocketCluster(db, config.database.url, logger) : null;
  const realtime = attachRealtime(server, services, cluster);
  await cluster?.listening(realtime.io);
  // This process's changes and the other processes' (as their events arrive) empty its page cache.
  services.pageCache.invalidateOn(realtime.live);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  if (!config.publicBaseUrlGiven) config.publicBaseUrl = url;

  const stopJobs = startJobs(services, backgroundJobs(services, worker));

  if (config.demo && !config.hostGiven) {
    logger.warn(
      { host: config.host },
      `demo mode listens on ${config.host} only, since its passwords are published; set HOST (such as HOST=0.0.0.0) to let other machines reach it`,
    );
  }
  if (config.demo) {
    logger.info(
      { url: `${url}/app/`, password: DEMO_PASSWORD, accounts: DEMO_USERS.map((u) => `${u.email} (${u.role})`) },
      `Siar demo is running: open ${url}/app/ and sign in with one of the demo accounts, password ${DEMO_PASSWORD}`,
    );
  } else {
    logger.info({ url, database: db.kind }, "Siar is running");
  }
  const realMediaChannels = await services.prisma.channel.count({
    where: { simulated: false, kind: { in: ["instagram", "facebook"] } },
  });
  // Meta calls webhooks and fetches media only over HTTPS with a valid certificate (never self-signed).
  const realPlatforms = realMediaChannels > 0 || config.oauth.meta !== undefined || config.oauth.x !== undefined;
  if (config.publicBaseUrl.startsWith("http://") && (realPlatforms || config.publicBaseUrlGiven)) {
    logger.warn(
      { publicBaseUrl: config.publicBaseUrl },
      "PUBLIC_BASE_URL is http://: Meta sends webhooks and fetches images only over HTTPS with a valid certificate; put Siar behind a TLS reverse proxy (see the README) and set PUBLIC_BASE_URL to its https address",
    );
  }
  if (realMediaChannels > 0 && unreachableFromInternet(config.publicBaseUrl)) {
    logger.warn(
      { publicBaseUrl: config.publicBaseUrl },
      "PUBLIC_BASE_URL is not reachable from the internet: Instagram and Facebook cannot fetch uploaded images; set it to Siar's public https address",
    );
  }
  if (sandbox) {
    logger.warn({ sandbox: sandbox.url }, "channels are simulated by the local platform sandbox (SIAR_SANDBOX)");
    // The sandbox calls back like Meta does, after the same subscription handshake.
    if (!(await sandbox.control.subscribeWebhooks(`${url}/webhooks/meta`)))
      logger.warn("the sandbox's webhook subscription handshake failed");
  }

  return {
    url,
    services,
    worker,
    io: realtime.io,
    close: async () => {
      await stopJobs();
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      await sandbox?.close();
    },
  };
}

/**
 * Meta signs webhooks with the app secret; the verify token is ours. With the sandbox and no
 * Meta app configured, a random pair is made up for the sandbox to use.
 */
/** Logs are shipped and kept; the first administrator's temporary password goes to a file only the server's user can read. */
function writeFirstAdminPassword(dataDir: string, password: string): string {
  const file = path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return file;
}

/** A bucket that cannot be used (wrong keys, unreachable) stops start-up with what to check, like a bad variable. */
async function openFileStore(config: Config): Promise<void> {
  try {
    await fileStore(config).open();
  } catch (error) {
    if (error instanceof FileStoreError) throw new ConfigError([error.message]);
    throw error;
  }
}

function metaWebhookSettings(config: Config): Services["metaWebhook"] {
  if (config.oauth.meta && config.metaWebhookVerifyToken)
    return { appSecret: config.oauth.meta.appSecret, verifyToken: config.metaWebhookVerifyToken };
  return config.sandbox.enabled ? { appSecret: randomToken(), verifyToken: randomToken() } : null;
}

/** Demo mode's stand-in for Facebook, Instagram, X and WordPress, on 127.0.0.1 only. */
async function startSimulatedPlatforms(config: Config, metaWebhook: Services["metaWebhook"]): Promise<Sandbox> {
  assertSandboxAllowed({ nodeEnv: config.nodeEnv, enabled: config.sandbox.explicitlyEnabled });
  // Only this process knows the control token; admins reach the control API through /api/sandbox.
  return startSandbox({ port: config.sandbox.port, controlToken: randomToken(), webhook: metaWebhook ?? undefined });
}

import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import cron from "node-cron";
import pLimit from "p-limit";
import type { Logger } from "pino";
import { createApp } from "./app.js";
import { pruneRateLimitCounters } from "./auth/rateLimit.js";
import { pruneUsedFormTokens } from "./auth/formTokens.js";
import { pruneSignInRecords } from "./auth/signInThrottle.js";
import { pruneExpiredSessions } from "./auth/sessions.js";
import { randomToken, TokenHasher } from "./auth/tokens.js";
import type { Config } from "./config.js";
import { SecretBox } from "./crypto/secretBox.js";
import { openDatabase } from "./db/client.js";
import { DEADLINE_SWEEP_LOCK_KEY, FIRST_DATA_LOCK_KEY, ifAdvisoryLockFree, withAdvisoryLock } from "./db/locks.js";
import { migrate } from "./db/migrate.js";
import { bootstrapFirstAdmin, connectSimulatedChannels, DEMO_PASSWORD, DEMO_USERS, ensureWebsiteChannel, seedDemoOrganisation } from "./db/seed.js";
import { EngagementRefresher } from "./engagement/refresh.js";
import { DomainEvents } from "./events.js";
import { createLogger } from "./logger.js";
import { unreachableFromInternet } from "./media/publicReach.js";
import { ArrivalDesk } from "./inbox/arrival.js";
import { DeadlineWatch } from "./inbox/deadlineWatch.js";
import { watchForRisingTopics } from "./inbox/earlyWarning.js";
import { InboxPoller } from "./inbox/polling.js";
import { WebhookProcessor } from "./inbox/webhookQueue.js";
import { PublishingWorker } from "./publishing/worker.js";
import { foldDailyCounts } from "./metrics/dailyCounts.js";
import { backfillWorkingMinutes } from "./metrics/workingMinutes.js";
import { scheduleReports } from "./reports/schedule.js";
import { warmUpDashboard } from "./reports/warmUp.js";
import { attachRealtime } from "./realtime/index.js";
import { startLiveEvents } from "./realtime/liveEvents.js";
import { assertSandboxAllowed, startSandbox, type Sandbox } from "./sandbox/index.js";
import { resolveSecrets } from "./secrets.js";
import type { Services } from "./services.js";

export const FIRST_ADMIN_PASSWORD_FILE = "first-admin-password.txt";

export type RunningSiar = { url: string; services: Services; worker: PublishingWorker; close(): Promise<void> };

/**
 * Start-up in order: secrets → database → migrations → first data → HTTP + realtime → jobs.
 * A failing step throws before anything listens; the caller decides how to report it.
 */
export async function startSiar(config: Config, options: { pglite?: PGlite; logger?: Logger } = {}): Promise<RunningSiar> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const secrets = resolveSecrets(config);
  const db = await openDatabase(config.database, { pglite: options.pglite });
  try {
    const { applied } = await migrate(db);
    if (applied.length) logger.info({ applied }, "migrations applied");
  } catch (error) {
    await db.close();
    throw error;
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
    logger,
    sandbox,
    metaWebhook,
  };

  // Processes starting together on an empty PostgreSQL must not both seed it.
  const admin = await withAdvisoryLock(db, FIRST_DATA_LOCK_KEY, async () => {
    if (config.demo && (await seedDemoOrganisation(services))) logger.info("demo organisation seeded");
    const firstAdmin = await bootstrapFirstAdmin(services);
    await ensureWebsiteChannel(services);
    if (sandbox && config.demo) await connectSimulatedChannels(services, sandbox);
    return firstAdmin;
  });
  const worker = new PublishingWorker(services);
  if (db.kind === "pglite") await worker.expireAllLeases();
  if (admin) {
    const passwordFile = writeFirstAdminPassword(config.dataDir, admin.temporaryPassword);
    logger.warn({ passwordFile }, "first administrator created: sign in with the password in this file, change it, then delete the file");
  }

  // PGlite has one connection, kept open: nothing to warm.
  if (db.kind === "postgres") await warmUpDashboard(services.prisma, logger);

  const server = http.createServer(createApp(services));
  const liveEvents = await startLiveEvents(
    services.events,
    config.database.kind === "postgres" ? { databaseUrl: config.database.url, prisma: services.prisma, logger } : null,
  );
  const io = attachRealtime(server, services, liveEvents.live);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  if (!config.publicBaseUrlGiven) config.publicBaseUrl = url;

  // Housekeeping; the deletes are idempotent, so several processes may run them at once.
  const housekeeping = cron.schedule("17 * * * *", async () => {
    await pruneExpiredSessions(services);
    await pruneRateLimitCounters(services.prisma, new Date(Date.now() - 24 * 3600_000));
    await pruneSignInRecords(services.prisma, config.login);
    await pruneUsedFormTokens(services.prisma);
  }, { noOverlap: true, timezone: "Asia/Jakarta" });
  // A tick only looks for work; the database claim decides who sends what.
  const arrivals = new ArrivalDesk(services);
  // A burst of arrivals is triaged a few at a time, leaving database connections for everything else.
  const limitTriage = pLimit(4);
  const triageArrival = (itemId: string) => limitTriage(() => arrivals.receive(itemId)).catch((error: unknown) => logger.error({ err: error, itemId }, "triage on arrival failed"));
  const stopArrivals = services.events.on("inbox.itemReceived", ({ itemId }) => void triageArrival(itemId));
  const stopEarlyWarnings = watchForRisingTopics(services);
  // Anything filed but not triaged (a process died in between) is picked up again.
  const arrivalSweep = cron.schedule("*/10 * * * * *", async () => {
    const waiting = await services.prisma.inboxItem.findMany({ where: { status: "new", kind: null, receivedAt: { lt: new Date(Date.now() - 5000) } }, select: { id: true }, take: 200 });
    for (const { id } of waiting) await triageArrival(id);
  }, { noOverlap: true });
  const deadlines = new DeadlineWatch(services);
  // One process at a time watches deadlines, so each warning and escalation is recorded once.
  const deadlineSweep = cron.schedule("30 * * * * *", () => ifAdvisoryLockFree(db, DEADLINE_SWEEP_LOCK_KEY, () => deadlines.sweep()), { noOverlap: true });
  const webhooks = new WebhookProcessor(services, arrivals);
  // Callbacks are filed right after they are kept, and every few seconds for anything left over.
  const stopNudges = services.events.on("inbox.webhookKept", () => void webhooks.nudge());
  const webhookSweep = cron.schedule("*/5 * * * * *", () => webhooks.nudge(), { noOverlap: true });
  // Every 5 s look for due polls; each poll's own nextPollAt paces it (minutes, budget, rate limits).
  const poller = new InboxPoller(services);
  let pollingRound: Promise<unknown> = Promise.resolve();
  const polling = cron.schedule("*/5 * * * * *", () => (pollingRound = poller.pollDue().catch((error: unknown) => logger.error({ err: error }, "inbox polling failed"))), { noOverlap: true });
  let publishingRound: Promise<unknown> = Promise.resolve();
  const publishing = cron.schedule(`*/${config.publishIntervalSeconds} * * * * *`, () => (publishingRound = worker.tick()), { noOverlap: true });
  // Reactions, comments, shares and views of recent posts, read by one process at a time.
  const engagement = new EngagementRefresher(services, config.engagement.recentDays);
  const engagementRefresh = cron.schedule(
    `*/${config.engagement.refreshMinutes} * * * *`,
    () => engagement.refreshAll().catch((error: unknown) => logger.error({ err: error }, "engagement refresh failed")),
    { noOverlap: true },
  );
  // In the demo, people keep reacting to the simulated posts.
  const demoEngagement = sandbox && config.demo ? cron.schedule("* * * * *", () => sandbox.control.growEngagement()) : null;
  // E-mailed weekly and monthly reports; off without SMTP_URL.
  const stopReports = scheduleReports(services);
  const stopWorkingMinutesBackfill = backfillWorkingMinutes(services.prisma, logger);
  // The dashboard's daily counts: deltas folded in, so that readers have few to add up.
  let foldRound: Promise<unknown> = Promise.resolve();
  const dailyCountFold = cron.schedule(
    "*/10 * * * * *",
    () => (foldRound = foldDailyCounts(services.prisma).catch((error: unknown) => logger.error({ err: error }, "folding the inbox daily counts failed"))),
    { noOverlap: true },
  );

  if (config.demo) {
    logger.info(
      { url: `${url}/app/`, password: DEMO_PASSWORD, accounts: DEMO_USERS.map((u) => `${u.email} (${u.role})`) },
      `Siar demo is running: open ${url}/app/ and sign in with one of the demo accounts, password ${DEMO_PASSWORD}`,
    );
  } else {
    logger.info({ url, database: db.kind }, "Siar is running");
  }
  const realMediaChannels = await services.prisma.channel.count({ where: { simulated: false, kind: { in: ["instagram", "facebook"] } } });
  if (realMediaChannels > 0 && unreachableFromInternet(config.publicBaseUrl)) {
    logger.warn({ publicBaseUrl: config.publicBaseUrl }, "PUBLIC_BASE_URL is not reachable from the internet: Instagram and Facebook cannot fetch uploaded images; set it to Siar's public https address");
  }
  if (sandbox) {
    logger.warn({ sandbox: sandbox.url }, "channels are simulated by the local platform sandbox (SIAR_SANDBOX)");
    // The sandbox calls back like Meta does, after the same subscription handshake.
    if (!(await sandbox.control.subscribeWebhooks(`${url}/webhooks/meta`))) logger.warn("the sandbox's webhook subscription handshake failed");
  }

  return {
    url,
    services,
    worker,
    close: async () => {
      await housekeeping.destroy();
      await engagementRefresh.destroy();
      await demoEngagement?.destroy();
      await stopReports();
      await stopWorkingMinutesBackfill();
      await dailyCountFold.destroy();
      await foldRound;
      await publishing.destroy();
      await publishingRound.catch(() => {});
      await worker.stop();
      stopNudges();
      stopArrivals();
      await stopEarlyWarnings();
      await deadlineSweep.destroy();
      await arrivalSweep.destroy();
      await webhookSweep.destroy();
      await webhooks.idle();
      await polling.destroy();
      await pollingRound;
      await io.close();
      await liveEvents.stop();
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

function metaWebhookSettings(config: Config): Services["metaWebhook"] {
  if (config.oauth.meta && config.metaWebhookVerifyToken) return { appSecret: config.oauth.meta.appSecret, verifyToken: config.metaWebhookVerifyToken };
  return config.sandbox.enabled ? { appSecret: randomToken(), verifyToken: randomToken() } : null;
}

/** Demo mode's stand-in for Facebook, Instagram, X and WordPress, on 127.0.0.1 only. */
async function startSimulatedPlatforms(config: Config, metaWebhook: Services["metaWebhook"]): Promise<Sandbox> {
  assertSandboxAllowed({ nodeEnv: config.nodeEnv, enabled: config.sandbox.explicitlyEnabled });
  // Only this process knows the control token; admins reach the control API through /api/sandbox.
  return startSandbox({ port: config.sandbox.port, controlToken: randomToken(), webhook: metaWebhook ?? undefined });
}

import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { SecretBox } from "./crypto/secretBox.js";
import type { Database, PrismaClient } from "./db/client.js";
import type { DomainEvents } from "./events.js";
import type { TokenHasher } from "./auth/tokens.js";
import type { PageCache } from "./routes/public/pageCache.js";
import type { Sandbox } from "./sandbox/index.js";
import type { JobRunLog } from "./observability/jobRuns.js";
import type { PrometheusMetrics } from "./observability/prometheus.js";

/** The long-lived objects the server is made of, built once at start-up (server/index.ts). */
export type Services = {
  config: Config;
  db: Database;
  prisma: PrismaClient;
  hasher: TokenHasher;
  secretBox: SecretBox;
  events: DomainEvents;
  /** Rendered public pages, emptied when public content changes. */
  pageCache: PageCache;
  logger: Logger;
  /** The simulated platforms, when channels are simulated (demo mode); null with real platforms. */
  sandbox: Sandbox | null;
  /** Meta's app secret and verify token for webhooks; null when Meta webhooks are not set up. */
  metaWebhook: { appSecret: string; verifyToken: string } | null;
  /** This process's Prometheus metrics, served at /metrics. */
  prometheus: PrometheusMetrics;
  /** The last run of each background job, for the system health page. */
  jobRuns: JobRunLog;
};

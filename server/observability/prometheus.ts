import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Database, PrismaClient } from "@server/db/client.js";
import type { Logger } from "pino";
import { pollingBudgets, queueFigures, type QueueFigure } from "./queues.js";

/** Figures asked for by several gauges of one scrape are read once. */
const SCRAPE_REUSE_MS = 1000;

/**
 * This process's Prometheus metrics (served at /metrics, server/routes/metrics.ts). Counters and
 * histograms are kept as things happen; queue, budget and pool gauges are read when scraped.
 * Named siar_* so they never mix with the dashboard's figures (server/metrics/).
 */
export class PrometheusMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: "siar_http_request_duration_seconds",
    help: "HTTP requests by method, route pattern and status class",
    labelNames: ["method", "route", "status_class"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly webhookReceipts = new Counter({
    name: "siar_webhook_receipts_total",
    help: "Callbacks and raw e-mails kept in the webhook queue by this process, by source",
    labelNames: ["source"] as const,
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: "siar_deliveries_total",
    help: "Deliveries this process finished, by outcome (published, failed) and channel kind",
    labelNames: ["outcome", "channel_kind"] as const,
    registers: [this.registry],
  });
  readonly dbQueries = new Histogram({
    name: "siar_db_query_duration_seconds",
    help: "Queries sent by Prisma, by outcome (ok, error)",
    labelNames: ["outcome"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: "siar_job_runs_total",
    help: "Background job runs this process finished, by job and outcome (ok, error)",
    labelNames: ["job", "outcome"] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  readonly observeQuery = (seconds: number, failed: boolean): void =>
    this.dbQueries.observe({ outcome: failed ? "error" : "ok" }, seconds);

  /** Adds the gauges read from the database at each scrape. */
  watch(db: Database, prisma: PrismaClient, logger: Logger): void {
    const queues = reusedFor(SCRAPE_REUSE_MS, () => queueFigures(prisma));
    const setFromQueues = (gauge: Gauge<"queue">, figure: (q: QueueFigure) => number) => async () => {
      gauge.reset();
      try {
        for (const queue of await queues()) gauge.set({ queue: queue.queue }, figure(queue));
      } catch (error) {
        logger.warn({ err: error }, "queue figures for /metrics failed");
      }
    };
    const depth: Gauge<"queue"> = new Gauge({
      name: "siar_queue_depth",
      help: "Work waiting in each queue (deliveries due, webhook receipts, raw e-mails, dead letters, notification e-mails)",
      labelNames: ["queue"],
      registers: [this.registry],
      collect: () => setFromQueues(depth, (q) => q.depth)(),
    });
    const age: Gauge<"queue"> = new Gauge({
      name: "siar_queue_oldest_age_seconds",
      help: "How long the oldest waiting entry of each queue has waited",
      labelNames: ["queue"],
      registers: [this.registry],
      collect: () => setFromQueues(age, (q) => q.oldestAgeSeconds)(),
    });
    const budgets = reusedFor(SCRAPE_REUSE_MS, () => pollingBudgets(prisma));
    const used: Gauge<"channel_kind"> = new Gauge({
      name: "siar_polling_requests_month",
      help: "Requests polling spent this month (UTC), per channel kind; X bills per request",
      labelNames: ["channel_kind"],
      registers: [this.registry],
      async collect() {
        used.reset();
        for (const row of await budgets().catch(() => [])) used.set({ channel_kind: row.kind }, row.requests);
      },
    });
    const budget: Gauge<"channel_kind"> = new Gauge({
      name: "siar_polling_request_budget_month",
      help: "Monthly request budgets set on the channels, summed per channel kind (channels without one are not counted)",
      labelNames: ["channel_kind"],
      registers: [this.registry],
      async collect() {
        budget.reset();
        for (const row of await budgets().catch(() => []))
          if (row.budget !== null) budget.set({ channel_kind: row.kind }, row.budget);
      },
    });
    const pool = db.poolStats;
    if (!pool) return;
    const connections: Gauge<"state"> = new Gauge({
      name: "siar_db_pool_connections",
      help: "This process's PostgreSQL connections: total open, idle, and requests waiting for one",
      labelNames: ["state"],
      registers: [this.registry],
      collect() {
        const stats = pool();
        connections.set({ state: "total" }, stats.total);
        connections.set({ state: "idle" }, stats.idle);
        connections.set({ state: "waiting" }, stats.waiting);
      },
    });
  }
}

/** A read whose result is reused for `ms`, so several gauges of one scrape share it. */
function reusedFor<T>(ms: number, read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (!last || Date.now() - last.at > ms) {
      const value = read();
      last = { at: Date.now(), value };
      value.catch(() => (last = null));
    }
    return last.value;
  };
}

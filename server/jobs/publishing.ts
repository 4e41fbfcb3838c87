import type { PublishingWorker } from "@server/publishing/worker.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** A tick only looks for due deliveries; the database claim decides who sends what. */
export const publishing = (services: Services, worker: PublishingWorker): ScheduledJob => ({
  name: "publishing",
  trigger: { schedule: `*/${services.config.publishIntervalSeconds} * * * * *` },
  run: () => worker.tick(),
  stop: () => worker.stop(),
});

import { foldDailyCounts } from "@server/metrics/dailyCounts.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** The dashboard's daily counts: deltas folded in every 10 s, so that readers have few to add up. */
export const dailyCountFold = (services: Services): ScheduledJob => ({
  name: "daily count fold",
  trigger: { schedule: "*/10 * * * * *" },
  run: () => foldDailyCounts(services.prisma),
});

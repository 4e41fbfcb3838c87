import { recountRollups } from "@server/reporting/recount.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** The rollups counted again after the reporting zone or tolerance changed: looked for every 15 s. */
export const reportingRecount = (services: Services): ScheduledJob => ({
  name: "reporting recount",
  trigger: { schedule: "*/15 * * * * *" },
  run: () => recountRollups(services),
});

import { loadOfficeDays } from "@server/deadlines/officeDays.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** Another process's change to the working calendar, put in force here within a minute. */
export const workingCalendarReload = (services: Services): ScheduledJob => ({
  name: "working calendar reload",
  trigger: { schedule: "20 * * * * *" },
  run: () => loadOfficeDays(services.prisma),
});

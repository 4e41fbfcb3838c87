import { backfillWorkingMinutes } from "@server/metrics/workingMinutes.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** After an upgrade, fills the working minutes of items answered before they were stored; stops part-way at shutdown. */
export function workingMinutesBackfill(services: Services): ScheduledJob {
  let stopFilling = async () => {};
  return {
    name: "working minutes backfill",
    trigger: { atStart: true },
    run: async () => void (stopFilling = backfillWorkingMinutes(services.prisma, services.logger)),
    stop: () => stopFilling(),
  };
}

import { DEADLINE_SWEEP_LOCK_KEY, ifAdvisoryLockFree } from "@server/db/locks.js";
import { DeadlineWatch } from "@server/inbox/deadlineWatch.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** Deadline warnings and escalations, by one process at a time so that each is recorded once. */
export function deadlineSweep(services: Services): ScheduledJob {
  const deadlines = new DeadlineWatch(services);
  return {
    name: "deadline sweep",
    trigger: { schedule: "30 * * * * *" },
    run: () => ifAdvisoryLockFree(services.db, DEADLINE_SWEEP_LOCK_KEY, () => deadlines.sweep()),
  };
}

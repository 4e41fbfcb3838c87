import type { Sandbox } from "@server/sandbox/index.js";
import type { ScheduledJob } from "./job.js";

/** In the demo, people keep reacting to the simulated posts. */
export const demoEngagement = (sandbox: Sandbox): ScheduledJob => ({
  name: "demo engagement",
  trigger: { schedule: "* * * * *" },
  run: async () => sandbox.control.growEngagement(),
});

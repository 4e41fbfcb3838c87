import { EngagementRefresher } from "@server/engagement/refresh.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** Reactions, comments, shares and views of recent posts, read by one process at a time. */
export function engagementRefresh(services: Services): ScheduledJob {
  const engagement = new EngagementRefresher(services, services.config.engagement.recentDays);
  return {
    name: "engagement refresh",
    trigger: { schedule: `*/${services.config.engagement.refreshMinutes} * * * *` },
    run: () => engagement.refreshAll(),
  };
}

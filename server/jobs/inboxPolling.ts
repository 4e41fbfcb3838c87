import { InboxPoller } from "@server/inbox/polling.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/** Looks for due polls every 5 s; each poll's own nextPollAt paces it (minutes, budget, rate limits). */
export function inboxPolling(services: Services): ScheduledJob {
  const poller = new InboxPoller(services);
  return { name: "inbox polling", trigger: { schedule: "*/5 * * * * *" }, run: () => poller.pollDue() };
}

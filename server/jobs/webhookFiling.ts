import type { ArrivalDesk } from "@server/inbox/arrival.js";
import { WebhookProcessor } from "@server/inbox/webhookQueue.js";
import type { Services } from "@server/services.js";
import type { EventJob, ScheduledJob } from "./job.js";

/** Platform callbacks are filed right after they are kept, and every few seconds for anything left over. */
export function webhookFiling(
  services: Services,
  arrivals: ArrivalDesk,
): [EventJob<"inbox.webhookKept">, ScheduledJob] {
  const webhooks = new WebhookProcessor(services, arrivals);
  return [
    { name: "file webhooks on arrival", trigger: { event: "inbox.webhookKept" }, run: () => webhooks.nudge() },
    {
      name: "file webhooks left over",
      trigger: { schedule: "*/5 * * * * *" },
      run: () => webhooks.nudge(),
      stop: () => webhooks.idle(),
    },
  ];
}

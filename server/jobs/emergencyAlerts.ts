import { EmergencyAlerts } from "@server/inbox/emergencyAlerts.js";
import type { Services } from "@server/services.js";
import { drainWhileDue, type EventJob, type ScheduledJob } from "./job.js";

/**
 * Emergency alerts by e-mail and webhook: at once when an item is read darurat, and a sweep for
 * those a process left unsent (it died, the mail server or the webhook was down). A burst of
 * emergencies is one sending run and, if more came meanwhile, one more: not a run per item.
 */
export function emergencyAlerts(services: Services): [EventJob<"inbox.emergency">, ScheduledJob] {
  const alerts = new EmergencyAlerts(services);
  const send = drainWhileDue(() => alerts.sendDue());
  return [
    { name: "emergency alerts", trigger: { event: "inbox.emergency" }, run: send },
    { name: "emergency alert sweep", trigger: { schedule: "*/15 * * * * *" }, run: send },
  ];
}

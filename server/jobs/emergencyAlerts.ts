import pLimit from "p-limit";
import { EmergencyAlerts } from "../inbox/emergencyAlerts.js";
import type { Services } from "../services.js";
import type { EventJob, ScheduledJob } from "./job.js";

/**
 * Emergency alerts by e-mail and webhook: at once when an item is read darurat, and a sweep for
 * those a process left unsent (it died, the mail server or the webhook was down).
 */
export function emergencyAlerts(services: Services): [EventJob<"inbox.emergency">, ScheduledJob] {
  const alerts = new EmergencyAlerts(services);
  // One sending at a time per process: a burst of emergencies is claimed in batches anyway.
  const one = pLimit(1);
  const send = () => one(() => alerts.sendDue());
  return [
    { name: "emergency alerts", trigger: { event: "inbox.emergency" }, run: send },
    { name: "emergency alert sweep", trigger: { schedule: "*/15 * * * * *" }, run: send },
  ];
}

import { recordEndedExemptions } from "@server/commands/dipAutomation.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/**
 * An excepted DIP entry is public again from the moment its exception ends (read-time rule); this
 * job writes that moment to the audit log, once per entry, claimed in the database.
 */
export const dipExemptionExpiry = (services: Services): ScheduledJob => ({
  name: "DIP exemption expiry",
  trigger: { schedule: "5 * * * * *" },
  run: () => recordEndedExemptions(services),
});

import { recheckMetaConnections } from "@server/commands/channelConnections.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/**
 * Each Facebook and Instagram channel's webhook subscription and permissions, checked again once
 * a day: every hour, the channels last checked a day ago are claimed in the database, so several
 * processes share the work and a restart loses no check.
 */
export const metaConnections = (services: Services): ScheduledJob => ({
  name: "Meta connection check",
  trigger: { schedule: "41 * * * *", timezone: "Asia/Jakarta" },
  run: () => recheckMetaConnections(services),
});

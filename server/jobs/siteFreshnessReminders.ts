import type { Smtp } from "@server/mail/smtp.js";
import type { Services } from "@server/services.js";
import { sendFreshnessReminders } from "@server/sites/reminders.js";
import type { ScheduledJob } from "./job.js";

/** The weekly e-mail to operators of stale desa sites. Hourly: the first tick from Monday 08:00 WIB sends it, once. */
export const siteFreshnessReminders = (services: Services, smtp: Smtp): ScheduledJob => ({
  name: "site freshness reminders",
  trigger: { schedule: "5 * * * *", timezone: "Asia/Jakarta" },
  run: () => sendFreshnessReminders(services, smtp),
});

import { REPORTING_TIME_ZONE } from "@server/metrics/definitions.js";
import type { ReportMailer } from "@server/reports/email.js";
import { sendDueReports } from "@server/reports/schedule.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/**
 * The weekly and monthly report e-mails. Hourly: duePeriod makes 07:00 the sending time, so a
 * report missed while no process ran goes out at the next tick.
 */
export const reportEmails = (services: Services, mailer: ReportMailer): ScheduledJob => ({
  name: "report e-mails",
  trigger: { schedule: "0 * * * *", timezone: REPORTING_TIME_ZONE },
  run: () => sendDueReports(services, mailer),
});

import type { ReportMailer } from "@server/reports/email.js";
import { sendDueReports } from "@server/reports/schedule.js";
import type { Services } from "@server/services.js";
import type { ScheduledJob } from "./job.js";

/**
 * The weekly and monthly report e-mails. Hourly: duePeriod makes 07:00 of the reporting zone the
 * sending time, so a report missed while no process ran goes out at the next tick. The schedule
 * needs no zone: every Indonesian zone is a whole number of hours from UTC.
 */
export const reportEmails = (services: Services, mailer: ReportMailer): ScheduledJob => ({
  name: "report e-mails",
  trigger: { schedule: "0 * * * *" },
  run: () => sendDueReports(services, mailer),
});

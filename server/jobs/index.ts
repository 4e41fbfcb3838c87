import { ArrivalDesk } from "@server/inbox/arrival.js";
import type { PublishingWorker } from "@server/publishing/worker.js";
import { ReportMailer } from "@server/reports/email.js";
import type { Services } from "@server/services.js";
import { arrivalTriage } from "./arrivalTriage.js";
import { dailyCountFold } from "./dailyCountFold.js";
import { deadlineSweep } from "./deadlineSweep.js";
import { demoEngagement } from "./demoEngagement.js";
import { dipExemptionExpiry } from "./dipExemptionExpiry.js";
import { dipSertaMerta } from "./dipSertaMerta.js";
import { earlyWarnings } from "./earlyWarnings.js";
import { emergencyAlerts } from "./emergencyAlerts.js";
import { emailIntake } from "./emailIntake.js";
import { alertsConfigured } from "@server/inbox/emergencyAlerts.js";
import { engagementRefresh } from "./engagementRefresh.js";
import { housekeeping } from "./housekeeping.js";
import { inboxPolling } from "./inboxPolling.js";
import { metaConnections } from "./metaConnections.js";
import { notifications } from "./notifications.js";
import { outgoingWebhooks } from "./outgoingWebhooks.js";
import type { Job } from "./job.js";
import { publishing } from "./publishing.js";
import { reportEmails } from "./reportEmails.js";
import { reportingRecount } from "./reportingRecount.js";
import { scheduledBackup } from "./scheduledBackup.js";
import { siteFreshnessReminders } from "./siteFreshnessReminders.js";
import { smtpOf } from "@server/mail/smtp.js";
import { webhookFiling } from "./webhookFiling.js";
import { whatsappMedia } from "./whatsappMedia.js";
import { whatsappGuide } from "./whatsappGuide.js";
import { workingMinutesBackfill } from "./workingMinutes.js";
import { workingCalendarReload } from "./workingCalendarReload.js";

export { startJobs } from "./job.js";

/** Everything a Siar process does in the background, in one list. */
export function backgroundJobs(services: Services, worker: PublishingWorker): Job[] {
  const arrivals = new ArrivalDesk(services);
  const mailer = ReportMailer.fromConfig(services);
  const smtp = smtpOf(services);
  return [
    housekeeping(services),
    ...arrivalTriage(services, arrivals),
    // Off without SMTP_URL and EMERGENCY_WEBHOOK_URL: the app's banner is the only alert then.
    ...(alertsConfigured(services.config) ? emergencyAlerts(services) : []),
    earlyWarnings(services),
    ...notifications(services, smtp),
    ...outgoingWebhooks(services),
    deadlineSweep(services),
    workingCalendarReload(services),
    ...webhookFiling(services, arrivals),
    inboxPolling(services),
    ...emailIntake(services),
    publishing(services, worker),
    engagementRefresh(services),
    metaConnections(services),
    whatsappMedia(services),
    ...whatsappGuide(services),
    // Off without SMTP_URL.
    ...(mailer ? [reportEmails(services, mailer)] : []),
    ...(smtp ? [siteFreshnessReminders(services, smtp)] : []),
    ...(services.sandbox && services.config.demo ? [demoEngagement(services.sandbox)] : []),
    workingMinutesBackfill(services),
    dailyCountFold(services),
    reportingRecount(services),
    ...dipSertaMerta(services),
    dipExemptionExpiry(services),
    // Off without BACKUP_SCHEDULE.
    ...(services.config.backup.schedule ? [scheduledBackup(services, services.config.backup.schedule)] : []),
  ];
}

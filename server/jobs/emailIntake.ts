import { fileWaitingEmails } from "@server/inbox/email/filing.js";
import { MailIntake } from "@server/inbox/email/intake.js";
import type { Services } from "@server/services.js";
import type { EventJob, ScheduledJob } from "./job.js";

/**
 * Units' mailboxes are looked at every 10 s (each is read once a minute, its ChannelPoll row
 * paces it); raw e-mails kept are filed at once, and every few seconds for anything left over.
 */
export function emailIntake(services: Services): [ScheduledJob, EventJob<"inbox.emailKept">, ScheduledJob] {
  const intake = new MailIntake(services);
  return [
    { name: "read mailboxes", trigger: { schedule: "*/10 * * * * *" }, run: () => intake.readDue() },
    { name: "file e-mails on arrival", trigger: { event: "inbox.emailKept" }, run: () => fileWaitingEmails(services) },
    { name: "file e-mails left over", trigger: { schedule: "*/5 * * * * *" }, run: () => fileWaitingEmails(services) },
  ];
}

import type { Smtp } from "@server/mail/smtp.js";
import { NotificationMailer } from "@server/notifications/email.js";
import {
  notifyAssigned,
  notifyDeadlineNear,
  notifyEmergencies,
  notifyReviewStep,
} from "@server/notifications/occasions.js";
import type { Services } from "@server/services.js";
import type { DomainEventMap } from "@server/events.js";
import { drainWhileDue, type EventJob, inBatches, type Job } from "./job.js";

const on = <E extends keyof DomainEventMap>(
  name: string,
  event: E,
  run: (payload: DomainEventMap[E]) => Promise<unknown>,
): EventJob<E> => ({ name, trigger: { event }, run });

/**
 * The notification centre's work: a notification for each domain event that concerns someone
 * (server/notifications/occasions.ts; a unique index makes each one once, whichever process
 * writes it), and, with a mail server, the e-mails of the urgent kinds, at once and in a sweep
 * for those a process left unsent.
 */
export function notifications(services: Services, smtp: Smtp | null): Job[] {
  const events: Job[] = [
    on("notify review step", "post.reviewStep", (e) => notifyReviewStep(services, e)),
    on("notify assignment", "inbox.assigned", (e) => notifyAssigned(services, e)),
    on("notify deadline near", "inbox.deadlineNear", (e) => notifyDeadlineNear(services, e)),
    on(
      "notify emergency",
      "inbox.emergency",
      inBatches((events) => notifyEmergencies(services, events)),
    ),
  ];
  if (!smtp) return events;
  const mailer = new NotificationMailer(services, smtp);
  const send = drainWhileDue(() => mailer.sendDue());
  return [
    ...events,
    on("notification e-mails", "notifications.changed", send),
    { name: "notification e-mail sweep", trigger: { schedule: "*/20 * * * * *" }, run: send },
  ];
}

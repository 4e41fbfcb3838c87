import nodemailer from "nodemailer";
import type { Services } from "@server/services.js";

/** The installation's mail server (SMTP_URL) and sender (SMTP_FROM), shared by every e-mail Siar sends. */
export type Smtp = { transport: nodemailer.Transporter; from: string };

const transports = new WeakMap<object, Smtp>();

/** One transport per configuration; null when SMTP is not configured (nothing can be sent). */
export function smtpOf(services: Pick<Services, "config">): Smtp | null {
  const settings = services.config.reports.smtp;
  if (!settings) return null;
  let smtp = transports.get(settings);
  if (!smtp)
    transports.set(settings, (smtp = { transport: nodemailer.createTransport(settings.url), from: settings.from }));
  return smtp;
}

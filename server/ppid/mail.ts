import { SMTP_NOT_CONFIGURED } from "@server/inbox/replyEmail.js";
import { smtpOf } from "@server/mail/smtp.js";
import { html } from "@server/text/markup.js";
import type { Services } from "@server/services.js";

/** What became of a letter e-mailed to an applicant; kept on the case (the address stays in the request). */
export type MailOutcome = { status: "sent"; messageId: string } | { status: "failed"; reason: string };

export type ApplicantMail = {
  /** Logged instead of the address when sending fails. */
  requestId: string;
  to: string;
  name: string;
  subject: string;
  /** Paragraphs of plain text, staff's and the applicant's words among them: escaped in the HTML part. */
  paragraphs: string[];
  /** The case's tracking page, where everything is shown too. */
  link: string;
  attachment?: { filename: string; content: Buffer };
};

/**
 * Sends a letter to an applicant with the PDF attached and the link to their case. Never throws:
 * the letter is on the case page whatever happens, so a failure is an outcome to record.
 */
export async function emailApplicant(
  services: Pick<Services, "config" | "logger">,
  mail: ApplicantMail,
): Promise<MailOutcome> {
  const smtp = smtpOf(services);
  if (!smtp) return { status: "failed", reason: SMTP_NOT_CONFIGURED };
  try {
    const info = await smtp.transport.sendMail({
      from: smtp.from,
      to: mail.to,
      subject: mail.subject,
      text: [`Yth. ${mail.name},`, "", ...mail.paragraphs.flatMap((p) => [p, ""]), mail.link].join("\n"),
      html: html`<!doctype html>
<html lang="id"><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2328">
<p>Yth. ${mail.name},</p>
${mail.paragraphs.map((paragraph) => html`<p style="white-space:pre-wrap">${paragraph}</p>`)}
<p><a href="${mail.link}">${mail.link}</a></p>
</body></html>`.text,
      attachments: mail.attachment ? [{ ...mail.attachment, contentType: "application/pdf" }] : [],
    });
    return { status: "sent", messageId: info.messageId };
  } catch (error) {
    // The mail server's message often quotes the address: the request's id only.
    services.logger.warn({ err: error, requestId: mail.requestId }, "PPID e-mail to the applicant failed");
    return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
}

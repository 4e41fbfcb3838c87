import { smtpOf } from "@server/mail/smtp.js";
import { html } from "@server/text/markup.js";
import type { Services } from "@server/services.js";

/** What became of the e-mail copy of a reply, kept on the item's timeline (no address: it stays in the item's contact). */
export type ReplyEmailOutcome = { status: "sent"; messageId: string } | { status: "failed"; reason: string };

/** The reason recorded when the installation has no mail server; the web app explains it. */
export const SMTP_NOT_CONFIGURED = "smtp_not_configured";

export type EmailedReport = { itemId: string; email: string; name: string; trackingNumber: string };

/**
 * Sends a staff reply to a web report's citizen by e-mail, with the link to the tracking page
 * where it is shown too. Never throws: a failure is an outcome to record, not a lost reply.
 */
export async function emailReply(
  services: Pick<Services, "config" | "logger">,
  report: EmailedReport,
  text: string,
): Promise<ReplyEmailOutcome> {
  const smtp = smtpOf(services);
  if (!smtp) return { status: "failed", reason: SMTP_NOT_CONFIGURED };
  const trackingUrl = `${services.config.publicBaseUrl}/lacak/${report.trackingNumber}`;
  try {
    const info = await smtp.transport.sendMail({
      from: smtp.from,
      to: report.email,
      subject: `Tanggapan atas laporan ${report.trackingNumber}`,
      text: [`Yth. ${report.name},`, "", text, "", `Status dan semua tanggapan atas laporan Anda: ${trackingUrl}`].join(
        "\n",
      ),
      // Staff's text and the citizen's name go through the escaping `html` tag.
      html: html`<!doctype html>
<html lang="id"><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2328">
<p>Yth. ${report.name},</p>
${text.split(/\n{2,}/).map((paragraph) => html`<p style="white-space:pre-wrap">${paragraph}</p>`)}
<p>Status dan semua tanggapan atas laporan Anda: <a href="${trackingUrl}">${report.trackingNumber}</a></p>
</body></html>`.text,
    });
    return { status: "sent", messageId: info.messageId };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The item's id, not its tracking number (it opens the report); the mail server's message often quotes the address.
    services.logger.warn({ err: error, itemId: report.itemId }, "reply e-mail failed");
    return { status: "failed", reason };
  }
}

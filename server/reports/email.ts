import { smtpOf, type Smtp } from "@server/mail/smtp.js";
import type { Period } from "@server/metrics/scope.js";
import { html } from "@server/text/markup.js";
import type { Services } from "@server/services.js";
import { collectReportFigures, headlineRows, unitLabel, type ReportFigures } from "./figures.js";
import { formatCount, formatMinutes, formatRate } from "./format.js";
import type { DocumentKind, ReportingCalendar, ReportKind } from "./period.js";
import { loadOfficeLetterhead } from "./letterhead.js";
import { REPORT_TITLES, renderReportPdf } from "./pdf.js";
import { organisationScope } from "./scope.js";

// E-mailed reports: the figures of the whole organisation for a period, as a short HTML body
// (the headline figures and the unit league table) with the full PDF attached.

const UNITS_IN_BODY = 10;

export type SentReport = {
  kind: ReportKind;
  period: { from: string; to: string };
  subject: string;
  recipients: string[];
  attachment: string;
  messageId: string;
};

export class ReportMailer {
  private constructor(
    private readonly services: Services,
    private readonly smtp: Smtp,
  ) {}

  /** The mailer when SMTP is configured, else null (nothing can be sent). */
  static fromConfig(services: Services): ReportMailer | null {
    const smtp = smtpOf(services);
    return smtp ? new ReportMailer(services, smtp) : null;
  }

  /** `messageId`: the Message-ID to send under (see reportMessageId); else one of its own. */
  async send(
    kind: ReportKind,
    period: Period,
    recipients: string[],
    options: { subjectPrefix?: string; messageId?: string } = {},
  ): Promise<SentReport> {
    const { prisma, logger } = this.services;
    const started = performance.now();
    const figures = await collectReportFigures(prisma, await organisationScope(prisma, period));
    const head = await loadOfficeLetterhead(this.services);
    const pdf = await renderReportPdf({ kind, period, figures, generatedAt: new Date(), head });
    const subject = `${options.subjectPrefix ?? ""}${REPORT_TITLES[kind]}: ${figures.scope.calendar.periodLabel(kind, period)} · ${figures.officeName}`;
    const attachment = reportFileName(figures.scope.calendar, kind, period);
    const info = await this.smtp.transport.sendMail({
      from: this.smtp.from,
      to: recipients,
      subject,
      html: reportEmailHtml(kind, period, figures),
      text: reportEmailText(kind, period, figures),
      attachments: [{ filename: attachment, content: pdf, contentType: "application/pdf" }],
      messageId: options.messageId,
    });
    logger.info(
      {
        kind,
        period: figures.scope.calendar.periodKey(kind, period),
        recipients: recipients.length,
        ms: Math.round(performance.now() - started),
      },
      "report e-mailed",
    );
    return {
      kind,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      subject,
      recipients,
      attachment,
      messageId: info.messageId,
    };
  }
}

/**
 * "laporan-2026-11.pdf", "laporan-mingguan-2026-11-16.pdf" for the week starting that Monday, or
 * "laporan-2026-08-01_2026-09-15.pdf" for a dashboard export's first and last day.
 */
export function reportFileName(calendar: ReportingCalendar, kind: DocumentKind, period: Period): string {
  if (kind === "dashboard")
    return `laporan-${calendar.localDate(period.from)}_${calendar.localDate(new Date(period.to.getTime() - 1))}.pdf`;
  return `laporan-${kind === "weekly" ? "mingguan-" : ""}${calendar.periodKey(kind, period)}.pdf`;
}

const CELL = "padding:4px 8px;border-bottom:1px solid #d0d7de;text-align:left";
const NUMBER = "padding:4px 8px;border-bottom:1px solid #d0d7de;text-align:right";

/** The body: every value, unit names included, goes through the escaping `html` tag. */
export function reportEmailHtml(kind: ReportKind, period: Period, figures: ReportFigures): string {
  const units = figures.units.slice(0, UNITS_IN_BODY);
  return html`<!doctype html>
<html lang="id"><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2328">
<h1 style="font-size:18px;color:#0b5cad">${REPORT_TITLES[kind]}</h1>
<p>${figures.officeName} · Periode: ${figures.scope.calendar.periodLabel(kind, period)}</p>
<table style="border-collapse:collapse">
<tr><th style="${CELL}">Angka</th><th style="${NUMBER}">Periode ini</th><th style="${NUMBER}">Periode sebelumnya</th></tr>
${headlineRows(figures).map((row) => html`<tr><td style="${CELL}">${row.label}</td><td style="${NUMBER}">${row.current}</td><td style="${NUMBER}">${row.previous}</td></tr>`)}
</table>
<h2 style="font-size:15px;color:#0b5cad">Peringkat unit</h2>
<table style="border-collapse:collapse">
<tr><th style="${CELL}">Unit</th><th style="${NUMBER}">Laporan</th><th style="${NUMBER}">Median tanggapan (jam kerja)</th><th style="${NUMBER}">Kepatuhan tanggapan</th></tr>
${units.map((row) => html`<tr><td style="${CELL}">${unitLabel(row)}</td><td style="${NUMBER}">${formatCount(row.volume)}</td><td style="${NUMBER}">${formatMinutes(row.firstResponse.workingMinutes.median, row.firstResponse.estimated)}</td><td style="${NUMBER}">${formatRate(row.compliance.firstResponse.rate)}</td></tr>`)}
</table>
<p>Tunggakan dan lewat tenggat adalah keadaan saat laporan dibuat. Rincian, grafik dan definisi setiap angka ada di lampiran PDF.</p>
<p style="color:#57606a;font-size:12px">Dikirim otomatis oleh Siar.</p>
</body></html>`.text;
}

function reportEmailText(kind: ReportKind, period: Period, figures: ReportFigures): string {
  return [
    REPORT_TITLES[kind],
    `${figures.officeName} · Periode: ${figures.scope.calendar.periodLabel(kind, period)}`,
    "",
    ...headlineRows(figures).map(
      (row) => `${row.label}: ${row.current}${row.previous ? ` (sebelumnya ${row.previous})` : ""}`,
    ),
    "",
    "Rincian, grafik dan definisi setiap angka ada di lampiran PDF.",
  ].join("\n");
}

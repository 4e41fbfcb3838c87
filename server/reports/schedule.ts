import { recordAudit } from "@server/audit/record.js";
import { ifAdvisoryLockFree, REPORT_LOCK_KEY } from "@server/db/locks.js";
import type { Services } from "@server/services.js";
import type { ReportMailer, SentReport } from "./email.js";
import type { Period } from "@server/metrics/scope.js";
import { duePeriod, periodKey, type ReportKind } from "./period.js";

// Weekly (Monday 07:00 WIB, last week) and monthly (the 1st, 07:00 WIB, last month) reports,
// each sent once: under an advisory lock so one process works at a time, and remembered in the
// audit log ("report.sent"), which is checked first so a restart or a second process skips it.

/** Advisory lock of the report job (server/db/locks.ts holds the others). */
export const REPORT_SENT_ACTION = "report.sent";
const REPORT_KINDS: ReportKind[] = ["weekly", "monthly"];

// PGlite takes no advisory locks: calls in one process take turns here instead.
let inProcess: Promise<unknown> = Promise.resolve();

/**
 * The Message-ID of the scheduled report of a kind and period, the same however often it is sent:
 * mail systems that see a message again under an id they already delivered drop the copy.
 */
export function reportMessageId(kind: ReportKind, period: Period, publicBaseUrl: string): string {
  return `<siar-report-${kind}-${periodKey(kind, period)}@${new URL(publicBaseUrl).hostname}>`;
}

/**
 * Sends the report of `kind` due at `now` unless it was sent already; returns what was sent, or
 * null when there was nothing to do. Sent first and recorded after: a crash in between may
 * send it again, which beats a report that never arrives; the copy carries the same Message-ID.
 */
export function sendDueReport(
  services: Services,
  mailer: ReportMailer,
  kind: ReportKind,
  now = new Date(),
): Promise<SentReport | null> {
  const run = inProcess.then(() =>
    ifAdvisoryLockFree(services.db, REPORT_LOCK_KEY, async () => {
      const { prisma, config, logger } = services;
      const period = duePeriod(kind, now);
      const targetId = `${kind}:${periodKey(kind, period)}`;
      const sent = await prisma.auditEvent.findFirst({
        where: { action: REPORT_SENT_ACTION, targetType: "report", targetId },
        select: { id: true },
      });
      if (sent) return null;
      if (config.reports.recipients.length === 0) {
        logger.warn({ kind }, "report not sent: REPORT_RECIPIENTS is empty");
        return null;
      }
      const report = await mailer.send(kind, period, config.reports.recipients, {
        messageId: reportMessageId(kind, period, config.publicBaseUrl),
      });
      await recordAudit(
        prisma,
        { actor: null, label: "report schedule" },
        { action: REPORT_SENT_ACTION, targetType: "report", targetId, changes: { ...report } },
      );
      return report;
    }),
  );
  inProcess = run.catch(() => {});
  return run;
}

/** Sends every kind of report that is due; each kind's failure is logged and does not stop the others. */
export async function sendDueReports(services: Services, mailer: ReportMailer): Promise<void> {
  for (const kind of REPORT_KINDS) {
    await sendDueReport(services, mailer, kind).catch((error: unknown) =>
      services.logger.error({ err: error, kind }, "report e-mail failed"),
    );
  }
}

import { recordAudit } from "@server/audit/record.js";
import { ifAdvisoryLockFree, SITE_REMINDER_LOCK_KEY } from "@server/db/locks.js";
import type { Smtp } from "@server/mail/smtp.js";
import { html } from "@server/text/markup.js";
import type { Services } from "@server/services.js";
import { freshnessReport, type FreshnessRow } from "./freshness.js";
import { staleAfterDays } from "./settings.js";

// The weekly reminder to desa operators whose desa site has gone stale: once a week (from Monday
// 08:00 WIB), whichever process gets there first, remembered in the audit log like the reports.

export const REMINDER_SENT_ACTION = "site.freshness_reminder_sent";
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const SENDING_HOUR_WIB = 8;

// PGlite takes no advisory locks: runs in one process take turns here instead.
let inProcess: Promise<unknown> = Promise.resolve();

/** The Monday (WIB) of the week `now` falls in, once its sending hour has come; else null. */
export function reminderWeek(now: Date): string | null {
  const wib = new Date(now.getTime() + WIB_OFFSET_MS);
  const daysSinceMonday = (wib.getUTCDay() + 6) % 7;
  if (daysSinceMonday === 0 && wib.getUTCHours() < SENDING_HOUR_WIB) return null;
  return new Date(wib.getTime() - daysSinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** Sends this week's reminders unless they went out already; returns how many e-mails were sent. */
export function sendFreshnessReminders(services: Services, smtp: Smtp, now = new Date()): Promise<number | null> {
  const run = inProcess.then(() =>
    ifAdvisoryLockFree(services.db, SITE_REMINDER_LOCK_KEY, async () => {
      const week = reminderWeek(now);
      if (!week) return null;
      const { prisma } = services;
      if (
        await prisma.auditEvent.findFirst({
          where: { action: REMINDER_SENT_ACTION, targetId: week },
          select: { id: true },
        })
      )
        return null;
      const days = await staleAfterDays(prisma);
      const stale = (await freshnessReport(prisma, { scope: undefined, staleAfterDays: days, now })).sites.filter(
        (site) => site.stale && (site.unit.type === "desa" || site.unit.type === "kelurahan"),
      );
      const operators = await prisma.user.findMany({
        where: {
          role: "desa_operator",
          active: true,
          memberships: { some: { unitId: { in: stale.map((s) => s.unit.id) } } },
        },
        select: { email: true, name: true, memberships: { select: { unitId: true } } },
      });
      let sent = 0;
      for (const operator of operators) {
        const theirs = stale.filter((site) => operator.memberships.some((m) => m.unitId === site.unit.id));
        await smtp.transport.sendMail({
          from: smtp.from,
          to: operator.email,
          subject: `Pengingat: situs ${theirs.map((site) => site.unit.name).join(", ")} belum diperbarui`,
          html: reminderHtml(services, operator.name, theirs, days),
          messageId: `<siar-site-reminder-${week}-${Buffer.from(operator.email).toString("hex")}@${new URL(services.config.publicBaseUrl).hostname}>`,
        });
        sent++;
      }
      await recordAudit(
        prisma,
        { actor: null, label: "site freshness reminders" },
        {
          action: REMINDER_SENT_ACTION,
          targetType: "reminder",
          targetId: week,
          changes: { staleSites: stale.length, emails: sent },
        },
      );
      return sent;
    }),
  );
  inProcess = run.catch(() => {});
  return run;
}

function reminderHtml(services: Services, name: string, sites: FreshnessRow[], days: number): string {
  const base = services.config.publicBaseUrl;
  return html`<!doctype html><html lang="id"><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2328">
<p>Yth. ${name},</p>
<p>Situs berikut belum diperbarui selama ${days} hari atau lebih. Mohon perbarui profil, potensi, kemajuan pembangunan atau APBDes, lalu kirim untuk diverifikasi kecamatan.</p>
<ul>${sites.map((site) => html`<li>${site.unit.name}: ${site.daysSince === null ? "belum pernah diperbarui" : `${site.daysSince} hari sejak pembaruan terakhir`}${site.sitePath && html` — <a href="${base}${site.sitePath}">${base}${site.sitePath}</a>`}</li>`)}</ul>
<p><a href="${base}/app/sites">Buka Siar</a></p>
</body></html>`.text;
}

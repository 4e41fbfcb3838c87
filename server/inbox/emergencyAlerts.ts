/**
 * Emergencies first: an item read darurat (on arrival or by staff) opens an alert in the same
 * transaction, and is announced at once ("inbox.emergency": the sockets of everyone who may read
 * it get it, and the app shows a banner). Then any process claims the alert and sends it:
 *   - by e-mail (SMTP_URL) to the active officers and leaders of the handling unit and of the
 *     kecamatan kept informed, and to every humas user, each in their own language;
 *   - by the optional webhook (EMERGENCY_WEBHOOK_URL), a JSON POST signed with HMAC-SHA256
 *     (see webhookSignature) so the receiver knows it came from Siar.
 * Each channel records when it went out or why not; a failed one is tried again (at most
 * MAX_ATTEMPTS times), one that went out is never repeated. The alert's outcome is on the item's
 * timeline and in the audit log.
 */
import { createHmac, randomUUID } from "node:crypto";
import { recordAudit, type Origin } from "@server/audit/record.js";
import type { Prisma, SqlTransaction } from "@server/db/client.js";
import type { Locale } from "@server/db/generated/enums.js";
import { smtpOf } from "@server/mail/smtp.js";
import { html } from "@server/text/markup.js";
import type { Services } from "@server/services.js";
import type { Reason } from "@server/triage/taxonomy.js";

export const MAX_ATTEMPTS = 5;
const CLAIM_SECONDS = 120;
/** A failed alert waits this long times its attempts before it is tried again. */
const RETRY_SECONDS = 10;
const WEBHOOK_TIMEOUT_MS = 10_000;
const ALERT_ORIGIN: Origin = { actor: null, label: "system (emergency alerts)" };

/** Whether alerts have anywhere to go besides the app: a mail server or the webhook. Without either, none is opened. */
export const alertsConfigured = (config: Services["config"]) => !!config.reports.smtp || !!config.emergencyWebhook;

/** Opens the alerts of items just filed as darurat, inside the transaction that files them. */
export async function openAlertsSql(sql: SqlTransaction, itemIds: string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await sql.query(
    `INSERT INTO "EmergencyAlert" ("id", "itemId") SELECT gen_random_uuid(), x::uuid FROM jsonb_array_elements_text($1::jsonb) AS x
    ON CONFLICT ("itemId") DO NOTHING`,
    [JSON.stringify(itemIds)],
  );
}

/** Opens an item's alert inside a Prisma transaction (an arrival triaged alone, a staff correction). */
export async function openAlert(tx: Prisma.TransactionClient, itemId: string): Promise<void> {
  await tx.emergencyAlert.createMany({ data: [{ id: randomUUID(), itemId }], skipDuplicates: true });
}

/**
 * The signature a webhook receiver checks: HMAC-SHA256 with the shared secret over
 * "<X-Siar-Timestamp>.<raw body>", hex, sent as "X-Siar-Signature: sha256=<hex>". The timestamp
 * (Unix seconds) lets the receiver refuse old replays.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What became of one channel: sent (when), or the reason it was not (null: nothing to send). */
type Outcome = { sentAt: Date | null; error: string | null; to?: number };

type AlertRow = {
  id: string;
  itemId: string;
  attempts: number;
  emailedAt: Date | null;
  webhookSentAt: Date | null;
};

type Words = Record<Locale, { subject: (place: string) => string; lead: string; open: string; why: string }>;
const WORDS: Words = {
  id: {
    subject: (place) => `[DARURAT] Laporan darurat${place ? ` di ${place}` : ""}`,
    lead: "Siar membaca laporan warga berikut sebagai DARURAT (bahaya bagi nyawa atau keselamatan).",
    open: "Buka dan tangani",
    why: "Tanda yang dikenali",
  },
  en: {
    subject: (place) => `[EMERGENCY] Emergency report${place ? ` in ${place}` : ""}`,
    lead: "Siar read this citizen's message as an EMERGENCY (danger to life or safety).",
    open: "Open and handle it",
    why: "Signs recognised",
  },
};

export class EmergencyAlerts {
  constructor(private readonly services: Services) {}

  /** Sends every alert that is due (new, or failed before and not yet given up), a few at a time. */
  async sendDue(limit = 20): Promise<number> {
    const claimed = await this.services.prisma.$queryRaw<AlertRow[]>`
      UPDATE "EmergencyAlert" SET "claimedUntil" = now() + make_interval(secs => ${CLAIM_SECONDS}), "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "EmergencyAlert"
        WHERE "doneAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < now()) AND "attempts" < ${MAX_ATTEMPTS}
        ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING "id"::text AS id, "itemId"::text AS "itemId", "attempts", "emailedAt", "webhookSentAt"`;
    for (const alert of claimed)
      await this.deliver(alert).catch((error: unknown) =>
        this.services.logger.error({ err: error, alertId: alert.id, itemId: alert.itemId }, "emergency alert failed"),
      );
    return claimed.length;
  }

  private async deliver(alert: AlertRow): Promise<void> {
    const { prisma, config } = this.services;
    const item = await prisma.inboxItem.findUnique({
      where: { id: alert.itemId },
      include: { unit: { select: { id: true, name: true } }, informedUnit: { select: { id: true, name: true } } },
    });
    if (!item) return;
    const place = item.placeUnitId
      ? await prisma.unit.findUnique({ where: { id: item.placeUnitId }, select: { name: true } })
      : null;
    const signs = emergencyWords(item.triage);
    const url = `${config.publicBaseUrl}/app/inbox/${item.id}`;

    const email: Outcome = alert.emailedAt
      ? { sentAt: alert.emailedAt, to: 0, error: null }
      : await this.email({ item, place: place?.name ?? "", signs, url });
    const target = config.emergencyWebhook;
    const webhook: Outcome | null = alert.webhookSentAt
      ? { sentAt: alert.webhookSentAt, error: null }
      : target
        ? await this.postWebhook(target, {
            event: "inbox.emergency",
            alertId: alert.id,
            item: {
              id: item.id,
              url,
              receivedAt: item.receivedAt.toISOString(),
              source: item.source,
              kind: item.kind,
              category: item.category,
              urgency: item.urgency,
              text: item.text,
              place: place?.name ?? null,
              unit: item.unit?.name ?? null,
              informedUnit: item.informedUnit?.name ?? null,
              signs,
            },
          })
        : null;

    const emailDone = !!email.sentAt || email.error === null;
    const webhookDone = !config.emergencyWebhook || !!webhook?.sentAt;
    const finished = (emailDone && webhookDone) || alert.attempts >= MAX_ATTEMPTS;
    await prisma.$transaction(async (tx) => {
      await tx.emergencyAlert.update({
        where: { id: alert.id },
        data: {
          emailedAt: email.sentAt,
          emailedTo: email.sentAt && !alert.emailedAt ? (email.to ?? 0) : undefined,
          emailError: email.error,
          webhookSentAt: webhook?.sentAt ?? null,
          webhookError: webhook?.error ?? null,
          claimedUntil: finished ? null : new Date(Date.now() + RETRY_SECONDS * 1000 * alert.attempts),
          doneAt: finished ? new Date() : null,
        },
      });
      if (!finished) return;
      const outcome = {
        email: email.sentAt ? "sent" : email.error ? "failed" : "off",
        emailedTo: email.to ?? 0,
        webhook: !config.emergencyWebhook ? "off" : webhook?.sentAt ? "sent" : "failed",
      };
      await tx.inboxEvent.create({ data: { itemId: item.id, type: "emergency_alerted", data: outcome } });
      await recordAudit(tx, ALERT_ORIGIN, {
        action: "inbox.emergency_alert",
        targetType: "InboxItem",
        targetId: item.id,
        unitId: item.unitId,
        changes: outcome,
      });
    });
    if (finished) this.services.events.emit("inbox.itemChanged", { itemId: item.id });
  }

  /**
   * One e-mail per language to the people to alert, addressed to the sender with the people in
   * Bcc (they do not see each other's addresses). No mail server, or nobody to tell: nothing to send.
   */
  private async email(message: {
    item: { id: string; text: string; unitId: string | null; informedUnitId: string | null };
    place: string;
    signs: string[];
    url: string;
  }): Promise<Outcome> {
    const smtp = smtpOf(this.services);
    if (!smtp) return { sentAt: null, to: 0, error: null };
    const unitIds = [message.item.unitId, message.item.informedUnitId].filter((id): id is string => !!id);
    const people = await this.services.prisma.user.findMany({
      where: {
        active: true,
        OR: [
          { role: "humas" },
          { role: { in: ["officer", "leader"] }, memberships: { some: { unitId: { in: unitIds } } } },
        ],
      },
      select: { email: true, locale: true },
    });
    if (people.length === 0) return { sentAt: null, to: 0, error: null };
    try {
      for (const locale of ["id", "en"] as const) {
        const addresses = people.filter((person) => person.locale === locale).map((person) => person.email);
        if (addresses.length === 0) continue;
        const words = WORDS[locale];
        await smtp.transport.sendMail({
          from: smtp.from,
          to: smtp.from,
          bcc: addresses,
          subject: words.subject(message.place),
          priority: "high",
          text: [
            words.lead,
            "",
            message.item.text,
            "",
            `${words.why}: ${message.signs.join(", ")}`,
            "",
            `${words.open}: ${message.url}`,
          ].join("\n"),
          // The citizen's text goes through the escaping `html` tag.
          html: html`<!doctype html>
<html lang="${locale}"><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2328">
<p style="color:#a4161a;font-weight:bold">${words.lead}</p>
<blockquote style="white-space:pre-wrap">${message.item.text}</blockquote>
<p>${words.why}: ${message.signs.join(", ")}</p>
<p><a href="${message.url}">${words.open}</a></p>
</body></html>`.text,
        });
      }
      return { sentAt: new Date(), to: people.length, error: null };
    } catch (error) {
      this.services.logger.warn({ err: error, itemId: message.item.id }, "emergency e-mail failed");
      return { sentAt: null, to: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async postWebhook(target: { url: string; secret: string }, payload: object): Promise<Outcome> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Siar emergency alerts",
          "x-siar-event": "inbox.emergency",
          "x-siar-timestamp": timestamp,
          "x-siar-signature": webhookSignature(target.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      if (response.ok) return { sentAt: new Date(), error: null };
      return { sentAt: null, error: `HTTP ${response.status}` };
    } catch (error) {
      return { sentAt: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** The words that made the item an emergency, from its stored triage reasons (or "darurat" if staff said so). */
export function emergencyWords(triage: unknown): string[] {
  const urgency = (triage as { urgency?: { reasons?: Reason[]; source?: string } } | null)?.urgency;
  const words = (urgency?.reasons ?? [])
    .filter((reason) => reason.note?.code === "emergency" || reason.note?.code === "model_emergency")
    .map((reason) => reason.matched)
    .filter(Boolean);
  return words.length ? [...new Set(words)] : ["darurat"];
}

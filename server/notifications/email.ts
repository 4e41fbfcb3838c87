import { actorInclude, toActor } from "@server/auth/actor.js";
import type { NotificationKind } from "@server/db/generated/enums.js";
import type { Locale } from "@server/i18n/locale.js";
import type { Smtp } from "@server/mail/smtp.js";
import { html } from "@server/text/markup.js";
import type { Services } from "@server/services.js";
import { subjectPath } from "./kinds.js";
import { loadSubjects, readableSubject } from "./subjects.js";

// The notifications that cannot wait, by e-mail: any process claims the due ones (like the
// emergency alerts), sends each to its recipient in their language, and retries a failure a few
// times. Access and the user's switch are asked again at sending time.

const MAX_ATTEMPTS = 5;
const CLAIM_SECONDS = 120;
const RETRY_SECONDS = 30;

type KindWords = { subject: (title: string) => string; lead: string };
/** The words of each e-mailed kind (kinds.ts: mailedByNotifications), and the words around them. */
const WORDS: Record<Locale, { kinds: Partial<Record<NotificationKind, KindWords>>; open: string; settings: string }> = {
  id: {
    open: "Buka di Siar",
    settings: "Atur pemberitahuan di halaman Akun.",
    kinds: {
      item_assigned: {
        subject: (title) => `Ditugaskan kepada Anda: ${title}`,
        lead: "Sebuah pesan warga ditugaskan kepada Anda.",
      },
      deadline_near: {
        subject: (title) => `Tenggat hampir habis: ${title}`,
        lead: "Tenggat pesan warga berikut hampir habis.",
      },
    },
  },
  en: {
    open: "Open in Siar",
    settings: "Choose your notifications on the Account page.",
    kinds: {
      item_assigned: {
        subject: (title) => `Assigned to you: ${title}`,
        lead: "A citizen's message was assigned to you.",
      },
      deadline_near: {
        subject: (title) => `Deadline near: ${title}`,
        lead: "The deadline of this citizen's message is near.",
      },
    },
  },
};

type Claimed = { id: string; attempts: number };

export class NotificationMailer {
  constructor(
    private readonly services: Services,
    private readonly smtp: Smtp,
  ) {}

  /** Sends the e-mails that are due, a few at a time; returns how many it claimed. */
  async sendDue(limit = 20): Promise<number> {
    const claimed = await this.services.prisma.$queryRaw<Claimed[]>`
      UPDATE "Notification"
      SET "emailClaimedUntil" = now() + make_interval(secs => ${CLAIM_SECONDS}), "emailAttempts" = "emailAttempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "Notification"
        WHERE "emailDueAt" <= now() AND ("emailClaimedUntil" IS NULL OR "emailClaimedUntil" < now())
        ORDER BY "emailDueAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING "id"::text AS id, "emailAttempts" AS attempts`;
    for (const row of claimed) {
      const sent = await this.send(row.id).catch((error: unknown) => {
        this.services.logger.warn({ err: error, notificationId: row.id }, "notification e-mail not sent");
        return false;
      });
      const giveUp = sent || row.attempts >= MAX_ATTEMPTS;
      await this.services.prisma.notification.update({
        where: { id: row.id },
        data: {
          emailedAt: sent ? new Date() : undefined,
          emailDueAt: giveUp ? null : new Date(Date.now() + RETRY_SECONDS * 1000 * row.attempts),
          emailClaimedUntil: null,
        },
      });
    }
    return claimed.length;
  }

  /** Sends one; true when sent or when there is nothing to send any more (access lost, switched off). */
  private async send(id: string): Promise<boolean> {
    const { prisma, config } = this.services;
    const notification = await prisma.notification.findUniqueOrThrow({
      where: { id },
      include: { user: { include: actorInclude } },
    });
    const { user, kind } = notification;
    if (!user.active || user.emailsOff.includes(kind)) return true;
    const subjects = await loadSubjects(prisma, [
      { type: notification.subjectType as "Post" | "InboxItem", id: notification.subjectId },
    ]);
    const subject = readableSubject(subjects, notification, toActor(user, "session"));
    const words = WORDS[user.locale];
    const kindWords = words.kinds[kind];
    if (!subject || !kindWords) return true;
    const url = `${config.publicBaseUrl}/app${subjectPath(subject)}`;
    await this.smtp.transport.sendMail({
      from: this.smtp.from,
      to: user.email,
      subject: kindWords.subject(subject.title),
      text: [kindWords.lead, "", subject.title, "", `${words.open}: ${url}`, "", words.settings].join("\n"),
      // The subject's text (a citizen's words) goes through the escaping `html` tag.
      html: html`<!doctype html>
<html lang="${user.locale}"><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2328">
<p>${kindWords.lead}</p>
<blockquote>${subject.title}</blockquote>
<p><a href="${url}">${words.open}</a></p>
<p style="color:#59636e;font-size:12px">${words.settings}</p>
</body></html>`.text,
    });
    return true;
  }
}

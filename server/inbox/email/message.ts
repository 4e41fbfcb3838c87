/** Reading one raw e-mail: who wrote it, what it says as plain text, what it answers, whether it is a person at all. */
import { createHash } from "node:crypto";
import { convert } from "html-to-text";
import { simpleParser, type HeaderValue } from "mailparser";
import { MAX_AUTHOR_NAME, MAX_INCOMING_TEXT, storableCut } from "@server/channels/incoming.js";

export type EmailAttachment = { filename: string; contentType: string; content: Buffer };

export type CitizenEmail = {
  messageId: string;
  from: { address: string; name: string };
  subject: string;
  /** The body as plain text (HTML rendered to text, never kept as markup). */
  text: string;
  sentAt: Date;
  /** Message-IDs it answers: In-Reply-To, then References newest first. */
  answers: string[];
  /** The first Message-ID of its References: the thread it belongs to. */
  threadRoot: string | null;
  attachments: EmailAttachment[];
};

/** Mail no person wrote: filed nowhere. */
export type IgnoredEmail = { ignored: "auto_reply" | "bounce" | "no_sender" };

// Subjects of out-of-office and other automatic answers, in the languages Siar's mail sees.
const AUTOMATIC_SUBJECT =
  /^\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|vacation|on leave|abwesend|balasan otomatis|otomatis:|sedang cuti|di luar kantor)/i;
const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;

const headerText = (value: HeaderValue | undefined): string =>
  typeof value === "string" ? value : value && typeof value === "object" && "value" in value ? String(value.value) : "";

/**
 * Auto-replies (RFC 3834 Auto-Submitted, X-Autoreply, Precedence bulk/auto_reply/junk, vacation
 * subjects) and bounces (a multipart/report delivery status, MAILER-DAEMON) are recognised so
 * that they are never filed as reports, and never answered (which would start a mail loop).
 */
function automatic(headers: Map<string, HeaderValue>, from: string, subject: string): IgnoredEmail | null {
  const contentType = headerText(headers.get("content-type")).toLowerCase();
  if (contentType === "multipart/report" || BOUNCE_SENDER.test(from)) return { ignored: "bounce" };
  const autoSubmitted = headerText(headers.get("auto-submitted")).trim().toLowerCase();
  const precedence = headerText(headers.get("precedence")).trim().toLowerCase();
  if (
    (autoSubmitted && autoSubmitted !== "no") ||
    headers.has("x-autoreply") ||
    headers.has("x-autorespond") ||
    ["bulk", "auto_reply", "junk"].includes(precedence) ||
    AUTOMATIC_SUBJECT.test(subject)
  )
    return { ignored: "auto_reply" };
  return null;
}

const MESSAGE_ID = /<[^<>\s]+>/g;
const idsOf = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value.join(" ") : (value ?? "")).match(MESSAGE_ID) ?? [];

/** HTML mail as readable text: links keep their address, images and styles are dropped. */
export function htmlAsText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ],
  }).trim();
}

export async function readEmail(raw: Buffer): Promise<CitizenEmail | IgnoredEmail> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const sender = mail.from?.value[0];
  const address = sender?.address?.trim().toLowerCase() ?? "";
  const subject = storableCut(mail.subject ?? "", 500);
  const ignored = automatic(mail.headers, address, subject);
  if (ignored) return ignored;
  if (!address) return { ignored: "no_sender" };
  const text = mail.text?.trim() || (typeof mail.html === "string" ? htmlAsText(mail.html) : "");
  const references = idsOf(mail.references);
  const inReplyTo = idsOf(mail.inReplyTo);
  const now = new Date();
  return {
    // Without a Message-ID the raw bytes name the message, so a second fetch of it is still a duplicate.
    messageId: idsOf(mail.messageId)[0] ?? `<${createHash("sha256").update(raw).digest("hex")}@siar.invalid>`,
    from: { address, name: storableCut(sender?.name?.trim() || address, MAX_AUTHOR_NAME) },
    subject,
    text: storableCut(text, MAX_INCOMING_TEXT),
    // A date in the future (a wrong clock) would sort it above everything: the time it came is used then.
    sentAt: mail.date && mail.date <= now ? mail.date : now,
    answers: [...new Set([...inReplyTo, ...references.toReversed()])],
    threadRoot: references[0] ?? inReplyTo[0] ?? null,
    attachments: mail.attachments
      .filter((attachment) => attachment.contentDisposition !== "inline" || attachment.contentType.startsWith("image/"))
      .map((attachment) => ({
        filename: storableCut(attachment.filename ?? "lampiran", 200),
        contentType: attachment.contentType.toLowerCase(),
        content: attachment.content,
      })),
  };
}

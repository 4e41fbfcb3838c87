/**
 * Replies to a citizen's e-mail from the unit's mailbox address, with the item's tracking number
 * in the subject and In-Reply-To/References naming the thread, so the citizen's mail program
 * shows it in the conversation and their answer comes back to the same item.
 */
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { ChannelError, type RemotePost } from "@server/channels/adapter.js";
import { mailboxAddress, type EmailCredentials, type EmailSettings } from "@server/channels/email.js";
import { targetOf } from "@server/channels/target.js";
import type { Channel, InboxItem } from "@server/db/generated/client.js";
import { smtpOf } from "@server/mail/smtp.js";
import type { Services } from "@server/services.js";
import { CITIZEN_REPLY_EVENT } from "./filing.js";

export type EmailRepliedItem = Pick<InboxItem, "id" | "platformId" | "authorPlatformId" | "trackingNumber">;

/** The mailbox's own SMTP server when it has one, else the installation's (SMTP_URL). */
function transportFor(services: Services, channel: Channel): nodemailer.Transporter {
  const target = targetOf(services, channel);
  const settings = target.settings as EmailSettings;
  if (settings.smtpHost) {
    const secure = settings.smtpTls !== "false";
    const credentials = target.credentials as EmailCredentials;
    return nodemailer.createTransport({
      host: settings.smtpHost,
      port: Number(settings.smtpPort) || (secure ? 465 : 587),
      secure,
      auth: settings.smtpUser ? { user: settings.smtpUser, pass: credentials.smtpPassword ?? "" } : undefined,
    });
  }
  const shared = smtpOf(services);
  if (!shared)
    throw new ChannelError("permanent", "email:smtp_not_configured", "E-mail: no SMTP server to send the reply with");
  return shared.transport;
}

/** "Re: …" prefixes dropped, so replies do not pile them up. */
const baseSubject = (subject: string) => subject.replace(/^\s*((re|aw|balas|fwd?)\s*:\s*)+/i, "").trim();

export async function sendEmailReply(
  services: Services,
  channel: Channel,
  item: EmailRepliedItem,
  text: string,
): Promise<RemotePost> {
  if (!item.authorPlatformId) throw new ChannelError("permanent", "email:no_recipient", "E-mail: no sender to answer");
  const events = await services.prisma.inboxEvent.findMany({
    where: { itemId: item.id, type: { in: ["received", "reply", CITIZEN_REPLY_EVENT] } },
    orderBy: { id: "asc" },
    select: { type: true, remoteId: true, data: true },
  });
  const received = (events.find((event) => event.type === "received")?.data ?? {}) as {
    subject?: string;
    references?: string[];
  };
  // The thread so far: what the first e-mail referenced, the e-mail itself, then every message since.
  const thread = [
    ...(received.references ?? []),
    item.platformId,
    ...events.flatMap((event) => (event.type !== "received" && event.remoteId ? [event.remoteId] : [])),
  ];
  const lastFromCitizen =
    events.filter((event) => event.type === CITIZEN_REPLY_EVENT && event.remoteId).at(-1)?.remoteId ?? item.platformId;
  const address = mailboxAddress(channel.settings as EmailSettings);
  const messageId = `<siar.${randomUUID()}@${address.split("@")[1] ?? "siar.invalid"}>`;
  const subject = baseSubject(received.subject ?? "");
  try {
    await transportFor(services, channel).sendMail({
      from: { name: channel.name, address },
      to: item.authorPlatformId,
      subject: `[${item.trackingNumber}] Re: ${subject || "Laporan Anda"}`,
      text: `${text}\n\n--\nNomor laporan: ${item.trackingNumber}\nBalas e-mail ini untuk menambahkan keterangan.`,
      messageId,
      inReplyTo: lastFromCitizen,
      references: [...new Set(thread)],
      // RFC 3834: an answer written by a person; mail programs may still auto-reply to it.
      headers: { "Auto-Submitted": "no" },
    });
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    const { responseCode, code } = error as { responseCode?: number; code?: string };
    // A 5xx from the server refuses the message for good; anything else may pass.
    if (responseCode && responseCode >= 500)
      throw new ChannelError(
        "permanent",
        `email:smtp_${responseCode}`,
        `E-mail: the SMTP server refused the reply (${responseCode})`,
      );
    throw new ChannelError(
      "transient",
      `email:${code ?? "smtp_error"}`,
      "E-mail: the SMTP server could not be reached",
      undefined,
      {
        outcomeUnknown: code !== "ECONNECTION" && code !== "EDNS",
      },
    );
  }
  return { remoteId: messageId, remoteUrl: null };
}

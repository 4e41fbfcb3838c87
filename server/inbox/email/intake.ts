/**
 * Reading the units' mailboxes. A round claims due mailboxes (their ChannelPoll row, stream
 * "mail", with SKIP LOCKED and a lease), fetches the messages after the last UID seen, and keeps
 * each raw message in the durable webhook queue (WebhookReceipt, source "email") before the
 * cursor moves: a crash in between fetches again, and filing dedupes by Message-ID.
 */
import { ChannelError } from "@server/channels/adapter.js";
import { markChannelNeedsReconnect } from "@server/channels/connectionStatus.js";
import { withImap } from "@server/channels/email.js";
import { targetOf } from "@server/channels/target.js";
import type { Channel } from "@server/db/generated/client.js";
import type { Services } from "@server/services.js";
import { failureOf } from "../deadLetters.js";

export const MAIL_STREAM = "mail";
/** The receipt source of a raw e-mail in the webhook queue. */
export const EMAIL_RECEIPT_SOURCE = "email";
/** Messages kept per mailbox and round; the rest come next round. */
const FETCH_BATCH = 50;
/** A larger message is kept without its attachments' bytes (mail servers cap around 25-35 MB). */
export const MAX_EMAIL_BYTES = 25 * 1024 * 1024;

export type MailIntakeOptions = { intervalMs?: number; leaseMs?: number };
const DEFAULTS: Required<MailIntakeOptions> = { intervalMs: 60_000, leaseMs: 5 * 60_000 };

type ClaimedMailbox = { channelId: string; cursor: string | null };
/** "uidValidity:lastUid"; a new UIDVALIDITY (the server renumbered the mailbox) starts again from the top. */
type Cursor = { validity: string; lastUid: number };
const parseCursor = (cursor: string | null): Cursor | null => {
  const [validity, lastUid] = cursor?.split(":") ?? [];
  return validity && lastUid ? { validity, lastUid: Number(lastUid) } : null;
};

/** The body of an e-mail receipt: the mailbox it came to and the raw message. */
export type EmailReceiptBody = { channelId: string; uid: number; raw: string };

export class MailIntake {
  private readonly options: Required<MailIntakeOptions>;

  constructor(
    private readonly services: Services,
    options: MailIntakeOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** One round; returns how many messages were kept. A later `dueBy` reads ahead of time (tests, "check now"). */
  async readDue(options: { dueBy?: Date; limit?: number } = {}): Promise<number> {
    await this.ensurePolls();
    let kept = 0;
    for (const mailbox of await this.claimDue(options.limit ?? 10, options.dueBy ?? new Date()))
      kept += await this.read(mailbox);
    return kept;
  }

  private async ensurePolls(): Promise<void> {
    const { prisma } = this.services;
    const mailboxes = await prisma.channel.findMany({
      where: { status: "connected", kind: "email" },
      select: { id: true },
    });
    if (mailboxes.length)
      await prisma.channelPoll.createMany({
        data: mailboxes.map(({ id }) => ({ channelId: id, stream: MAIL_STREAM })),
        skipDuplicates: true,
      });
  }

  private claimDue(limit: number, dueBy: Date): Promise<ClaimedMailbox[]> {
    const leaseUntil = new Date(Date.now() + this.options.leaseMs);
    return this.services.prisma.$queryRaw<ClaimedMailbox[]>`
      WITH due AS (
        SELECT p."channelId", p."stream" FROM "ChannelPoll" p JOIN "Channel" c ON c."id" = p."channelId"
        WHERE p."stream" = ${MAIL_STREAM} AND c."kind" = 'email' AND c."status" = 'connected' AND p."nextPollAt" <= ${dueBy}
        ORDER BY p."nextPollAt" LIMIT ${limit} FOR UPDATE OF p SKIP LOCKED)
      UPDATE "ChannelPoll" SET "nextPollAt" = ${leaseUntil}
      FROM due WHERE "ChannelPoll"."channelId" = due."channelId" AND "ChannelPoll"."stream" = due."stream"
      RETURNING "ChannelPoll"."channelId"::text AS "channelId", "ChannelPoll"."cursor"`;
  }

  private async read(claimed: ClaimedMailbox): Promise<number> {
    const { prisma, logger } = this.services;
    const key = { channelId_stream: { channelId: claimed.channelId, stream: MAIL_STREAM } };
    const channel = await prisma.channel.findUniqueOrThrow({ where: { id: claimed.channelId } });
    const now = new Date();
    try {
      const { kept, cursor } = await this.fetchNew(channel, parseCursor(claimed.cursor));
      await prisma.channelPoll.update({
        where: key,
        data: {
          cursor,
          lastPolledAt: now,
          // A full batch means more is waiting: read on at once.
          nextPollAt: new Date(now.getTime() + (kept === FETCH_BATCH ? 0 : this.options.intervalMs)),
          lastError: null,
        },
      });
      if (kept > 0) this.services.events.emit("inbox.emailKept", {});
      return kept;
    } catch (error) {
      const failure = error instanceof ChannelError ? error : null;
      logger.warn(
        { channelId: channel.id, reason: failure?.code ?? failureOf(error).reason },
        "mailbox read failed; will try again",
      );
      if (failure?.failure === "reconnect") await markChannelNeedsReconnect(this.services, channel.id, failure.message);
      await prisma.channelPoll.update({
        where: key,
        data: {
          lastPolledAt: now,
          nextPollAt: new Date(now.getTime() + this.options.intervalMs),
          lastError: failure ? failure.message.slice(0, 500) : failureOf(error).reason,
        },
      });
      return 0;
    }
  }

  /** Keeps the messages after the cursor's UID and returns the new cursor. */
  private fetchNew(channel: Channel, cursor: Cursor | null): Promise<{ kept: number; cursor: string | null }> {
    return withImap(targetOf(this.services, channel), async (client) => {
      const mailbox = await client.mailboxOpen("INBOX", { readOnly: true });
      const validity = String(mailbox.uidValidity);
      const after = cursor?.validity === validity ? cursor.lastUid : 0;
      const uids = ((await client.search({ uid: `${after + 1}:*` }, { uid: true })) || [])
        .filter((uid) => uid > after)
        .sort((a, b) => a - b)
        .slice(0, FETCH_BATCH);
      let lastUid = after;
      const bodies: EmailReceiptBody[] = [];
      if (uids.length > 0)
        for await (const message of client.fetch(
          uids.join(","),
          { uid: true, source: true, size: true },
          { uid: true },
        )) {
          // A message too large to keep is still filed, by its headers alone.
          const source = message.source ?? Buffer.alloc(0);
          const raw = source.length > MAX_EMAIL_BYTES ? source.subarray(0, source.indexOf("\r\n\r\n") + 4) : source;
          bodies.push({ channelId: channel.id, uid: message.uid, raw: raw.toString("base64") });
          lastUid = Math.max(lastUid, message.uid);
        }
      if (bodies.length > 0) {
        await this.services.prisma.webhookReceipt.createMany({
          data: bodies.map((body) => ({ source: EMAIL_RECEIPT_SOURCE, body: JSON.stringify(body) })),
        });
        this.services.prometheus.webhookReceipts.inc({ source: EMAIL_RECEIPT_SOURCE }, bodies.length);
      }
      return { kept: bodies.length, cursor: `${validity}:${lastUid}` };
    });
  }
}

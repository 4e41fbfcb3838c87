/**
 * Files the raw e-mails kept in the webhook queue (source "email"). Each receipt is claimed with
 * FOR UPDATE SKIP LOCKED and filed in the transaction that marks it processed, so several
 * processes share the queue. A message answering one of Siar's items (by In-Reply-To/References,
 * or the item's tracking number in the subject from the same sender) joins that item; any other
 * becomes a new item with a tracking number, triaged and routed on arrival like every channel's.
 */
import type { Origin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/generated/client.js";
import { recordCitizenPhoto, type WrittenCitizenPhoto } from "@server/media/storage.js";
import type { Services } from "@server/services.js";
import { failureOf } from "../deadLetters.js";
import { MAX_ATTEMPTS } from "../webhookQueue.js";
import { newTrackingNumber } from "../webReports.js";
import { keepAttachments, type KeptAttachments } from "./attachments.js";
import { EMAIL_RECEIPT_SOURCE, type EmailReceiptBody } from "./intake.js";
import { readEmail, type CitizenEmail } from "./message.js";

type Tx = Prisma.TransactionClient;
const RETRY_BASE_MS = 1000;
const TRACKING_NUMBER_IN_TEXT = /SIAR-\d{4}-[23456789A-HJ-NP-Z]{6}/;

/** The citizen behind an e-mail, as the audit log names them. */
const EMAIL_ORIGIN: Origin = { actor: null, label: "warga (e-mail)" };

/** The timeline event of a citizen's e-mail that answers an item. */
export const CITIZEN_REPLY_EVENT = "citizen_reply";

type Outcome = { itemId: string; created: boolean } | { ignored: string };

/** Files every waiting e-mail receipt; returns how many were processed. */
export async function fileWaitingEmails(services: Services, limit = 50): Promise<number> {
  let processed = 0;
  while (processed < limit && (await fileOneEmail(services))) processed++;
  return processed;
}

/** Claims one receipt and files it; false when none is waiting. */
async function fileOneEmail(services: Services): Promise<boolean> {
  const { prisma, logger } = services;
  let claimedId: bigint | null = null;
  let photos: WrittenCitizenPhoto[] = [];
  try {
    const outcome = await prisma.$transaction(
      async (tx) => {
        const [receipt] = await tx.$queryRaw<{ id: bigint; body: string }[]>`
          SELECT "id", "body" FROM "WebhookReceipt"
          WHERE "source" = ${EMAIL_RECEIPT_SOURCE} AND "processedAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < now()) AND "attempts" < ${MAX_ATTEMPTS}
          ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!receipt) return null;
        claimedId = receipt.id;
        const body = JSON.parse(receipt.body) as EmailReceiptBody;
        const email = await readEmail(Buffer.from(body.raw, "base64"));
        let outcome: Outcome;
        if ("ignored" in email) outcome = email;
        else {
          const kept = await keepAttachments(services, email.attachments);
          photos = kept.photos;
          outcome = await fileEmail(tx, body.channelId, email, kept);
        }
        await tx.webhookReceipt.update({
          where: { id: receipt.id },
          data: {
            processedAt: new Date(),
            leaseUntil: null,
            lastError: "ignored" in outcome ? `ignored: ${outcome.ignored}` : null,
          },
        });
        return outcome;
      },
      { timeout: 60_000 },
    );
    if (!outcome) return false;
    if ("itemId" in outcome) {
      services.events.emit(outcome.created ? "inbox.itemReceived" : "inbox.itemChanged", { itemId: outcome.itemId });
    }
    return true;
  } catch (error) {
    await Promise.all(photos.map((photo) => photo.discard()));
    const { reason } = failureOf(error);
    logger.warn(
      { receiptId: claimedId === null ? null : String(claimedId), reason },
      "e-mail could not be filed; will retry",
    );
    if (claimedId === null) throw error;
    await prisma.$executeRaw`
      UPDATE "WebhookReceipt" SET "attempts" = "attempts" + 1, "lastError" = ${reason},
        "leaseUntil" = now() + ${RETRY_BASE_MS}::int * interval '1 millisecond' * power(2, "attempts")
      WHERE "id" = ${claimedId}`;
    return true;
  }
}

async function fileEmail(tx: Tx, channelId: string, email: CitizenEmail, kept: KeptAttachments): Promise<Outcome> {
  const channel = await tx.channel.findUnique({ where: { id: channelId }, include: { unit: true } });
  if (!channel) return { ignored: "mailbox_removed" };
  // The same Message-ID again (fetched twice, or sent to two of our mailboxes): once only.
  const known =
    (await tx.inboxItem.findUnique({
      where: { source_platformId: { source: "email", platformId: email.messageId } },
      select: { id: true },
    })) ??
    (await tx.inboxEvent.findFirst({
      where: { type: CITIZEN_REPLY_EVENT, remoteId: email.messageId },
      select: { id: true },
    }));
  if (known) return { ignored: "duplicate" };
  const answered = await itemAnswered(tx, channelId, email);
  if (answered) return joinItem(tx, answered, channel.unitId, email, kept);

  const threadKey = email.threadRoot ?? email.messageId;
  const conversation = await tx.conversation.upsert({
    where: { source_threadKey_authorKey: { source: "email", threadKey, authorKey: email.from.address } },
    create: { source: "email", channelId, threadKey, authorKey: email.from.address, lastItemAt: email.sentAt },
    update: { lastItemAt: email.sentAt },
  });
  const [photo] = kept.photos;
  const asset = photo ? await recordCitizenPhoto(tx, EMAIL_ORIGIN, channel.unitId, photo) : null;
  const item = await tx.inboxItem.create({
    data: {
      conversationId: conversation.id,
      source: "email",
      channelId,
      platformId: email.messageId,
      trackingNumber: newTrackingNumber(email.sentAt, channel.unit.timezone),
      authorName: email.from.name,
      authorHandle: email.from.address,
      authorPlatformId: email.from.address,
      contact: { email: email.from.address },
      text: bodyOf(email),
      photoId: asset?.id,
      sentAt: email.sentAt,
    },
  });
  await tx.inboxEvent.create({
    data: {
      itemId: item.id,
      type: "received",
      data: { source: "email", channelId, ...mailData(email, kept) },
    },
  });
  return { itemId: item.id, created: true };
}

/** What the timeline keeps of an e-mail beside its text: subject, threading, attachments. */
function mailData(email: CitizenEmail, kept: KeptAttachments) {
  return {
    subject: email.subject,
    messageId: email.messageId,
    references: email.answers.toReversed(),
    attachments: kept.listed,
  };
}

/** The subject leads the text staff read and triage weighs. */
const bodyOf = (email: CitizenEmail) => [email.subject, email.text].filter(Boolean).join("\n\n");

/**
 * The item this e-mail answers: one whose Message-ID (or one of Siar's replies on it, or an
 * earlier answer) it names in In-Reply-To/References, on the same mailbox; else an item of the
 * same sender whose tracking number is in the subject.
 */
async function itemAnswered(tx: Tx, channelId: string, email: CitizenEmail) {
  if (email.answers.length > 0) {
    const direct = await tx.inboxItem.findFirst({
      where: { source: "email", channelId, platformId: { in: email.answers } },
      select: { id: true },
    });
    if (direct) return direct.id;
    const event = await tx.inboxEvent.findFirst({
      where: {
        remoteId: { in: email.answers },
        type: { in: ["reply", CITIZEN_REPLY_EVENT] },
        item: { source: "email", channelId },
      },
      select: { itemId: true },
    });
    if (event) return event.itemId;
  }
  const tracking = TRACKING_NUMBER_IN_TEXT.exec(email.subject)?.[0];
  if (!tracking) return null;
  const item = await tx.inboxItem.findFirst({
    where: { trackingNumber: tracking, source: "email", authorPlatformId: email.from.address },
    select: { id: true },
  });
  return item?.id ?? null;
}

/** The citizen's answer joins the item's timeline; an item already answered or resolved opens again. */
async function joinItem(
  tx: Tx,
  itemId: string,
  unitId: string,
  email: CitizenEmail,
  kept: KeptAttachments,
): Promise<Outcome> {
  const item = await tx.inboxItem.findUniqueOrThrow({ where: { id: itemId } });
  const [photo] = kept.photos;
  // The first photo of the thread becomes the item's; later ones are listed on the timeline.
  const asset =
    photo && !item.photoId ? await recordCitizenPhoto(tx, EMAIL_ORIGIN, item.unitId ?? unitId, photo) : null;
  if (photo && !asset) await photo.discard();
  const reopen = item.status === "answered" || item.status === "resolved";
  await tx.inboxItem.update({
    where: { id: itemId },
    data: {
      ...(asset ? { photoId: asset.id } : {}),
      ...(reopen ? { status: "reopened", resolvedAt: null } : {}),
    },
  });
  await tx.conversation.update({ where: { id: item.conversationId }, data: { lastItemAt: email.sentAt } });
  await tx.inboxEvent.create({
    data: {
      itemId,
      type: CITIZEN_REPLY_EVENT,
      body: email.text,
      remoteId: email.messageId,
      data: {
        ...mailData(email, kept),
        ...(reopen ? { status: { from: item.status, to: "reopened" } } : {}),
      },
    },
  });
  return { itemId, created: false };
}

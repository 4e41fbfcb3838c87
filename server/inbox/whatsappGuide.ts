/**
 * The short guided exchange on WhatsApp, in Indonesian, sent automatically as the citizen writes:
 * - first contact: thanks, the tracking number given to the message, how to check its status by
 *   sending that number, and the office hours;
 * - a message with a tracking number: that report's current status (as the /lacak page says it);
 * - a darurat message: only that it was received and who will act, nothing else.
 * Each goes out as a service message inside the window the citizen's message just opened (never
 * later than the window allows), is counted per number and category like every reply, and is on
 * the item's timeline ("auto_reply") with its delivery receipts. An item gets at most one: the
 * claim is taken in the database before sending, so several processes never send it twice.
 */
import type { Origin } from "@server/audit/record.js";
import { recordAudit } from "@server/audit/record.js";
import { ChannelError } from "@server/channels/adapter.js";
import { Prisma } from "@server/db/client.js";
import type { Services } from "@server/services.js";
import { STATUS_TEXT } from "./publicStatus.js";
import { sendReply } from "./replies.js";
import { findPublicReport, newTrackingNumber, normalizeTrackingNumber, TRACKING_PREFIX } from "./webReports.js";
import { SERVICE_WINDOW_MS } from "./whatsappWindow.js";

const SYSTEM: Origin = { actor: null, label: "system (WhatsApp guide)" };
/** The sweep only guides messages this recent: an old message gets no late "thank you". */
export const GUIDE_WITHIN_MS = 10 * 60_000;
const TRACKING_IN_TEXT = new RegExp(`${TRACKING_PREFIX}-[0-9]{4}-[0-9A-Z]{6}`, "i");
/** The government's office hours (deadlines/workingTime.ts GOVERNMENT_WORKING_HOURS), as citizens read them. */
const OFFICE_HOURS = "Senin–Kamis pukul 07.30–16.00 dan Jumat pukul 07.30–16.30 (istirahat siang tidak dilayani)";

export type GuideKind = "welcome" | "status" | "emergency";
type Guide = { kind: GuideKind; text: string; trackingNumber?: string };
type GuidedItem = Prisma.InboxItemGetPayload<{
  include: { unit: { select: { name: true } }; channel: { include: { unit: { select: { name: true } } } } };
}>;

/** What the citizen is sent for this message, or null when nothing automatic is due. */
async function guideFor(tx: Prisma.TransactionClient, item: GuidedItem): Promise<Guide | null> {
  if (item.urgency === "darurat") {
    const who = item.unit?.name ?? "petugas piket Dinas Komunikasi dan Informatika";
    return {
      kind: "emergency",
      text: `Pesan darurat Anda sudah kami terima dan segera diteruskan kepada ${who} untuk ditindaklanjuti.`,
    };
  }
  const typed = item.text.match(TRACKING_IN_TEXT)?.[0];
  const number = typed ? normalizeTrackingNumber(typed) : null;
  if (number) {
    const report = await findPublicReport({ prisma: tx as Services["prisma"] }, number);
    if (!report)
      return { kind: "status", text: `Nomor pelacakan ${number} tidak ditemukan. Periksa kembali nomornya.` };
    const status = STATUS_TEXT[report.status](report);
    return { kind: "status", text: `Status laporan ${number}: ${status.label}. ${status.meaning}` };
  }
  const earlier = await tx.inboxItem.count({ where: { conversationId: item.conversationId, id: { not: item.id } } });
  if (earlier > 0) return null;
  const trackingNumber = item.trackingNumber ?? newTrackingNumber(item.receivedAt, "Asia/Jakarta");
  const office = item.channel?.unit.name ?? "kami";
  return {
    kind: "welcome",
    trackingNumber,
    text: [
      `Terima kasih telah menghubungi ${office}. Pesan Anda sudah kami terima dengan nomor pelacakan ${trackingNumber}.`,
      `Untuk mengetahui status laporan, kirimkan nomor ${trackingNumber} ke nomor WhatsApp ini kapan saja.`,
      `Jam layanan: ${OFFICE_HOURS}; pesan di luar jam layanan kami tanggapi pada hari kerja berikutnya.`,
    ].join("\n"),
  };
}

/** Sends what is due for one WhatsApp item, once; returns what was sent (null: nothing due or already done). */
export async function guideWhatsAppItem(
  services: Services,
  itemId: string,
  now = new Date(),
): Promise<GuideKind | null> {
  const claimed = await services.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id"::text AS id FROM "InboxItem" WHERE "id" = ${itemId}::uuid AND "source" = 'whatsapp_message'
      FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return null;
    if (await tx.inboxEvent.findFirst({ where: { itemId, type: "auto_reply" }, select: { id: true } })) return null;
    const item = await tx.inboxItem.findUniqueOrThrow({
      where: { id: itemId },
      include: { unit: { select: { name: true } }, channel: { include: { unit: { select: { name: true } } } } },
    });
    // Only a service message inside the window the citizen's message opened: no template is spent on this.
    if (item.status === "closed_spam" || item.sentAt.getTime() + SERVICE_WINDOW_MS <= now.getTime()) return null;
    if (item.channel?.status !== "connected") return null;
    const guide = await guideFor(tx, item);
    if (!guide) return null;
    if (guide.trackingNumber && !item.trackingNumber)
      await tx.inboxItem.update({ where: { id: itemId }, data: { trackingNumber: guide.trackingNumber } });
    const event = await tx.inboxEvent.create({
      data: { itemId, type: "auto_reply", body: guide.text, visibility: "public", data: { kind: guide.kind } },
    });
    await recordAudit(tx, SYSTEM, {
      action: "inbox.auto_reply",
      targetType: "InboxItem",
      targetId: itemId,
      unitId: item.unitId,
      changes: { kind: guide.kind },
    });
    return { item, channel: item.channel, guide, eventId: event.id };
  });
  if (!claimed) return null;
  const { item, channel, guide, eventId } = claimed;
  try {
    const remote = await sendReply(services, channel, item, guide.text);
    await services.prisma.inboxEvent.update({ where: { id: eventId }, data: { remoteId: remote.remoteId } });
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    // Not retried: a late or doubled automatic message helps no one; staff see it failed.
    await services.prisma.inboxEvent.update({
      where: { id: eventId },
      data: { data: { kind: guide.kind, failed: error.code } },
    });
  }
  return guide.kind;
}

/**
 * The ids of the WhatsApp items (those `which` selects) something is due for, as guideFor decides:
 * a darurat message, a tracking number, or a first contact, not yet answered automatically. Most
 * messages of a conversation need nothing, so they are never read one by one.
 */
function itemsDueAGuide(services: Services, which: Prisma.Sql) {
  return services.prisma.$queryRaw<{ id: string }[]>`
    SELECT i."id"::text AS id FROM "InboxItem" i
    WHERE i."source" = 'whatsapp_message' AND ${which} AND i."status" <> 'closed_spam'
      AND NOT EXISTS (SELECT 1 FROM "InboxEvent" e WHERE e."itemId" = i."id" AND e."type" = 'auto_reply')
      AND (i."urgency" = 'darurat' OR i."text" ~* ${TRACKING_IN_TEXT.source}
        OR NOT EXISTS (SELECT 1 FROM "InboxItem" o WHERE o."conversationId" = i."conversationId" AND o."id" <> i."id"))
    ORDER BY i."receivedAt" LIMIT 100`;
}

async function guideEach(services: Services, due: { id: string }[], now: Date): Promise<number> {
  let sent = 0;
  for (const { id } of due) if (await guideWhatsAppItem(services, id, now)) sent++;
  return sent;
}

/** Guides those of these just-filed WhatsApp items something is due for. */
export async function guideWhatsAppItems(services: Services, itemIds: string[], now = new Date()): Promise<number> {
  if (itemIds.length === 0) return 0;
  const ids = Prisma.join(itemIds.map((id) => Prisma.sql`${id}::uuid`));
  return guideEach(services, await itemsDueAGuide(services, Prisma.sql`i."id" IN (${ids})`), now);
}

/** Guides the recent WhatsApp items no process has guided yet (those a crash or a restart left). */
export async function guideRecentWhatsAppItems(services: Services, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - GUIDE_WITHIN_MS);
  return guideEach(services, await itemsDueAGuide(services, Prisma.sql`i."receivedAt" >= ${since}`), now);
}

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
import { auditRow } from "@server/audit/record.js";
import { ChannelError } from "@server/channels/adapter.js";
import { Prisma } from "@server/db/client.js";
import type { Channel } from "@server/db/generated/client.js";
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
  include: {
    unit: { select: { name: true } };
    channel: { include: { unit: { select: { name: true } } } };
    conversation: { select: { threadKey: true } };
  };
}>;

/**
 * What the citizen is sent for this message, or null when nothing automatic is due; `earlier`
 * counts the other messages of its conversation.
 */
async function guideFor(tx: Prisma.TransactionClient, item: GuidedItem, earlier: number): Promise<Guide | null> {
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

type ClaimedGuide = { item: GuidedItem; channel: Channel; guide: Guide; eventId: bigint };

/**
 * Takes the claim of each of these items something is due for, in one transaction: its row
 * locked (another process skips it), no automatic reply recorded yet, then the reply's timeline
 * event and audit entry written. A burst of first contacts is a few statements, not a
 * transaction per message.
 */
function claimGuides(services: Services, itemIds: string[], now: Date): Promise<ClaimedGuide[]> {
  return services.prisma.$transaction(async (tx) => {
    const ids = Prisma.join([...itemIds].sort().map((id) => Prisma.sql`${id}::uuid`));
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id"::text AS id FROM "InboxItem" WHERE "id" IN (${ids}) AND "source" = 'whatsapp_message'
      ORDER BY "id" FOR UPDATE SKIP LOCKED`;
    const answered = new Set(
      (
        await tx.inboxEvent.findMany({
          where: { itemId: { in: locked.map(({ id }) => id) }, type: "auto_reply" },
          select: { itemId: true },
        })
      ).map(({ itemId }) => itemId),
    );
    const items = (
      await tx.inboxItem.findMany({
        where: { id: { in: locked.map(({ id }) => id).filter((id) => !answered.has(id)) } },
        include: {
          unit: { select: { name: true } },
          channel: { include: { unit: { select: { name: true } } } },
          conversation: { select: { threadKey: true } },
        },
      })
    )
      // Only a service message inside the window the citizen's message opened: no template is spent on this.
      .filter((item) => item.status !== "closed_spam" && item.sentAt.getTime() + SERVICE_WINDOW_MS > now.getTime())
      .filter((item) => item.channel?.status === "connected");
    const inConversation = new Map(
      (
        await tx.inboxItem.groupBy({
          by: ["conversationId"],
          where: { conversationId: { in: [...new Set(items.map((item) => item.conversationId))] } },
          _count: { _all: true },
        })
      ).map((group) => [group.conversationId, group._count._all]),
    );
    const guided: { item: GuidedItem; channel: Channel; guide: Guide }[] = [];
    for (const item of items) {
      const guide = await guideFor(tx, item, (inConversation.get(item.conversationId) ?? 1) - 1);
      if (guide) guided.push({ item, channel: item.channel!, guide });
    }
    if (guided.length === 0) return [];
    const newNumbers = guided.filter(({ item, guide }) => guide.trackingNumber && !item.trackingNumber);
    if (newNumbers.length > 0)
      await tx.$executeRaw`
        UPDATE "InboxItem" AS i SET "trackingNumber" = x."trackingNumber", "updatedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(newNumbers.map(({ item, guide }) => ({ id: item.id, trackingNumber: guide.trackingNumber })))}::jsonb)
          AS x("id" uuid, "trackingNumber" text)
        WHERE i."id" = x."id"`;
    const events = await tx.inboxEvent.createManyAndReturn({
      data: guided.map(({ item, guide }) => ({
        itemId: item.id,
        type: "auto_reply",
        body: guide.text,
        visibility: "public",
        data: { kind: guide.kind },
      })),
      select: { id: true, itemId: true },
    });
    await tx.auditEvent.createMany({
      data: guided.map(({ item, guide }) =>
        auditRow(SYSTEM, {
          action: "inbox.auto_reply",
          targetType: "InboxItem",
          targetId: item.id,
          unitId: item.unitId,
          changes: { kind: guide.kind },
        }),
      ),
    });
    const eventOf = new Map(events.map((event) => [event.itemId, event.id]));
    return guided.map((claimed) => ({ ...claimed, eventId: eventOf.get(claimed.item.id)! }));
  });
}

/**
 * Sends the claimed replies; each one's remote id (or, when the platform refused it, why) is
 * written on its timeline event. Not retried: a late or doubled automatic message helps no one;
 * staff see it failed.
 */
async function sendGuides(services: Services, claimed: ClaimedGuide[]): Promise<void> {
  const outcomes: { eventId: string; remoteId: string | null; data: Prisma.InputJsonValue | null }[] = [];
  for (const { item, channel, guide, eventId } of claimed) {
    try {
      const remote = await sendReply(services, channel, item, guide.text);
      outcomes.push({ eventId: String(eventId), remoteId: remote.remoteId, data: null });
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      outcomes.push({ eventId: String(eventId), remoteId: null, data: { kind: guide.kind, failed: error.code } });
    }
  }
  if (outcomes.length === 0) return;
  await services.prisma.$executeRaw`
    UPDATE "InboxEvent" AS e SET "remoteId" = coalesce(x."remoteId", e."remoteId"), "data" = coalesce(x."data", e."data")
    FROM jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) AS x("eventId" bigint, "remoteId" text, "data" jsonb)
    WHERE e."id" = x."eventId"`;
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
  if (due.length === 0) return 0;
  const claimed = await claimGuides(
    services,
    due.map(({ id }) => id),
    now,
  );
  await sendGuides(services, claimed);
  return claimed.length;
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

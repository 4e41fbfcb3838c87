/**
 * A month of citizens' messages for the demo's inbox: the sandbox's citizen text generator and
 * the corpus's training lines, through every channel, triaged and routed as on arrival (so each
 * kecamatan and OPD finds its own), in every state from just arrived to resolved, with replies.
 * Every row is marked demo and goes in one admin action (commands/demoData.ts).
 */
import { randomUUID } from "node:crypto";
import { withoutAdministrativeWord } from "@server/areas/names.js";
import type { Prisma } from "@server/db/client.js";
import type { InboxSource, InboxStatus } from "@server/db/generated/enums.js";
import type { ArrivalDecision, ArrivalDesk } from "@server/inbox/arrival.js";
import { newTrackingNumber, REPORT_PLACE_TYPES } from "@server/inbox/webReports.js";
import { createCitizenTextGenerator } from "@server/sandbox/citizenText.js";
import { chance, pick, type Random } from "@server/sandbox/random.js";
import type { Services } from "@server/services.js";
import { readSplit } from "@server/triage/corpus.js";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Where citizens wrote from, in about the proportions a kabupaten's office sees. */
const SOURCES: [InboxSource, number][] = [
  ["whatsapp_message", 0.3],
  ["facebook_comment", 0.25],
  ["instagram_comment", 0.12],
  ["x_mention", 0.1],
  ["facebook_message", 0.08],
  ["web_report", 0.15],
];
const CHANNEL_OF: Record<InboxSource, "facebook" | "instagram" | "x" | "website" | "email" | "whatsapp"> = {
  facebook_comment: "facebook",
  facebook_message: "facebook",
  instagram_comment: "instagram",
  x_mention: "x",
  web_report: "website",
  email: "email",
  whatsapp_message: "whatsapp",
};
const REPLIES = [
  "Terima kasih atas laporannya. Sudah kami teruskan ke petugas dan sedang ditindaklanjuti.",
  "Terima kasih, {nama}. Tim kami sudah turun ke lokasi hari ini.",
  "Laporan sudah kami terima. Mohon kirimkan lokasi lengkap agar segera ditangani.",
  "Sudah ditangani, terima kasih atas kepeduliannya.",
];

type Message = { text: string; author: string; placeName: string | null };

function weightedSource(random: Random): InboxSource {
  let roll = random();
  for (const [source, weight] of SOURCES) if ((roll -= weight) < 0) return source;
  return "facebook_comment";
}

/** Where an item of this age stands: the older, the more likely answered and resolved. */
function statusFor(random: Random, ageDays: number, decision: ArrivalDecision): InboxStatus {
  if (decision.fields.status === "closed_spam") return "closed_spam";
  if (ageDays < 1) return pick(random, ["triaged", "triaged", "assigned", "in_progress"] as const);
  if (ageDays < 5) return pick(random, ["assigned", "in_progress", "answered", "answered", "resolved"] as const);
  // Old emergencies were handled; a few other old items still wait (the backlog the dashboard shows).
  if (decision.fields.urgency === "darurat") return "resolved";
  return chance(random, 0.08)
    ? pick(random, ["assigned", "in_progress"] as const)
    : chance(random, 0.2)
      ? "answered"
      : "resolved";
}

/** The month's items, each with its conversation and timeline; returns how many were made. */
export async function seedDemoInbox(
  services: Services,
  { desk, random, now, perDay }: { desk: ArrivalDesk; random: Random; now: Date; perDay: number },
): Promise<number> {
  const { prisma } = services;
  // The places a web form offers, by name; read in reverse code order so that of two places
  // sharing a name the map keeps the one first in official order, as triage does.
  const places = await prisma.unit.findMany({
    where: { type: { in: [...REPORT_PLACE_TYPES] }, active: true },
    select: { id: true, name: true, timezone: true },
    orderBy: [{ areaCode: { sort: "desc", nulls: "first" } }],
  });
  const unitByPlaceName = new Map(places.map((unit) => [withoutAdministrativeWord(unit.name), unit]));
  const channels = new Map(
    (await prisma.channel.findMany({ select: { id: true, kind: true } })).map((channel) => [channel.kind, channel.id]),
  );
  const officers = await prisma.user.findMany({
    where: { role: "officer", active: true },
    select: { id: true, memberships: { select: { unitId: true } } },
  });
  const humas = await prisma.user.findFirst({ where: { role: "humas", active: true }, select: { id: true } });
  const generator = createCitizenTextGenerator(Math.floor(random() * 1e9));
  const corpus = readSplit("train");
  const decide = await desk.decider();
  const message = (): Message => {
    if (chance(random, 0.35))
      return { text: pick(random, corpus).text, author: generator.next().author.name, placeName: null };
    const generated = generator.next();
    return { text: generated.text, author: generated.author.name, placeName: generated.place.desa };
  };

  const conversations: Prisma.ConversationCreateManyInput[] = [];
  const items: Prisma.InboxItemCreateManyInput[] = [];
  const events: Prisma.InboxEventCreateManyInput[] = [];
  const days = 30;
  for (let day = 0; day < days; day++) {
    for (let n = 0; n < perDay; n++) {
      const receivedAt = new Date(now.getTime() - (day * DAY + random() * DAY));
      let source = weightedSource(random);
      if (!channels.has(CHANNEL_OF[source])) source = "web_report";
      const { text, author, placeName } = message();
      // A web report names its place in the form; elsewhere triage reads it from the text.
      const formPlace = source === "web_report" && placeName ? (unitByPlaceName.get(placeName) ?? null) : null;
      const decision = decide({ text, placeUnitId: formPlace?.id ?? null, receivedAt });
      const status = statusFor(random, (now.getTime() - receivedAt.getTime()) / DAY, decision);
      const id = randomUUID();
      const conversationId = randomUUID();
      const platformId =
        source === "web_report" ? newTrackingNumber(receivedAt, formPlace?.timezone ?? "Asia/Jakarta") : `demo-${id}`;
      conversations.push({
        id: conversationId,
        source,
        channelId: channels.get(CHANNEL_OF[source]) ?? null,
        threadKey: `demo-${id}`,
        authorKey: `demo-${id}`,
        lastItemAt: receivedAt,
      });
      const unitId = decision.fields.unitId;
      const handled = !["new", "triaged", "closed_spam"].includes(status);
      const assignee = handled
        ? officers.find((officer) => officer.memberships.some((m) => m.unitId === unitId))
        : undefined;
      const answered = ["answered", "resolved"].includes(status);
      const firstRespondedAt = answered ? new Date(receivedAt.getTime() + (0.3 + random() * 30) * HOUR) : null;
      const resolvedAt =
        status === "resolved" && firstRespondedAt
          ? new Date(firstRespondedAt.getTime() + (1 + random() * 60) * HOUR)
          : null;
      items.push({
        id,
        conversationId,
        source,
        channelId: channels.get(CHANNEL_OF[source]) ?? null,
        platformId,
        authorName: author,
        // A WhatsApp citizen is their number (shown masked in lists, in full to the item's handlers).
        authorPlatformId:
          source === "whatsapp_message" ? `62812${String(Math.floor(random() * 1e8)).padStart(8, "0")}` : null,
        text,
        sentAt: receivedAt,
        receivedAt,
        ...decision.fields,
        status,
        assigneeId: assignee?.id ?? null,
        firstRespondedAt: firstRespondedAt && firstRespondedAt < now ? firstRespondedAt : null,
        resolvedAt: resolvedAt && resolvedAt < now ? resolvedAt : null,
        trackingNumber: source === "web_report" ? platformId : null,
        contact: source === "web_report" ? { name: author, phone: "+62811000000" } : undefined,
        demo: true,
        createdAt: receivedAt,
      } as Prisma.InboxItemCreateManyInput);
      events.push(
        { itemId: id, type: "received", data: { source }, createdAt: receivedAt },
        { itemId: id, type: "triaged", data: decision.event, createdAt: receivedAt },
      );
      if (firstRespondedAt && firstRespondedAt < now)
        events.push({
          itemId: id,
          type: "reply",
          actorId: assignee?.id ?? humas?.id ?? null,
          body: pick(random, REPLIES).replace("{nama}", author),
          visibility: "public",
          createdAt: firstRespondedAt,
        });
    }
  }
  await prisma.$transaction(async (tx) => {
    await tx.conversation.createMany({ data: conversations });
    await tx.inboxItem.createMany({ data: items });
    await tx.inboxEvent.createMany({ data: events });
  });
  return items.length;
}

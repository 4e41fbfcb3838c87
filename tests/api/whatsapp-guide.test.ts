import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { webhooksFiled } from "../helpers/inbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { guideRecentWhatsAppItems } from "@server/inbox/whatsappGuide.js";

// The guided first contact on WhatsApp: what the citizen's phone receives, as the sandbox saw it sent.

let siar: TestSiar;
let admin: ApiClient;
const whatsapp = () => siar.services.sandbox!.control.whatsapp;

/** Files what the sandbox sent in, lets the guide run (the event job or the sweep), and returns the item. */
async function writes(message: Parameters<ReturnType<typeof whatsapp>["citizenWrites"]>[0]) {
  const { id, waId } = whatsapp().citizenWrites(message);
  await webhooksFiled(siar);
  const item = await siar.services.prisma.inboxItem.findFirstOrThrow({ where: { platformId: id } });
  await guideRecentWhatsAppItems(siar.services);
  // The event job may hold the claim (on PostgreSQL in another connection): wait for its send to
  // finish, or long enough to be sure nothing is due.
  for (let attempt = 0; attempt < 40; attempt++) {
    const event = await siar.services.prisma.inboxEvent.findFirst({ where: { itemId: item.id, type: "auto_reply" } });
    if (event && (event.remoteId || (event.data as { failed?: string }).failed)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const sentTo = whatsapp()
    .sent()
    .filter((message) => message.to === waId)
    .map((message) => message.text);
  return { item: await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id: item.id } }), waId, sentTo };
}

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
});
afterAll(async () => siar?.close());

describe("the guided first contact on WhatsApp", () => {
  it("thanks a new citizen with a tracking number, how to check it and the office hours, once", async () => {
    const first = await writes({ text: "Jalan di Desa Semerangkai berlubang besar, mohon diperbaiki" });
    expect(first.item.trackingNumber).toMatch(/^SIAR-\d{4}-[0-9A-Z]{6}$/);
    expect(first.sentTo).toHaveLength(1);
    const welcome = first.sentTo[0]!;
    expect(welcome).toContain(`nomor pelacakan ${first.item.trackingNumber}`);
    expect(welcome).toContain(`kirimkan nomor ${first.item.trackingNumber} ke nomor WhatsApp ini`);
    expect(welcome).toContain("Jam layanan: Senin–Kamis pukul 07.30–16.00");

    // The same citizen writing again gets no second welcome.
    const again = await writes({ waId: first.waId, text: "Sudah seminggu belum ada perbaikan" });
    expect(again.sentTo).toEqual([welcome]);

    // The timeline shows the automatic message with its delivery; it does not count as staff's first response.
    const detail = (await admin.get(`/api/inbox/${first.item.id}`)).body;
    const auto = detail.timeline.find((event: { type: string }) => event.type === "auto_reply");
    expect(auto).toMatchObject({ body: welcome, visibility: "public" });
    expect(auto.remoteId).toMatch(/^wamid\./);
    expect(first.item.firstRespondedAt).toBeNull();
  });

  it("answers a tracking number with the report's current status", async () => {
    const report = await writes({ text: "Lampu jalan mati di simpang tiga Kapuas" });
    const number = report.item.trackingNumber!;
    await siar.services.prisma.inboxItem.update({ where: { id: report.item.id }, data: { status: "in_progress" } });
    const asked = await writes({ text: `cek ${number.toLowerCase()}` });
    expect(asked.sentTo).toEqual([`Status laporan ${number}: Sedang ditangani. Laporan Anda sedang ditindaklanjuti.`]);
    const unknown = await writes({ waId: asked.waId, text: "SIAR-2601-ZZZZZZ" });
    expect(unknown.sentTo.at(-1)).toBe("Nomor pelacakan SIAR-2601-ZZZZZZ tidak ditemukan. Periksa kembali nomornya.");
  });

  it("says only that a darurat message was received and who will act", async () => {
    const urgent = await writes({ text: "Tolong! Kebakaran besar di Pasar Sanggau, api sudah membakar rumah warga" });
    expect(urgent.item.urgency).toBe("darurat");
    const unit = await siar.services.prisma.unit.findUnique({ where: { id: urgent.item.unitId ?? "" } });
    expect(urgent.sentTo).toEqual([
      `Pesan darurat Anda sudah kami terima dan segera diteruskan kepada ${unit?.name ?? "petugas piket Dinas Komunikasi dan Informatika"} untuk ditindaklanjuti.`,
    ]);
    expect(urgent.item.trackingNumber).toBeNull();
  });

  it("sends nothing once the window has closed, and counts what it sent as service messages", async () => {
    const late = await writes({ text: "Sampah menumpuk di depan sekolah", ageMs: 25 * 3600_000 });
    expect(late.sentTo).toEqual([]);
    const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "whatsapp" } });
    const usage = (await admin.get(`/api/channels/${channel.id}/usage`)).body;
    const service = usage.spend.byItem.find((row: { item: string }) => row.item === "whatsapp.service");
    // Two welcomes, two status answers, one darurat acknowledgement.
    expect(service.quantity).toBe(5);
  });
});

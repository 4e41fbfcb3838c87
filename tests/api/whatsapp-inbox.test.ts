import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { webhooksFiled } from "../helpers/inbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { SecretBox } from "@server/crypto/secretBox.js";
import { fetchWhatsAppMedia } from "@server/inbox/whatsappMedia.js";
import { JPEG_BYTES } from "../sandbox/adapters/fixtures.js";

// A citizen writes to the office's WhatsApp number; the sandbox sends the Cloud API's signed
// `messages` webhook to Siar, which files it through the durable queue like Meta's other webhooks.

let siar: TestSiar;
let admin: ApiClient;
let channelId: string;
const sandbox = () => siar.services.sandbox!;
const kindOf = (item: { location: unknown; attachments: unknown }) =>
  item.location ? "location" : ((item.attachments as { type: string }[])[0]?.type ?? "text");
const items = () =>
  siar.services.prisma.inboxItem.findMany({ where: { source: "whatsapp_message" }, orderBy: { sentAt: "asc" } });

/**
 * Brings the media of these messages in; the media job may have claimed some first (on PostgreSQL
 * in another connection), so this waits until each is kept or refused.
 */
async function mediaSettled(platformIds: string[]) {
  for (let attempt = 0; attempt < 100; attempt++) {
    await fetchWhatsAppMedia(siar.services);
    const items = await siar.services.prisma.inboxItem.findMany({
      where: { platformId: { in: platformIds } },
      select: { photoId: true, attachments: true },
    });
    const settled = (item: (typeof items)[number]) =>
      item.photoId || (item.attachments as { file?: unknown; failed?: string }[]).some((a) => a.file || a.failed);
    if (items.every(settled)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  // The demo's hotline, connected to the kabupaten on the sandbox's number.
  channelId = (await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "whatsapp" } })).id;
});
afterAll(async () => siar?.close());

describe("connecting a WhatsApp number", () => {
  it("names the channel from the Cloud API and keeps the token sealed", async () => {
    const { whatsapp } = sandbox().credentials;
    const request = {
      unitId: (await admin.get("/api/units?type=kecamatan")).body.data[0].id,
      kind: "whatsapp",
      externalId: whatsapp.phoneNumberId,
      credentials: { accessToken: whatsapp.accessToken },
      settings: { baseUrl: whatsapp.baseUrl, wabaId: whatsapp.wabaId },
    };
    // The demo's kabupaten already has this number: connecting it to a second unit must be confirmed.
    const unconfirmed = await admin.post("/api/channels", request);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe("channel_connected_elsewhere");
    const connected = await admin.post("/api/channels", { ...request, shareAccount: true });
    expect(connected.status).toBe(201);
    const channel = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: connected.body.id } });
    expect(channel).toMatchObject({ kind: "whatsapp", name: "Pemkab Sanggau (62 811-5600-1122)" });
    expect(channel.credentials).not.toContain(whatsapp.accessToken);
  });

  it("refuses a wrong token with the platform's reason", async () => {
    const { whatsapp } = sandbox().credentials;
    const refused = await admin.post("/api/channels", {
      unitId: (await admin.get("/api/units?type=kabupaten")).body.data[0].id,
      kind: "whatsapp",
      externalId: whatsapp.phoneNumberId,
      credentials: { accessToken: "salah" },
      settings: { baseUrl: whatsapp.baseUrl },
      shareAccount: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("channel_verification_failed");
  });

  it("asks for the number to be connected again when its token was sealed under another key", async () => {
    const demo = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
    const otherKey = new SecretBox(randomBytes(32));
    const { id } = await siar.services.prisma.channel.create({
      data: {
        unitId: demo.unitId,
        kind: "whatsapp",
        name: "Nomor lama",
        externalId: "109900000000009",
        settings: demo.settings ?? {},
        credentials: otherKey.seal(JSON.stringify({ accessToken: "from-an-old-installation" })),
      },
    });
    const listed = await admin.get(`/api/channels/${id}/whatsapp-templates/approved`);
    expect([listed.status, listed.body.error.code]).toEqual([409, "channel_needs_reconnect"]);
    const channel = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id } });
    expect(channel.status).toBe("needs_reconnect");
  });

  it("is never offered as a place to publish a post", async () => {
    const unitId = (await admin.get("/api/units?type=kabupaten")).body.data[0].id;
    const created = await admin.post("/api/posts", { unitId, title: "Uji", body: "Isi", channelIds: [channelId] });
    expect([created.status, created.body.error.code]).toEqual([400, "channel_not_available"]);
  });
});

describe("receiving WhatsApp messages", () => {
  it("files a citizen's text in a conversation per wa_id, once however often Meta retries", async () => {
    const { id, waId } = sandbox().control.whatsapp.citizenWrites({
      name: "Siti Aminah",
      text: "Jalan di desa Sungai Mawang berlubang besar, mohon diperbaiki",
    });
    sandbox().control.whatsapp.citizenWrites({ waId, text: "Sudah seminggu belum ada perbaikan" });
    await webhooksFiled(siar);
    const filed = await items();
    expect(filed.map((item) => item.text)).toEqual([
      "Jalan di desa Sungai Mawang berlubang besar, mohon diperbaiki",
      "Sudah seminggu belum ada perbaikan",
    ]);
    expect(filed[0]).toMatchObject({ platformId: id, authorName: "Siti Aminah", authorPlatformId: waId, channelId });
    expect(filed[0]!.conversationId).toBe(filed[1]!.conversationId);

    // The same delivery again (Meta retries when unsure): nothing new.
    const [first] = sandbox()
      .control.webhookDeliveries()
      .filter((delivery) => delivery.object === "whatsapp_business_account");
    await fetch(`${siar.url}/webhooks/meta`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": (await import("../helpers/metaWebhooks.js")).metaSignature(
          first!.body,
          siar.services.metaWebhook!.appSecret,
        ),
      },
      body: first!.body,
    });
    await webhooksFiled(siar);
    expect(await items()).toHaveLength(2);
  });

  it("files photos, documents, voice notes and shared locations with what each carries", async () => {
    const writes = sandbox().control.whatsapp;
    const { waId } = writes.citizenWrites({ type: "image", text: "Foto banjir di pasar" });
    writes.citizenWrites({ waId, type: "audio", mimeType: "audio/ogg; codecs=opus" });
    writes.citizenWrites({ waId, type: "document", filename: "surat.pdf", mimeType: "application/pdf" });
    writes.citizenWrites({
      waId,
      type: "location",
      location: {
        latitude: 0.1301,
        longitude: 110.5712,
        name: "Pasar Sanggau",
        address: "Jl. Jend. Sudirman, Sanggau",
      },
    });
    await webhooksFiled(siar);
    // Sent within the same second: compared in the order of their kinds.
    const order = ["image", "audio", "document", "location"];
    const filed = (await items())
      .filter((item) => item.authorPlatformId === waId)
      .sort((a, b) => order.indexOf(kindOf(a)) - order.indexOf(kindOf(b)));
    expect(filed.map((item) => [item.text, (item.attachments as { type: string }[]).map((a) => a.type)])).toEqual([
      ["Foto banjir di pasar", ["image"]],
      ["(pesan suara)", ["audio"]],
      ["surat.pdf", ["document"]],
      ["Lokasi: Pasar Sanggau, Jl. Jend. Sudirman, Sanggau", []],
    ]);
    expect(filed[3]!.location).toEqual({ lat: 0.1301, lng: 110.5712 });
  });

  it("brings a photo into Siar's storage for staff only, and refuses what is not a photo", async () => {
    const writes = sandbox().control.whatsapp;
    const photo = writes.citizenWrites({
      type: "image",
      text: "Jalan amblas",
      mediaBase64: JPEG_BYTES.toString("base64"),
    });
    const fake = writes.citizenWrites({
      type: "image",
      text: "Bukan foto",
      mimeType: "image/jpeg",
      mediaBase64: Buffer.from("<html>bukan gambar</html>").toString("base64"),
    });
    await webhooksFiled(siar);
    await mediaSettled([photo.id, fake.id]);
    const [withPhoto, refused] = await Promise.all(
      [photo.id, fake.id].map((platformId) =>
        siar.services.prisma.inboxItem.findFirstOrThrow({ where: { platformId } }),
      ),
    );
    expect(withPhoto!.photoId).not.toBeNull();
    const served = await fetch(`${siar.url}/api/inbox/${withPhoto!.id}/photo`, { headers: { cookie: admin.cookie! } });
    expect([served.status, served.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    expect((await fetch(`${siar.url}/api/inbox/${withPhoto!.id}/photo`)).status).toBe(401);
    expect(refused!.photoId).toBeNull();
    expect((refused!.attachments as { failed?: string }[])[0]!.failed).toBe("unreadable_media_file");
  });

  it("keeps voice notes, videos and PDFs for staff only, and refuses a document that is not one", async () => {
    const writes = sandbox().control.whatsapp;
    const sent = [
      writes.citizenWrites({ type: "audio" }),
      writes.citizenWrites({ type: "video", text: "Video jalan rusak" }),
      writes.citizenWrites({ type: "document", filename: "surat.pdf" }),
      writes.citizenWrites({
        type: "document",
        filename: "surat.pdf",
        mediaBase64: Buffer.from("<script>alert(1)</script>").toString("base64"),
      }),
    ];
    await webhooksFiled(siar);
    await mediaSettled(sent.map((message) => message.id));
    const served = [];
    for (const { id } of sent) {
      const item = await siar.services.prisma.inboxItem.findFirstOrThrow({ where: { platformId: id } });
      const detail = await admin.get(`/api/inbox/${item.id}`);
      const files = detail.body.item.files as { type: string; mimeType: string; url: string }[];
      const response = files[0]
        ? await fetch(`${siar.url}${files[0].url}`, { headers: { cookie: admin.cookie! } })
        : null;
      served.push([
        files.map((file) => file.mimeType),
        response?.status,
        (item.attachments as { failed?: string }[])[0]!.failed,
      ]);
      if (files[0]) expect((await fetch(`${siar.url}${files[0].url}`)).status).toBe(401);
    }
    expect(served).toEqual([
      [["audio/ogg"], 200, undefined],
      [["video/mp4"], 200, undefined],
      [["application/pdf"], 200, undefined],
      [[], undefined, "unsupported_media_file"],
    ]);
  });

  it("triages and routes WhatsApp messages like every other source", async () => {
    sandbox().control.whatsapp.citizenWrites({ text: "Tolong! Banjir besar, rumah kami terendam air setinggi dada" });
    await webhooksFiled(siar);
    const item = (await items()).at(-1)!;
    expect(item.category).not.toBeNull();
    expect(item.unitId).not.toBeNull();
  });
});

describe("the citizen's number", () => {
  it("is masked in lists and shown in full in the item to those handling it", async () => {
    const { id, waId } = sandbox().control.whatsapp.citizenWrites({ text: "Air PDAM tidak mengalir di Kapuas" });
    await webhooksFiled(siar);
    const item = await siar.services.prisma.inboxItem.findFirstOrThrow({ where: { platformId: id } });
    const masked = `+${waId.slice(0, 2)} ${waId.slice(2, 5)}-••••-${waId.slice(-4)}`;
    const listed = (await admin.get("/api/inbox?limit=100")).body.data.find(
      (row: { id: string }) => row.id === item.id,
    );
    expect(listed.author.phone).toBe(masked);
    expect((await admin.get(`/api/inbox/${item.id}`)).body.item.author.phone).toBe(`+${waId}`);
  });
});

describe("replying on WhatsApp", () => {
  const itemOf = async (platformId: string) =>
    siar.services.prisma.inboxItem.findFirstOrThrow({ where: { source: "whatsapp_message", platformId } });
  const detail = async (itemId: string) => (await admin.get(`/api/inbox/${itemId}`)).body;

  it("sends free text within the 24-hour window and shows delivery and read on the reply", async () => {
    const { id } = sandbox().control.whatsapp.citizenWrites({ text: "Lampu jalan mati di depan kantor camat" });
    await webhooksFiled(siar);
    const item = await itemOf(id);
    expect((await detail(item.id)).whatsapp).toMatchObject({ windowOpen: true, templates: [] });
    const replied = await admin.post(`/api/inbox/${item.id}/reply`, { text: "Terima kasih, petugas kami segera cek." });
    expect(replied.status).toBe(200);
    expect(sandbox().control.whatsapp.sent().at(-1)).toMatchObject({
      to: item.authorPlatformId,
      type: "text",
      text: "Terima kasih, petugas kami segera cek.",
    });
    await webhooksFiled(siar);
    const reply = (await detail(item.id)).timeline.find((event: { type: string }) => event.type === "reply");
    expect(reply.delivery).toMatchObject({ status: "read", error: null });
  });

  it("outside the window refuses free text and answers with a template admins listed", async () => {
    const { id } = sandbox().control.whatsapp.citizenWrites({ text: "Jembatan retak", ageMs: 25 * 3600_000 });
    await webhooksFiled(siar);
    const item = await itemOf(id);
    expect((await detail(item.id)).whatsapp.windowOpen).toBe(false);
    const refused = await admin.post(`/api/inbox/${item.id}/reply`, { text: "Sudah kami cek" });
    expect([refused.status, refused.body.error.code]).toEqual([409, "whatsapp_window_closed"]);

    const approved = await admin.get(`/api/channels/${channelId}/whatsapp-templates/approved`);
    expect(approved.body.data.map((t: { name: string }) => t.name)).toEqual(["laporan_ditindaklanjuti"]);
    const add = (name: string, parameters: string[]) =>
      admin.post(`/api/channels/${channelId}/whatsapp-templates`, { name, language: "id", parameters });
    expect((await add("promo_festival", ["reply_text"])).body.error.code).toBe("whatsapp_template_not_approved");
    expect((await add("laporan_ditindaklanjuti", ["reply_text"])).body.error.code).toBe("whatsapp_template_parameters");
    const listed = await add("laporan_ditindaklanjuti", ["item_reference", "reply_text"]);
    expect(listed.status).toBe(201);

    const options = (await detail(item.id)).whatsapp;
    expect(options.templates).toEqual([expect.objectContaining({ id: listed.body.id, category: "utility" })]);
    const sent = await admin.post(`/api/inbox/${item.id}/reply`, {
      text: "jembatan sudah diperbaiki",
      templateId: listed.body.id,
    });
    expect(sent.status).toBe(200);
    const reference = item.id.slice(0, 8).toUpperCase();
    expect(sandbox().control.whatsapp.sent().at(-1)).toMatchObject({
      type: "template",
      text: `Laporan Anda ${reference} telah ditindaklanjuti: jembatan sudah diperbaiki`,
    });
    const reply = (await detail(item.id)).timeline.find((event: { type: string }) => event.type === "reply");
    expect(reply.body).toBe(`Laporan Anda ${reference} telah ditindaklanjuti: jembatan sudah diperbaiki`);

    // Counted per number and category against the month's budget, like X's spend: every free-text
    // message the sandbox received (replies and the guide's automatic ones) is a service message.
    const usage = (await admin.get(`/api/channels/${channelId}/usage`)).body;
    const serviceSent = sandbox()
      .control.whatsapp.sent()
      .filter((message) => message.type === "text").length;
    expect(usage.spend.byItem.map((row: { item: string; quantity: number }) => [row.item, row.quantity])).toEqual([
      ...(serviceSent > 0 ? [["whatsapp.service", serviceSent]] : []),
      ["whatsapp.utility", 1],
    ]);
  });
});

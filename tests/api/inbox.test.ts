import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { commentArrives, publishPagePost } from "../helpers/inbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The inbox as staff use it: an item arrives, is triaged and routed, and is answered on its channel.

let siar: TestSiar;
let humas: ApiClient;
let officerKapuas: ApiClient;
let officerTayanHulu: ApiClient;
let facebook: { id: string; unitId: string };
const units: Record<string, string> = {};

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  officerKapuas = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  officerTayanHulu = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
  facebook = await siar.services.prisma.channel.findFirstOrThrow({
    where: { kind: "facebook" },
    select: { id: true, unitId: true },
  });
  for (const unit of (await humas.get("/api/units?limit=1000")).body.data) units[unit.code] = unit.id;
});
afterAll(async () => siar?.close());

let pagePostId: string;
beforeAll(async () => {
  // A Page post of ours for citizens to comment on, published by the worker.
  pagePostId = await publishPagePost(siar, humas, {
    unitId: units["kab-sanggau"]!,
    channelId: facebook.id,
    title: "Info layanan",
    body: "Layanan publik Kabupaten Sanggau.",
  });
});

const arrives = (text: string) => commentArrives(siar, pagePostId, text);

describe("arrival", () => {
  it("triages, places and routes an item, with reasons and deadlines", async () => {
    const id = await arrives("Pelayanan di kantor camat Kapuas lambat sekali, pegawainya malah main hp");
    const { body } = await humas.get(`/api/inbox/${id}`);
    expect(body.item).toMatchObject({
      status: "triaged",
      kind: "pengaduan",
      category: "pelayanan_publik",
      place: { name: "Kecamatan Kapuas" },
      unit: { id: units["kec-kapuas"] },
    });
    expect(body.item.triage.category.reasons.length).toBeGreaterThan(0);
    expect(Date.parse(body.item.deadlines.firstResponseDueAt)).toBeGreaterThan(Date.parse(body.item.receivedAt));
    expect(body.timeline.map((e: { type: string }) => e.type)).toEqual(["received", "triaged"]);
  });

  it("sends what no rule owns to Kominfo, and closes obvious spam", async () => {
    const spam = await arrives("Promo pinjaman online cair 5 menit tanpa jaminan hub wa 0812xxxx");
    expect((await humas.get(`/api/inbox/${spam}`)).body.item).toMatchObject({
      status: "closed_spam",
      unit: { id: units["dinas-kominfo"] },
    });
  });
});

describe("who sees what", () => {
  it("shows an officer the items of their units only", async () => {
    const kapuas = await arrives("Pungli di loket kecamatan Kapuas, diminta 100 ribu biar cepat");
    expect((await officerKapuas.get(`/api/inbox/${kapuas}`)).status).toBe(200);
    expect((await officerTayanHulu.get(`/api/inbox/${kapuas}`)).status).toBe(403);
    expect((await officerTayanHulu.post(`/api/inbox/${kapuas}/notes`, { text: "bukan urusan saya" })).status).toBe(403);
    const listed = (await officerTayanHulu.get("/api/inbox?limit=200")).body.data.map((i: { id: string }) => i.id);
    expect(listed).not.toContain(kapuas);
    expect(
      (await officerKapuas.get("/api/inbox?view=my_units&limit=200")).body.data.map((i: { id: string }) => i.id),
    ).toContain(kapuas);
  });

  it("never lets a leader act on an item, only read it", async () => {
    const id = await arrives("Kantor kecamatan Kapuas tutup jam 11 padahal masih jam kerja");
    const camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
    expect((await camat.get(`/api/inbox/${id}`)).status).toBe(200);
    expect((await camat.post(`/api/inbox/${id}/reply`, { text: "Baik" })).status).toBe(403);
  });
});

describe("handling an item", () => {
  it("replies on Facebook, stops the first-response clock and records the timeline", async () => {
    const id = await arrives("Min, pelayanan KTP di kecamatan Kapuas buka hari Sabtu?");
    const note = await humas.post(`/api/inbox/${id}/notes`, { text: "Cek jadwal dengan Disdukcapil" });
    expect(note.status).toBe(200);
    const reply = await humas.post(`/api/inbox/${id}/reply`, {
      text: "Halo, pelayanan KTP buka Sabtu pukul 08.00–12.00 WIB.",
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ status: "answered", deadlines: { firstRespondedAt: expect.any(String) } });
    const { body } = await humas.get(`/api/inbox/${id}`);
    const events = body.timeline.map((e: { type: string; visibility: string; actor: { name: string } | null }) => [
      e.type,
      e.visibility,
      e.actor?.name ?? null,
    ]);
    expect(events).toEqual([
      ["received", "internal", null],
      ["triaged", "internal", null],
      ["note", "internal", "Rina Humas"],
      ["reply", "public", "Rina Humas"],
    ]);
    const replyEvent = body.timeline.find((e: { type: string }) => e.type === "reply");
    expect(siar.services.sandbox!.state.graph.comments.get(replyEvent.remoteId)?.message).toBe(
      "Halo, pelayanan KTP buka Sabtu pukul 08.00–12.00 WIB.",
    );
  });

  it("says a reply may already be out when Facebook fails after posting it, and that one refused before was not sent", async () => {
    const id = await arrives("Min, jadwal posyandu Kapuas bulan ini kapan?");
    const comments = () =>
      [...siar.services.sandbox!.state.graph.comments.values()].filter(
        (c) => c.message === "Posyandu Kapuas tanggal 12, pukul 08.00.",
      );
    siar.services.sandbox!.control.addFault({
      platform: "graph",
      method: "POST",
      path: "*/comments",
      status: 500,
      afterHandling: true,
      times: 1,
    });
    const unsure = await humas.post(`/api/inbox/${id}/reply`, { text: "Posyandu Kapuas tanggal 12, pukul 08.00." });
    expect(unsure.status).toBe(504);
    expect(unsure.body.error).toMatchObject({
      code: "reply_outcome_unknown",
      message: expect.stringContaining("mungkin sudah terkirim"),
    });
    expect(comments()).toHaveLength(1);

    siar.services.sandbox!.control.exhaustRateLimit({ platform: "graph", code: 32 });
    try {
      const refused = await humas.post(`/api/inbox/${id}/reply`, { text: "Posyandu Kapuas tanggal 12, pukul 08.00." });
      expect(refused.status).toBe(503);
      expect(refused.body.error).toMatchObject({
        code: "platform_unavailable",
        message: expect.stringContaining("belum terkirim"),
      });
    } finally {
      siar.services.sandbox!.control.resetRateLimits();
    }
    expect(comments()).toHaveLength(1);
    expect((await humas.get(`/api/inbox/${id}`)).body.item.status).toBe("triaged");
  });

  it("assigns, moves through the lifecycle, and refuses impossible moves", async () => {
    const id = await arrives("Balap liar tiap malam minggu di jalan lingkar Kapuas, bahaya sekali");
    const officerId = (await officerKapuas.get("/api/auth/session")).body.user.id;
    const assigned = await humas.post(`/api/inbox/${id}/assign`, { assigneeId: officerId });
    expect(assigned.body).toMatchObject({ status: "assigned", assignee: { id: officerId } });
    expect(
      (await officerKapuas.get("/api/inbox?view=mine&limit=200")).body.data.map((i: { id: string }) => i.id),
    ).toContain(id);
    const tayanHuluOfficer = (await officerTayanHulu.get("/api/auth/session")).body.user.id;
    const wrongPerson = await humas.post(`/api/inbox/${id}/assign`, { assigneeId: tayanHuluOfficer });
    expect(wrongPerson.status).toBe(400);
    expect(wrongPerson.body.error.code).toBe("assignee_cannot_handle");
    expect((await officerKapuas.post(`/api/inbox/${id}/status`, { status: "resolved" })).body.status).toBe("resolved");
    const impossible = await officerKapuas.post(`/api/inbox/${id}/status`, { status: "in_progress" });
    expect(impossible.status).toBe(409);
    expect((await officerKapuas.post(`/api/inbox/${id}/status`, { status: "reopened" })).body.status).toBe("reopened");
  });

  it("keeps staff corrections of the triage, with who made them", async () => {
    const id = await arrives("Harga cabai di pasar Kapuas naik terus");
    const before = (await humas.get(`/api/inbox/${id}`)).body.item;
    const category = before.category === "utilitas" ? "ekonomi" : "utilitas";
    const corrected = await humas.patch(`/api/inbox/${id}/triage`, { category });
    expect(corrected.body).toMatchObject({
      category,
      triage: { category: { code: category, source: "staff", previous: before.category } },
    });
    const { body } = await humas.get(`/api/inbox/${id}`);
    expect(body.timeline.at(-1)).toMatchObject({ type: "triage_corrected", actor: { name: "Rina Humas" } });
    expect((await humas.patch(`/api/inbox/${id}/triage`, { category: "astrologi" })).status).toBe(400);
  });

  it("merges a duplicate into the first report", async () => {
    const first = await arrives("Lampu jalan di simpang pasar Kapuas mati");
    const again = await arrives("Lampu jalan simpang pasar Kapuas masih mati!!");
    const merged = await humas.post(`/api/inbox/${again}/merge`, { intoId: first });
    expect(merged.body).toMatchObject({ status: "resolved", mergedIntoId: first });
    expect((await humas.get(`/api/inbox/${first}`)).body.timeline.at(-1)).toMatchObject({ type: "merged_in" });
  });

  it("applies a bulk action item by item, reporting each", async () => {
    const ids = [
      await arrives("Judi slot online gacor daftar sekarang"),
      await arrives("Sampah menumpuk di pasar Kapuas"),
    ];
    const { body } = await officerTayanHulu.post("/api/inbox/bulk", {
      ids,
      action: { type: "status", status: "closed_spam" },
    });
    expect(body.results.every((r: { ok: boolean }) => !r.ok)).toBe(true);
    const byHumas = await humas.post("/api/inbox/bulk", {
      ids: [ids[1]],
      action: { type: "status", status: "closed_spam" },
    });
    expect(byHumas.body.results).toEqual([{ id: ids[1], ok: true }]);
  });
});

describe("finding items", () => {
  it("searches in Bahasa Indonesia with stemming, and filters views", async () => {
    const id = await arrives("Banjir setinggi lutut di Desa Sungai Mawang, warga butuh perahu");
    const found = await humas.get(`/api/inbox?q=${encodeURIComponent("kebanjiran mawang")}`);
    expect(found.status).toBe(200);
    const foundWithBase = await humas.get(`/api/inbox?q=${encodeURIComponent("banjir mawang")}`);
    expect(foundWithBase.body.data.map((i: { id: string }) => i.id)).toContain(id);
    const urgent = await humas.get("/api/inbox?view=urgent&limit=200");
    expect(urgent.body.data.every((i: { urgency: string }) => ["darurat", "tinggi"].includes(i.urgency))).toBe(true);
    expect((await humas.get("/api/inbox?view=everything")).status).toBe(400);
  });

  it("lists overdue items whose first response is late", async () => {
    const id = await arrives("Jembatan gantung di Desa Penyeladi miring, anak sekolah tiap hari lewat");
    await siar.services.prisma.inboxItem.update({
      where: { id },
      data: { firstResponseDueAt: new Date(Date.now() - 60_000) },
    });
    const overdue = (await humas.get("/api/inbox?view=overdue&limit=200")).body.data;
    expect(overdue.find((i: { id: string }) => i.id === id)?.deadlines.overdue.firstResponse).toBe(true);
  });
});

describe("search within scope", () => {
  it("finds an officer's own items even when many newer matches belong to others", async () => {
    const kapuas = await arrives("Pungli di loket kecamatan Kapuas, minta uang tambahan");
    // Newer matches outside the officer's scope must not crowd the officer's item out.
    const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
    const conversation = await siar.services.prisma.conversation.create({
      data: { source: "facebook_comment", threadKey: "crowd", authorKey: "crowd", lastItemAt: new Date() },
    });
    await siar.services.prisma.inboxItem.createMany({
      data: Array.from({ length: 2100 }, (_, i) => ({
        conversationId: conversation.id,
        source: "facebook_comment" as const,
        channelId: channel.id,
        platformId: `crowd-${i}`,
        authorName: "Warga",
        text: `pungli di tempat lain nomor ${i}`,
        sentAt: new Date(),
        receivedAt: new Date(Date.now() + 60_000 + i),
        status: "triaged" as const,
        unitId: units["dinas-kominfo"],
      })),
    });
    const found = (await officerKapuas.get(`/api/inbox?q=pungli&limit=50`)).body.data.map((i: { id: string }) => i.id);
    expect(found).toContain(kapuas);
  });
});

import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectRisingTopic } from "@server/inbox/earlyWarning.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { commentArrives, publishPagePost } from "../helpers/inbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { recordingSocket, type SocketEvent } from "../helpers/sockets.js";

// Rising topics: many reports of one thing from one place in a short time raise one early
// warning for the unit that owns them. Detection is driven explicitly after each arrival, so
// the tests do not depend on when the server's own listener runs.

let siar: TestSiar;
let humas: ApiClient;
let sekda: ApiClient;
let officerLingkungan: ApiClient;
let officerTayanHulu: ApiClient;
let pagePostId: string;
const units: Record<string, string> = {};
const sockets: Socket[] = [];

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  sekda = await signedIn(siar.url, "pimpinan@sanggau.demo");
  officerTayanHulu = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
  for (const unit of (await humas.get("/api/units?limit=1000")).body.data) units[unit.code] = unit.id;
  // Floods (lingkungan) are routed to Dinas Lingkungan Hidup: give it an officer.
  const admin = await signedIn(siar.url, "admin@sanggau.demo");
  const created = await admin.post("/api/users", {
    email: "petugas.lh@sanggau.demo",
    name: "Petugas DLH",
    role: "officer",
    unitIds: [units["dinas-lh"]],
  });
  expect(created.status).toBe(201);
  officerLingkungan = await signedIn(siar.url, "petugas.lh@sanggau.demo", created.body.temporaryPassword);
  const password = { currentPassword: created.body.temporaryPassword, newPassword: "petugas-lh-2026!" };
  expect((await officerLingkungan.post("/api/auth/password", password)).status).toBe(204);
  const facebook = await siar.services.prisma.channel.findFirstOrThrow({
    where: { kind: "facebook" },
    select: { id: true },
  });
  pagePostId = await publishPagePost(siar, humas, {
    unitId: units["kab-sanggau"]!,
    channelId: facebook.id,
    title: "Info cuaca",
    body: "Waspada hujan lebat.",
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await siar?.close();
});

/** A comment arrives and is triaged; then the early-warning check runs for it. */
async function arrivesAndIsChecked(text: string): Promise<string> {
  const id = await commentArrives(siar, pagePostId, text);
  await detectRisingTopic(siar.services, id);
  return id;
}

async function listenAs(client: ApiClient): Promise<SocketEvent[]> {
  const { socket, events } = await recordingSocket(siar.url, client.cookie!);
  sockets.push(socket);
  return events;
}

const warningsAbout = (category: string, placeCodes: string[]) =>
  siar.services.prisma.earlyWarning.findMany({
    where: { category, placeUnitId: { in: placeCodes.map((code) => units[code]!) } },
  });

const eventually = async (check: () => void) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return check();
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

const FLOOD_REPORTS = [
  "Banjir di Desa Sungai Mawang, air sudah masuk rumah warga",
  "Banjir lagi di Desa Sungai Mawang sejak subuh",
  "Tolong pak, banjir setinggi lutut di Desa Sungai Mawang",
  "Air sungai meluap, banjir di Desa Sungai Mawang makin tinggi",
  "Banjir di Desa Sungai Mawang belum surut, kebun warga terendam",
  "Masih banjir di Desa Sungai Mawang, air belum juga surut",
];

describe("five flood reports from one desa within minutes", () => {
  const floodIds: string[] = [];
  let alertId: string;

  it("raise exactly one alert, for the owning unit, audited and pushed to those who may see it", async () => {
    const [humasLive, outsiderLive] = [await listenAs(humas), await listenAs(officerTayanHulu)];
    for (const text of FLOOD_REPORTS.slice(0, 4)) floodIds.push(await arrivesAndIsChecked(text));
    expect(await warningsAbout("lingkungan", ["desa-sungai-mawang", "kec-kapuas"])).toEqual([]);

    floodIds.push(await arrivesAndIsChecked(FLOOD_REPORTS[4]!));
    // The desa's warning explains the kecamatan's count too: no second warning for Kecamatan Kapuas.
    const warnings = await warningsAbout("lingkungan", ["desa-sungai-mawang", "kec-kapuas"]);
    expect(warnings).toHaveLength(1);
    alertId = warnings[0]!.id;

    const { body } = await humas.get("/api/early-warnings?status=open");
    expect(body.data.filter((alert: { id: string }) => alert.id === alertId)).toEqual([
      expect.objectContaining({
        category: "lingkungan",
        place: { id: units["desa-sungai-mawang"], name: "Desa Sungai Mawang" },
        unit: { id: units["dinas-lh"], name: "Dinas Lingkungan Hidup" },
        count: 5,
        baseline: 0,
        status: "open",
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
      }),
    ]);
    expect(body.data.find((alert: { id: string }) => alert.id === alertId).items.sort()).toEqual([...floodIds].sort());

    const audit = await siar.services.prisma.auditEvent.findMany({
      where: { targetType: "EarlyWarning", targetId: alertId },
    });
    expect(audit.map((event) => [event.action, event.actorLabel, event.unitId])).toEqual([
      ["earlyWarning.raised", "system", units["dinas-lh"]],
    ]);

    await eventually(() =>
      expect(humasLive.filter((e) => e.event === "inbox.earlyWarning").map((e) => e.payload.warning.id)).toContain(
        alertId,
      ),
    );
    expect(outsiderLive.filter((e) => e.event === "inbox.earlyWarning")).toEqual([]);
  });

  it("is visible to humas, the owning unit's officer and leaders above it, not to an officer of another kecamatan", async () => {
    for (const client of [humas, officerLingkungan, sekda]) {
      expect((await client.get("/api/early-warnings")).body.data.map((alert: { id: string }) => alert.id)).toContain(
        alertId,
      );
      expect((await client.get(`/api/early-warnings/${alertId}`)).status).toBe(200);
    }
    expect(
      (await officerTayanHulu.get("/api/early-warnings")).body.data.map((alert: { id: string }) => alert.id),
    ).not.toContain(alertId);
    expect((await officerTayanHulu.get(`/api/early-warnings/${alertId}`)).status).toBe(403);
  });

  it("takes a sixth report into the same alert instead of raising another", async () => {
    floodIds.push(await arrivesAndIsChecked(FLOOD_REPORTS[5]!));
    const warnings = await warningsAbout("lingkungan", ["desa-sungai-mawang", "kec-kapuas"]);
    expect(warnings.map((warning) => [warning.id, warning.count, [...warning.itemIds].sort()])).toEqual([
      [alertId, 6, [...floodIds].sort()],
    ]);
  });

  it("is acknowledged by a leader, resolved by the unit's officer, each audited and kept with its time", async () => {
    expect((await officerTayanHulu.post(`/api/early-warnings/${alertId}/acknowledge`)).status).toBe(403);
    const acknowledged = await sekda.post(`/api/early-warnings/${alertId}/acknowledge`);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      status: "acknowledged",
      acknowledgedBy: { name: "Sekretaris Daerah" },
      acknowledgedAt: expect.any(String),
      permissions: { acknowledge: true, resolve: false },
    });
    expect(Date.parse(acknowledged.body.acknowledgedAt)).toBeGreaterThanOrEqual(Date.parse(acknowledged.body.raisedAt));

    // Leaders acknowledge but do not resolve: that is for the staff who handle the unit's items.
    expect((await sekda.post(`/api/early-warnings/${alertId}/resolve`)).status).toBe(403);
    const resolved = await officerLingkungan.post(`/api/early-warnings/${alertId}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: "resolved",
      resolvedAt: expect.any(String),
      acknowledgedAt: acknowledged.body.acknowledgedAt,
      acknowledgedBy: { name: "Sekretaris Daerah" },
    });
    // Repeating an action already taken changes nothing.
    expect((await humas.post(`/api/early-warnings/${alertId}/resolve`)).body.resolvedAt).toBe(resolved.body.resolvedAt);

    const audit = await siar.services.prisma.auditEvent.findMany({
      where: { targetType: "EarlyWarning", targetId: alertId },
      orderBy: { id: "asc" },
    });
    expect(audit.map((event) => [event.action, event.actorLabel.split(" <")[0]])).toEqual([
      ["earlyWarning.raised", "system"],
      ["earlyWarning.acknowledged", "Sekretaris Daerah"],
      ["earlyWarning.resolved", "Petugas DLH"],
    ]);
    expect(
      (await humas.get("/api/early-warnings?status=resolved")).body.data.map((alert: { id: string }) => alert.id),
    ).toContain(alertId);
    expect(
      (await humas.get("/api/early-warnings?status=open")).body.data.map((alert: { id: string }) => alert.id),
    ).not.toContain(alertId);
  });
});

describe("the usual rate", () => {
  it("keeps quiet when a place usually gets as many such reports", async () => {
    // Two flood reports an hour from Desa Sosok over the past 14 days: 3 × 2 + 1 = 7 would be rising, 5 is not.
    const conversation = await siar.services.prisma.conversation.create({
      data: { source: "web_report", threadKey: "baseline", authorKey: "baseline", lastItemAt: new Date() },
    });
    const hourAgo = Date.now() - 3600_000;
    await siar.services.prisma.inboxItem.createMany({
      data: Array.from({ length: 14 * 24 * 2 }, (_, i) => {
        const receivedAt = new Date(hourAgo - (i + 1) * 30 * 60_000);
        return {
          conversationId: conversation.id,
          source: "web_report" as const,
          platformId: `baseline-${randomUUID()}`,
          authorName: "Warga",
          text: "Banjir di Desa Sosok",
          sentAt: receivedAt,
          receivedAt,
          status: "resolved" as const,
          kind: "pengaduan",
          category: "lingkungan",
          placeUnitId: units["desa-sosok"],
          unitId: units["dinas-lh"],
        };
      }),
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await arrivesAndIsChecked(`Banjir lagi di Desa Sosok, air sungai meluap ke kebun warga (ke-${i + 1})`));
    // They are counted (same category and place): without the baseline, five would have risen.
    const arrived = await siar.services.prisma.inboxItem.findMany({
      where: { id: { in: ids } },
      select: { category: true, placeUnitId: true },
    });
    expect(new Set(arrived.map((item) => `${item.category}@${item.placeUnitId}`))).toEqual(
      new Set([`lingkungan@${units["desa-sosok"]}`]),
    );
    expect(await warningsAbout("lingkungan", ["desa-sosok", "kec-tayan-hulu"])).toEqual([]);
  });
});

describe("several checks at once", () => {
  it("raise one warning for a key, whichever check takes the lock first", async () => {
    const conversation = await siar.services.prisma.conversation.create({
      data: { source: "web_report", threadKey: "burst", authorKey: "burst", lastItemAt: new Date() },
    });
    const items = await Promise.all(
      Array.from({ length: 6 }, () =>
        siar.services.prisma.inboxItem.create({
          data: {
            conversationId: conversation.id,
            source: "web_report",
            platformId: `burst-${randomUUID()}`,
            authorName: "Warga",
            text: "Diare massal di Desa Binjai",
            sentAt: new Date(),
            status: "triaged",
            kind: "pengaduan",
            category: "kesehatan",
            placeUnitId: units["desa-binjai"],
            unitId: units["dinas-kesehatan"],
          },
        }),
      ),
    );
    await Promise.all(items.map((item) => detectRisingTopic(siar.services, item.id)));
    const warnings = await warningsAbout("kesehatan", ["desa-binjai", "kec-tayan-hulu"]);
    expect(warnings.map((warning) => [warning.placeUnitId, warning.count])).toEqual([[units["desa-binjai"], 6]]);
  });
});

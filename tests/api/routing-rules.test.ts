import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeIncoming } from "@server/inbox/ingest.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { testInbox } from "../helpers/inbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let admin: ApiClient;
const units: Record<string, string> = {};
beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  for (const unit of (await admin.get("/api/units?limit=1000")).body.data) units[unit.code] = unit.id;
});
afterAll(async () => siar?.close());

let serial = 0;
async function routedUnit(text: string): Promise<string | null> {
  const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
  const id = await storeIncoming(siar.services, channel, {
    source: "facebook_comment",
    platformId: `routing-${++serial}`,
    parentPlatformId: null,
    postRemoteId: "p",
    threadKey: "p",
    author: { platformId: `w-${serial}`, name: "Warga", handle: null },
    text,
    sentAt: new Date(),
    attachments: [],
  });
  // A fresh desk: routing rules are cached per desk for a minute.
  await testInbox(siar).desk.receive(id!);
  return (await siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id: id! } })).unitId;
}

describe("routing rules", () => {
  it("route by category, and by place where a rule names one", async () => {
    expect(await routedUnit("Puskesmas di Desa Sosok kehabisan obat, pasien pulang")).toBe(units["dinas-kesehatan"]);
    const rule = await admin.post("/api/routing-rules", {
      category: "kesehatan",
      placeUnitId: units["kec-tayan-hulu"],
      unitId: units["kec-tayan-hulu"],
      priority: 20,
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({
      category: "kesehatan",
      place: { name: "Kecamatan Tayan Hulu" },
      unit: { name: "Kecamatan Tayan Hulu" },
    });
    expect(await routedUnit("Puskesmas di Desa Sosok tutup terus, pasien tidak dilayani")).toBe(
      units["kec-tayan-hulu"],
    );
    expect(await routedUnit("Puskesmas Balai Karangan kehabisan obat")).toBe(units["dinas-kesehatan"]);
    const audit = await admin.get(`/api/audit-events?targetId=${rule.body.id}`);
    expect(audit.body.data[0]).toMatchObject({ action: "routing_rule.create" });
    expect((await admin.delete(`/api/routing-rules/${rule.body.id}`)).status).toBe(204);
  });

  it("are editable by admins only, and refuse unknown units", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await humas.get("/api/routing-rules")).body.data.length).toBeGreaterThan(0);
    expect(
      (
        await humas.post("/api/routing-rules", {
          category: null,
          placeUnitId: null,
          unitId: units["dinas-kominfo"],
          priority: 0,
        })
      ).status,
    ).toBe(403);
    const unknown = await admin.post("/api/routing-rules", {
      category: "sosial",
      placeUnitId: null,
      unitId: "00000000-0000-4000-8000-000000000000",
      priority: 0,
    });
    expect(unknown.status).toBe(404);
    expect(
      (
        await admin.post("/api/routing-rules", {
          category: "astrologi",
          placeUnitId: null,
          unitId: units["dinas-kominfo"],
          priority: 0,
        })
      ).status,
    ).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNIT_REFERENCES_WITHOUT_FOREIGN_KEY, unitForeignKeys } from "@server/commands/unitMerge.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Renaming units of the official tree for display, and merging two units into one.

let siar: TestSiar;
let admin: ApiClient;
let officer: ApiClient;
const units: Record<string, string> = {};

type UnitRow = { id: string; name: string; type: string; code: string | null; areaCode: string | null };
const allUnits = async (): Promise<UnitRow[]> => (await admin.get("/api/units?limit=1000")).body.data;

beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  for (const unit of await allUnits()) if (unit.code) units[unit.code] = unit.id;
});
afterAll(async () => siar?.close());

describe("renaming and merging", () => {
  it("renames a unit for display while its official code and name stay", async () => {
    const renamed = await admin.patch(`/api/units/${units["desa-penyeladi"]}`, {
      name: "Desa Penyeladi (Kota Sanggau)",
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: "Desa Penyeladi (Kota Sanggau)",
      code: "desa-penyeladi",
      areaCode: "61.03.01.2007",
      officialName: "Penyeladi",
    });
  });

  it("moves everything of a hand-made duplicate into the official desa, then deletes it", async () => {
    const { prisma } = siar.services;
    const duplicate = await admin.post("/api/units", {
      name: "Desa Sei Mawang",
      type: "desa",
      parentId: units["kec-kapuas"],
      code: "desa-sei-mawang",
    });
    const source = duplicate.body.id as string;
    const operator = await admin.post("/api/users", {
      email: "operator.seimawang@sanggau.demo",
      name: "Operator Sei Mawang",
      role: "desa_operator",
      unitIds: [source],
    });
    expect(operator.status).toBe(201);
    const conversation = await prisma.conversation.create({
      data: { source: "web_report", threadKey: "merge-test", authorKey: "merge-test", lastItemAt: new Date() },
    });
    const item = await prisma.inboxItem.create({
      data: {
        conversationId: conversation.id,
        source: "web_report",
        platformId: "merge-test",
        authorName: "Warga",
        text: "Jalan rusak di Sei Mawang",
        sentAt: new Date(),
        receivedAt: new Date(),
        unitId: source,
        placeUnitId: source,
      },
    });
    const rule = await admin.post("/api/routing-rules", {
      category: "utilitas",
      placeUnitId: source,
      unitId: source,
      priority: 5,
    });
    const template = await prisma.cannedResponse.create({
      data: { title: "Sei Mawang", body: "Terima kasih", unitId: source },
    });

    const merged = await admin.post(`/api/units/${source}/merge`, { intoUnitId: units["desa-sungai-mawang"] });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: units["desa-sungai-mawang"],
      code: "desa-sungai-mawang",
      areaCode: "61.03.01.2014",
    });
    expect((await admin.get(`/api/units/${source}`)).status).toBe(404);
    expect((await admin.get(`/api/users/${operator.body.user.id}`)).body.units).toEqual([
      expect.objectContaining({ id: units["desa-sungai-mawang"] }),
    ]);
    expect(await prisma.inboxItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      unitId: units["desa-sungai-mawang"],
      placeUnitId: units["desa-sungai-mawang"],
    });
    expect(
      (await admin.get("/api/routing-rules")).body.data.find((r: { id: string }) => r.id === rule.body.id),
    ).toMatchObject({
      place: { id: units["desa-sungai-mawang"] },
      unit: { id: units["desa-sungai-mawang"] },
    });
    expect((await prisma.cannedResponse.findUniqueOrThrow({ where: { id: template.id } })).unitId).toBe(
      units["desa-sungai-mawang"],
    );
    const audit = await admin.get(`/api/audit-events?targetId=${units["desa-sungai-mawang"]}&limit=20`);
    expect(audit.body.data.find((event: { action: string }) => event.action === "unit.merge")?.changes).toMatchObject({
      merged: { id: source, code: "desa-sei-mawang" },
      moved: { "Membership.unitId": 1, "InboxItem.unitId": 1, "InboxItem.placeUnitId": 1, "CannedResponse.unitId": 1 },
    });
  });

  it("moves a kecamatan's desa with it, and gives the target the official code it lacked", async () => {
    const handMade = await admin.post("/api/units", {
      name: "Kecamatan Balai Lama",
      type: "kecamatan",
      parentId: units["kab-sanggau"],
    });
    const child = await admin.post("/api/units", { name: "Desa Uji Gabung", type: "desa", parentId: handMade.body.id });
    // The official one is merged into the hand-made one: the hand-made one takes its code and keeps its name.
    const plain = await admin.post("/api/units", {
      name: "Kecamatan Tanpa Kode",
      type: "kecamatan",
      parentId: units["kab-sanggau"],
    });
    const merged = await admin.post(`/api/units/${handMade.body.id}/merge`, { intoUnitId: plain.body.id });
    expect(merged.status).toBe(200);
    const moved = await admin.get(`/api/units/${child.body.id}`);
    expect(moved.body).toMatchObject({ parentId: plain.body.id, depth: 2 });
    const path = await siar.services.prisma.unit.findUniqueOrThrow({ where: { id: child.body.id } });
    expect(path.path).toBe(`/${units["kab-sanggau"]}/${plain.body.id}/${child.body.id}/`);

    const withCode = await admin.post(`/api/units/${units["kec-toba"]}/merge`, { intoUnitId: plain.body.id });
    expect(withCode.status).toBe(200);
    expect(withCode.body).toMatchObject({
      name: "Kecamatan Tanpa Kode",
      areaCode: "61.03.13",
      code: "kec-toba",
      officialName: "Toba",
    });
    const desaOfToba = (await allUnits()).filter((unit) => unit.areaCode?.startsWith("61.03.13."));
    expect(desaOfToba.length).toBeGreaterThan(0);
    for (const desa of desaOfToba) expect((await admin.get(`/api/units/${desa.id}`)).body.parentId).toBe(plain.body.id);
  });

  it("refuses merging a unit with one above or below it, across kinds, two official areas, and for non-admins", async () => {
    const upt = await admin.post("/api/units", {
      name: "UPT Jalan dan Jembatan",
      type: "opd",
      parentId: units["dinas-pupr"],
    });
    const related = await admin.post(`/api/units/${units["dinas-pupr"]}/merge`, { intoUnitId: upt.body.id });
    expect(related.status).toBe(409);
    expect(related.body.error.code).toBe("unit_merge_related");
    const across = await admin.post(`/api/units/${upt.body.id}/merge`, { intoUnitId: units["kec-kapuas"] });
    expect(across.body.error.code).toBe("unit_merge_incompatible");
    const root = await admin.post(`/api/units/${units["kab-sanggau"]}/merge`, { intoUnitId: units["dinas-pupr"] });
    expect(root.body.error.code).toBe("unit_merge_incompatible");
    const twoAreas = await admin.post(`/api/units/${units["desa-sosok"]}/merge`, { intoUnitId: units["desa-binjai"] });
    expect(twoAreas.status).toBe(409);
    expect(twoAreas.body.error.code).toBe("unit_merge_two_areas");
    expect(
      (await admin.post(`/api/units/${units["desa-sosok"]}/merge`, { intoUnitId: units["desa-sosok"] })).status,
    ).toBe(400);
    expect(
      (await officer.post(`/api/units/${units["desa-kedukul"]}/merge`, { intoUnitId: units["desa-semuntai"] })).status,
    ).toBe(403);
    expect((await admin.get(`/api/units/${units["desa-sosok"]}`)).status).toBe(200);
  });

  it("refuses, changing nothing, when both units hold a record there may be only one of", async () => {
    const { prisma } = siar.services;
    const opd = async (name: string) =>
      (await admin.post("/api/units", { name, type: "opd", parentId: units["kab-sanggau"] })).body.id as string;
    const [first, second] = [await opd("UPT Puskesmas Entikong"), await opd("Puskesmas Entikong")];
    // The same Facebook Page connected to both: after a merge the target would hold it twice.
    for (const unitId of [first, second])
      await prisma.channel.create({
        data: { unitId, kind: "facebook", name: "Puskesmas Entikong", externalId: "page-entikong", credentials: "" },
      });
    const template = await prisma.cannedResponse.create({ data: { title: "Uji", body: "Uji", unitId: first } });
    const refused = await admin.post(`/api/units/${first}/merge`, { intoUnitId: second });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("unit_merge_conflict");
    expect((await admin.get(`/api/units/${first}`)).status).toBe(200);
    expect((await prisma.cannedResponse.findUniqueOrThrow({ where: { id: template.id } })).unitId).toBe(first);
  });

  it("knows every column that names a unit: a table added later must be moved or deliberately kept", async () => {
    const kept = new Set([
      "AuditEvent.unitId", // history is never rewritten
      // A request's forwarding record says where it went then; the request itself moves.
      "PpidForwarding.fromUnitId",
      "PpidForwarding.toUnitId",
      // A year's annual report stays the report its unit wrote (its scope key names the unit).
      "PpidAnnualReport.unitId",
      // Counts kept by triggers: they follow the items and posts as those move.
      "InboxDailyCount.unitId",
      "InboxDailyCount.placeUnitId",
      "InboxDailyCountDelta.unitId",
      "InboxDailyCountDelta.placeUnitId",
      "InboxMonthlyCount.unitId",
      "InboxMonthlyCount.placeUnitId",
      "PublishingDay.unitId",
    ]);
    const moved = new Set(
      [...(await unitForeignKeys(siar.services.prisma)), ...UNIT_REFERENCES_WITHOUT_FOREIGN_KEY].map(
        ({ table, column }) => `${table}.${column}`,
      ),
    );
    const columns = await siar.services.prisma.$queryRaw<{ name: string }[]>`
      SELECT (table_name || '.' || column_name)::text AS name FROM information_schema.columns
      WHERE table_schema::text = current_schema()::text AND data_type::text = 'uuid' AND column_name ~* 'unitid$'`;
    const unaccounted = columns.map((column) => column.name).filter((name) => !moved.has(name) && !kept.has(name));
    expect(unaccounted).toEqual([]);
  });
});

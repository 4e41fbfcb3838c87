import { getDistricts, getVillages } from "idn-area-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNIT_REFERENCES_WITHOUT_FOREIGN_KEY, unitForeignKeys } from "../../server/commands/unitMerge.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { testInbox } from "../helpers/inbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The unit tree from the official area data: the demo's Kabupaten Sanggau (61.03), importing
// another kabupaten/kota, renaming, merging, and the places triage and the aspiration form offer.

let siar: TestSiar;
let admin: ApiClient;
let officer: ApiClient;
const units: Record<string, string> = {};

type UnitRow = { id: string; name: string; type: string; code: string | null; areaCode: string | null };
const allUnits = async (): Promise<UnitRow[]> => (await admin.get("/api/units?limit=1000")).body.data;

/** What the package itself says lives below a kabupaten/kota: kecamatan, desa and kelurahan counts. */
async function officialCounts(regionCode: string) {
  const districts = (await getDistricts()).filter((district) => district.regency_code === regionCode);
  const villages = (await getVillages()).filter((village) => village.code.startsWith(`${regionCode}.`));
  const kelurahan = villages.filter((village) => village.code.split(".")[3]!.startsWith("1")).length;
  return { kecamatan: districts.length, kelurahan, desa: villages.length - kelurahan };
}

beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  for (const unit of await allUnits()) if (unit.code) units[unit.code] = unit.id;
  // The arrival desk reads the places now: later imports and merges must reach it without a restart.
  await testInbox(siar).desk.decider();
});
afterAll(async () => siar?.close());

describe("the demo's kabupaten from the official data", () => {
  it("has all 15 kecamatan of Sanggau with every desa and kelurahan, each with its official code", async () => {
    const official = await officialCounts("61.03");
    expect(official.kecamatan).toBe(15);
    const areas = (await allUnits()).filter((unit) => unit.areaCode?.startsWith("61.03."));
    const count = (type: string) => areas.filter((unit) => unit.type === type).length;
    expect({ kecamatan: count("kecamatan"), desa: count("desa"), kelurahan: count("kelurahan") }).toEqual(official);
    const root = await admin.get(`/api/units/${units["kab-sanggau"]}`);
    expect(root.body).toMatchObject({ areaCode: "61.03", officialName: "Kabupaten Sanggau" });
  });

  it("keeps the demo's unit codes on the official areas, named in title case", async () => {
    const byCode = Object.fromEntries((await allUnits()).map((unit) => [unit.code, unit]));
    expect(byCode["kec-kapuas"]).toMatchObject({ name: "Kecamatan Kapuas", areaCode: "61.03.01" });
    expect(byCode["desa-sungai-mawang"]).toMatchObject({ name: "Desa Sungai Mawang", areaCode: "61.03.01.2014" });
    expect(byCode["kel-beringin"]).toMatchObject({ name: "Kelurahan Beringin", type: "kelurahan" });
    expect(byCode["kec-entikong"]).toMatchObject({ name: "Kecamatan Entikong", areaCode: "61.03.21" });
    expect(byCode["dinas-pupr"]).toMatchObject({ type: "opd", areaCode: null });
  });

  it("recorded the import as one audit event", async () => {
    const events = await admin.get(`/api/audit-events?targetId=${units["kab-sanggau"]}&limit=50`);
    const imports = events.body.data.filter((event: { action: string }) => event.action === "unit.import");
    expect(imports).toHaveLength(1);
    expect(imports[0].changes).toMatchObject({ region: "61.03", created: 184, existing: 0 });
  });
});

describe("importing a kabupaten/kota later", () => {
  let kota: string;
  beforeAll(async () => {
    const created = await admin.post("/api/units", {
      name: "Pemerintah Kota Yogyakarta",
      type: "kabupaten",
      parentId: null,
    });
    kota = created.body.id;
    // Typed in by hand before the import: it becomes the official kecamatan of that name.
    const handTyped = await admin.post("/api/units", {
      name: "Kecamatan Gondokusuman",
      type: "kecamatan",
      parentId: kota,
    });
    units.gondokusuman = handTyped.body.id;
  });

  it("lists the kabupaten and kota to choose from", async () => {
    const regions = await admin.get("/api/units/regions");
    expect(regions.status).toBe(200);
    expect(regions.body.data).toContainEqual({
      code: "34.71",
      name: "Kota Yogyakarta",
      provinceName: "Daerah Istimewa Yogyakarta",
    });
    expect(regions.body.data.length).toBeGreaterThan(500);
  });

  it("previews, imports the missing kecamatan and kelurahan under the chosen unit, and changes nothing the second time", async () => {
    const official = await officialCounts("34.71");
    expect(official).toMatchObject({ desa: 0 });
    const preview = await admin.get(`/api/units/import-preview?region=34.71&parentId=${kota}`);
    expect(preview.status).toBe(200);
    expect(preview.body.counts).toMatchObject({ ...official, adopt: 1, exists: 0 });
    expect(preview.body.counts.create).toBe(official.kecamatan + official.kelurahan - 1);
    expect(preview.body.areas.find((area: { name: string }) => area.name === "Kecamatan Gondokusuman")).toMatchObject({
      action: "adopt",
      unitId: units.gondokusuman,
    });

    const imported = await admin.post("/api/units/import", { region: "34.71", parentId: kota });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: preview.body.counts.create, adopted: 1, existing: 0 });
    const tree = (await allUnits()).filter((unit) => unit.areaCode?.startsWith("34.71"));
    expect(tree.filter((unit) => unit.type === "kelurahan")).toHaveLength(official.kelurahan);
    expect(tree.find((unit) => unit.id === units.gondokusuman)).toMatchObject({
      areaCode: expect.stringMatching(/^34\.71\.\d\d$/),
    });
    expect(tree.find((unit) => unit.id === kota)).toMatchObject({ areaCode: "34.71" });
    const kelurahan = tree.find((unit) => unit.type === "kelurahan")!;
    const detail = await admin.get(`/api/units/${kelurahan.id}`);
    expect(detail.body.depth).toBe(2);
    expect(detail.body.name).toMatch(/^Kelurahan [A-Z]/);

    const again = await admin.post("/api/units/import", { region: "34.71", parentId: kota });
    expect(again.body).toMatchObject({ created: 0, adopted: 0, existing: official.kecamatan + official.kelurahan });
    const audit = await admin.get(`/api/audit-events?targetId=${kota}&limit=50`);
    expect(audit.body.data.filter((event: { action: string }) => event.action === "unit.import")).toHaveLength(2);
  });

  it("refuses unknown codes, another kabupaten's unit and a parent that is not a kabupaten", async () => {
    const unknown = await admin.get(`/api/units/import-preview?region=99.99&parentId=${kota}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("unknown_region");
    expect((await admin.get(`/api/units/import-preview?region=6103&parentId=${kota}`)).status).toBe(400);
    const mismatch = await admin.post("/api/units/import", { region: "34.71", parentId: units["kab-sanggau"] });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error.code).toBe("region_mismatch");
    const another = await admin.post("/api/units", {
      name: "Pemerintah Kabupaten Uji",
      type: "kabupaten",
      parentId: null,
    });
    const elsewhere = await admin.get(`/api/units/import-preview?region=61.03&parentId=${another.body.id}`);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe("region_elsewhere");
    const notKabupaten = await admin.post("/api/units/import", { region: "61.03", parentId: units["kec-kapuas"] });
    expect(notKabupaten.status).toBe(400);
    expect(notKabupaten.body.error.code).toBe("region_import_parent");
    expect((await officer.post("/api/units/import", { region: "61.03", parentId: units["kab-sanggau"] })).status).toBe(
      403,
    );
  });
});

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

describe("places from the tree", () => {
  const placeOf = async (text: string) => {
    const decide = await testInbox(siar).desk.decider();
    const id = decide({ text, placeUnitId: null, receivedAt: new Date() }).fields.placeUnitId;
    return id ? (await siar.services.prisma.unit.findUniqueOrThrow({ where: { id } })).name : null;
  };

  it("recognises desa and kelurahan the hand-typed demo never had", async () => {
    expect(await placeOf("Jalan di desa Entakai rusak parah, mohon diperbaiki")).toBe("Desa Entakai");
    expect(await placeOf("Lampu jalan mati di ds. Malenggang sudah seminggu")).toBe("Desa Malenggang");
    expect(await placeOf("Banjir di kel. Tanjung Sekayam, air masuk rumah")).toBe("Kelurahan Tanjung Sekayam");
    expect(await placeOf("Pelayanan kantor camat Entikong lambat")).toBe("Kecamatan Entikong");
    expect(await placeOf("Sampah menumpuk di semerangkai dekat pasar")).toBe("Desa Semerangkai");
  });

  it("tells namesakes apart by their kecamatan, and does not read everyday words as places", async () => {
    const inMukok = await siar.services.prisma.unit.findFirstOrThrow({ where: { areaCode: "61.03.02.2004" } });
    const decide = await testInbox(siar).desk.decider();
    const placeIdOf = (text: string) => decide({ text, placeUnitId: null, receivedAt: new Date() }).fields.placeUnitId;
    expect(placeIdOf("banjir di desa Sungai Mawang, Kecamatan Mukok")).toBe(inMukok.id);
    expect(placeIdOf("Air sungai naik di Sungai Mawang kec. Mukok")).toBe(inMukok.id);
    // Without its kecamatan the name goes to the first in official code order: Kapuas's.
    expect(placeIdOf("air naik di Desa Sungai Mawang")).toBe(units["desa-sungai-mawang"]);
    expect(await placeOf("kawat listrik putus dan pisang tumbang menimpa pagar")).toBeNull();
    expect(await placeOf("Kawat listrik putus di depan sekolah")).toBeNull();
  });

  it("reads units imported or renamed since, at once", async () => {
    expect(await placeOf("Jalan berlubang di Kelurahan Kricak, Tegalrejo")).toBe("Kelurahan Kricak");
  });
});

describe("the aspiration form", () => {
  it("offers every kecamatan of the kabupaten and their desa and kelurahan", async () => {
    const page = await fetch(`${siar.url}/aspirasi`);
    const html = await page.text();
    const official = await officialCounts("61.03");
    const kecamatanSelect = html.slice(
      html.indexOf('name="kecamatan"'),
      html.indexOf("</select>", html.indexOf('name="kecamatan"')),
    );
    expect(kecamatanSelect.match(/<option value="[0-9a-f-]{36}"/g)?.length).toBeGreaterThanOrEqual(official.kecamatan);
    for (const name of ["Kecamatan Entikong", "Kecamatan Meliau", "Kecamatan Jangkang", "Kecamatan Noyan"])
      expect(kecamatanSelect).toContain(`>${name}</option>`);
    expect(html).toContain(">Desa Entakai</option>");
    expect(html).toContain(">Desa Suruh Tembawang</option>");
  });
});

describe("a first start with SIAR_REGION", () => {
  it("creates the kabupaten/kota unit with its kecamatan and kelurahan, named and coded officially, and its admin there", async () => {
    const first = await startTestSiar(
      { SIAR_DEMO: "false", SIAR_REGION: "34.71", SIAR_ADMIN_EMAIL: "admin@jogjakota.example" },
      { emptyDatabase: true },
    );
    try {
      const { prisma } = first.services;
      const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } });
      expect(root).toMatchObject({ name: "Pemerintah Kota Yogyakarta", areaCode: "34.71", type: "kabupaten" });
      const official = await officialCounts("34.71");
      const count = (type: "kecamatan" | "desa" | "kelurahan") => prisma.unit.count({ where: { type } });
      expect({
        kecamatan: await count("kecamatan"),
        desa: await count("desa"),
        kelurahan: await count("kelurahan"),
      }).toEqual(official);
      expect(await prisma.unit.count({ where: { areaCode: null } })).toBe(0);
      expect(await prisma.unit.findUniqueOrThrow({ where: { areaCode: "34.71.01" } })).toMatchObject({
        name: "Kecamatan Tegalrejo",
        officialName: "Tegalrejo",
        parentId: root.id,
      });
      const adminUser = await prisma.user.findUniqueOrThrow({
        where: { email: "admin@jogjakota.example" },
        include: { memberships: true },
      });
      expect(adminUser.memberships.map((membership) => membership.unitId)).toEqual([root.id]);
      expect(await prisma.user.count()).toBe(1);
    } finally {
      await first.close();
    }
  });
});

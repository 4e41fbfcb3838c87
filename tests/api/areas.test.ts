import { getDistricts, getVillages } from "idn-area-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { testInbox } from "../helpers/inbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The unit tree from the official area data: the demo's Kabupaten Sanggau (61.03), importing
// another kabupaten/kota, a first start with SIAR_REGION, and the places triage and the aspiration
// form offer (renaming and merging: unit-merge.test.ts).

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
    // Its site is there at once, without waiting for a restart to give it an address.
    const stored = await siar.services.prisma.unit.findUniqueOrThrow({
      where: { id: kelurahan.id },
      include: { parent: true },
    });
    expect(stored.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const site = await fetch(`${siar.url}/kecamatan/${stored.parent!.slug}/${stored.slug}`);
    expect(site.status).toBe(200);
    expect(await site.text()).toContain(stored.name);

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

describe("importing twice at once", () => {
  it("creates each area once: the second import waits for the first and finds its units", async () => {
    const created = await admin.post("/api/units", {
      name: "Pemerintah Kota Pontianak",
      type: "kabupaten",
      parentId: null,
    });
    const [first, second] = await Promise.all(
      [1, 2].map(() => admin.post("/api/units/import", { region: "61.71", parentId: created.body.id })),
    );
    expect([first!.status, second!.status]).toEqual([200, 200]);
    const official = await officialCounts("61.71");
    const total = official.kecamatan + official.kelurahan + official.desa;
    expect(first!.body.created + second!.body.created).toBe(total);
    expect((await allUnits()).filter((unit) => unit.areaCode?.startsWith("61.71.")).length).toBe(total);
  });
});

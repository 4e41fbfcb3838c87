import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dipCompliance, type DipCompliance, type DipObligationCode } from "@server/ppid/dipCompliance.js";
import { dipEntry } from "../helpers/dip.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The DIP's part of the self-assessment over the demo's PPID: the PPID Utama (the whole body),
// PPID PUPR and a PPID made for the test, whose DIP is then filled obligation by obligation.

let siar: TestSiar;
const units: Record<string, string> = {};
beforeAll(async () => {
  siar = await startTestSiar();
  for (const unit of await siar.services.prisma.unit.findMany()) units[unit.code!] = unit.id;
});
afterAll(async () => siar?.close());

const metOf = (result: DipCompliance) =>
  Object.fromEntries(result.obligations.map((obligation) => [obligation.code, obligation.met])) as Record<
    DipObligationCode,
    boolean
  >;
const obligation = (result: DipCompliance, code: DipObligationCode) =>
  result.obligations.find((candidate) => candidate.code === code)!;

describe("the DIP obligations of a PPID", () => {
  it("the demo's PPID Utama meets every one, for the whole body, each with live evidence", async () => {
    const result = await dipCompliance(siar.services, { unitId: units["dinas-kominfo"]! });
    expect(result.scope).toBe("body");
    expect(Object.values(metOf(result)).every(Boolean), JSON.stringify(metOf(result))).toBe(true);
    const base = siar.services.config.publicBaseUrl;
    expect(obligation(result, "class_serta_merta").evidence).toEqual([`${base}/ppid/dip?kelas=serta_merta`]);
    expect(obligation(result, "excepted_list_with_tests").evidence).toEqual([`${base}/ppid/dip/dikecualikan`]);
    expect(obligation(result, "profile_page").evidence).toEqual([`${base}/ppid`]);
    // The evidence is a live page that shows it.
    const page = await fetch(obligation(result, "excepted_list_with_tests").evidence[0]!.replace(base, siar.url));
    expect(await page.text()).toContain("Data Pribadi Penerima Bantuan Sosial");
  });

  it("PPID PUPR lacks serta-merta and excepted information; its evidence is filtered to its unit", async () => {
    const result = await dipCompliance(siar.services, { unitId: units["dinas-pupr"]! });
    expect(result.scope).toBe("unit");
    expect(metOf(result)).toMatchObject({
      dip_published: true,
      class_berkala: true,
      class_setiap_saat: true,
      class_serta_merta: false,
      excepted_list_with_tests: false,
      profile_page: true,
    });
    expect(obligation(result, "class_serta_merta").evidence[0]).toMatch(
      /\/ppid\/dip\?unit=dinas-pupr&kelas=serta_merta$/,
    );
    expect(obligation(result, "class_serta_merta").fix).toMatch(/\/app\/ppid\/dip\/new$/);
  });

  it("a new PPID meets nothing, then each obligation as its DIP and profile are filled", async () => {
    const { prisma } = siar.services;
    const unitId = units["dinas-kesehatan"]!;
    await prisma.unit.update({ where: { id: unitId }, data: { ppidLevel: "pelaksana" } });
    const empty = await dipCompliance(siar.services, { unitId });
    expect(Object.values(metOf(empty)).some(Boolean)).toBe(false);
    expect(obligation(empty, "contact_published").fix).toContain(`/app/ppid/profiles/${unitId}`);

    const entry = (extra: Record<string, unknown>) =>
      prisma.dipItem.create({
        data: {
          ...dipEntry(unitId),
          madeOn: new Date("2026-03-31"),
          status: "published",
          publishedAt: new Date(),
          ...extra,
        },
      });
    for (const dipClass of ["berkala", "serta_merta", "setiap_saat"] as const) await entry({ class: dipClass });
    const excepted = await entry({
      class: "dikecualikan",
      exemptionLetter: "h",
      exemptionEndsAt: new Date("2031-01-01"),
    });
    const lacking = await entry({ title: "Tanpa waktu pembuatan", madeOn: null });
    await prisma.ppidProfile.create({
      data: {
        unitId,
        about: "PPID Dinas Kesehatan",
        requestProcedure: "Isi formulir",
        objectionProcedure: "Ajukan keberatan",
        serviceStandard: "10 hari kerja",
        serviceHours: "Senin–Jumat 08.00–15.00",
        address: "Jalan Sehat 1",
        email: "ppid.dinkes@sanggau.demo",
      },
    });
    const filled = await dipCompliance(siar.services, { unitId });
    expect(metOf(filled)).toEqual({
      dip_published: true,
      dip_current: true,
      dip_columns_complete: false,
      class_berkala: true,
      class_serta_merta: true,
      class_setiap_saat: true,
      excepted_list_with_tests: false,
      service_hours_published: true,
      contact_published: true,
      profile_page: true,
    });
    expect(obligation(filled, "dip_columns_complete").details.entries).toEqual([
      expect.objectContaining({
        id: lacking.id,
        title: "Tanpa waktu pembuatan",
        fix: expect.stringContaining(`/app/ppid/dip/${lacking.id}`),
      }),
    ]);
    expect(obligation(filled, "excepted_list_with_tests").details).toEqual({ excepted: 1, withoutConsequenceTest: 1 });

    // A consequence test as a document counts; the missing column is filled.
    await prisma.dipFile.create({
      data: { itemId: excepted.id, purpose: "consequence_test", name: "Uji konsekuensi" },
    });
    await prisma.dipItem.update({ where: { id: lacking.id }, data: { madeOn: new Date("2026-04-01") } });
    const complete = await dipCompliance(siar.services, { unitId });
    expect(Object.values(metOf(complete)).every(Boolean)).toBe(true);

    // Seven months without a change: no longer current.
    const later = new Date(Date.now() + 7 * 31 * 24 * 3600_000);
    expect(metOf(await dipCompliance(siar.services, { unitId, now: later })).dip_current).toBe(false);
    expect(metOf(await dipCompliance(siar.services, { unitId, now: later, currentWithinMonths: 12 })).dip_current).toBe(
      true,
    );
  });

  it("an exception that has ended counts its entry as available at any time, not as excepted", async () => {
    const unitId = units["dinas-pupr"]!;
    const before = await dipCompliance(siar.services, { unitId });
    await siar.services.prisma.dipItem.create({
      data: {
        ...dipEntry(unitId, { class: "dikecualikan" }),
        madeOn: new Date("2026-03-31"),
        exemptionLetter: "a",
        consequenceTest: "Menghambat penyidikan.",
        exemptionEndsAt: new Date(Date.now() - 1000),
        status: "published",
        publishedAt: new Date(),
      },
    });
    const after = await dipCompliance(siar.services, { unitId });
    expect(obligation(after, "class_setiap_saat").details.entries).toBe(
      (obligation(before, "class_setiap_saat").details.entries as number) + 1,
    );
    expect(metOf(after).excepted_list_with_tests).toBe(false);
  });

  it("refuses a unit that is not a PPID", async () => {
    await expect(dipCompliance(siar.services, { unitId: units["satpol-pp"]! })).rejects.toMatchObject({
      code: "not_a_ppid_unit",
    });
  });
});

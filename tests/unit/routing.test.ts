import { describe, expect, it } from "vitest";
import type { RoutingRule } from "@server/db/generated/client.js";
import { demoUnitTree } from "@server/demo/seed.js";
import { Router, type RoutingUnit } from "@server/inbox/routing.js";
import type { UnitTreeNode } from "@server/triage/places.js";

/**
 * A kabupaten that is not the demo's: Kemendagri codes, official names that differ from the demo's,
 * OPD with sections below them.
 */
let counter = 0;
const unit = (name: string, type: string, parent: RoutingUnit | null, code: string | null = null): RoutingUnit => {
  const id = `u${++counter}`;
  return { id, code, name, type, parentId: parent?.id ?? null, path: `${parent?.path ?? "/"}${id}/` };
};
const root = unit("Pemerintah Kabupaten Banjarnegara", "kabupaten", null, "33.04");
const pupr = unit("Dinas Pekerjaan Umum dan Penataan Ruang", "opd", root, "dpupr");
const puprSection = unit("Bidang Bina Marga Dinas Pekerjaan Umum", "opd", pupr);
const bpbd = unit("Badan Penanggulangan Bencana Daerah", "opd", root, "bpbd-bna");
const dinkes = unit("Dinas Kesehatan", "opd", root);
const disdik = unit("Dinas Pendidikan, Pemuda dan Olahraga", "opd", root);
const dlh = unit("Dinas Lingkungan Hidup", "opd", root);
const satpol = unit("Satuan Polisi Pamong Praja", "opd", root);
const dinsos = unit("Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak", "opd", root);
const capil = unit("Dinas Kependudukan dan Pencatatan Sipil", "opd", root);
const kominfo = unit("Dinas Komunikasi dan Informatika", "opd", root, "diskominfo");
const klampok = unit("Kecamatan Purworeja Klampok", "kecamatan", root, "33.04.12");
const kaliwinasuh = unit("Desa Kaliwinasuh", "desa", klampok, "33.04.12.2001");
const UNITS = [
  root,
  pupr,
  puprSection,
  bpbd,
  dinkes,
  disdik,
  dlh,
  satpol,
  dinsos,
  capil,
  kominfo,
  klampok,
  kaliwinasuh,
];

const rule = (fields: Partial<RoutingRule> & { unitId: string }): RoutingRule => ({
  id: `r${++counter}`,
  category: null,
  placeUnitId: null,
  priority: 0,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...fields,
});

const ask = { category: "lainnya", urgency: "normal", dangers: [], placeUnitId: null } as const;

describe("routing from any kabupaten's unit tree", () => {
  const router = new Router(UNITS, []);

  it("sends a disaster to BPBD and keeps the kecamatan of the place informed", () => {
    expect(
      router.route({
        ...ask,
        category: "lingkungan",
        urgency: "darurat",
        dangers: ["flood"],
        placeUnitId: kaliwinasuh.id,
      }),
    ).toEqual({ unitId: bpbd.id, informedUnitId: klampok.id, basis: "disaster" });
    expect(router.route({ ...ask, dangers: ["fallen_tree"] })).toMatchObject({ unitId: bpbd.id, informedUnitId: null });
  });

  it.each([
    ["infrastruktur", pupr],
    ["kesehatan", dinkes],
    ["pendidikan", disdik],
    ["lingkungan", dlh],
    ["ketertiban", satpol],
    ["sosial", dinsos],
    ["kependudukan", capil],
  ] as const)("sends %s to the office that owns it, by its name or code", (category, owner) => {
    expect(router.route({ ...ask, category, placeUnitId: kaliwinasuh.id })).toEqual({
      unitId: owner.id,
      informedUnitId: null,
      basis: "topic",
    });
  });

  it("sends local matters, and topics no office owns, to the kecamatan of the place", () => {
    expect(router.route({ ...ask, category: "pelayanan_publik", placeUnitId: kaliwinasuh.id })).toMatchObject({
      unitId: klampok.id,
      basis: "place",
    });
    expect(router.route({ ...ask, category: "utilitas", placeUnitId: klampok.id })).toMatchObject({
      unitId: klampok.id,
    });
  });

  it("keeps the kecamatan informed of an emergency an office handles", () => {
    expect(
      router.route({
        ...ask,
        category: "kesehatan",
        urgency: "darurat",
        dangers: ["medical"],
        placeUnitId: kaliwinasuh.id,
      }),
    ).toEqual({ unitId: dinkes.id, informedUnitId: klampok.id, basis: "topic" });
  });

  it("falls back to Kominfo without a place, and to the root unit in a tree without Kominfo", () => {
    expect(router.route(ask)).toMatchObject({ unitId: kominfo.id, basis: "kominfo" });
    expect(new Router([root, klampok], []).route(ask)).toMatchObject({ unitId: root.id, basis: "root" });
    expect(new Router([root, klampok], []).route({ ...ask, dangers: ["fire"] })).toMatchObject({ basis: "root" });
  });

  it("lets an admin's rule that names a category or place win over the built-in topics, not over disasters", () => {
    const rules = [
      rule({ category: "kesehatan", placeUnitId: klampok.id, unitId: klampok.id, priority: 10 }),
      rule({ unitId: satpol.id, priority: -100 }),
    ];
    const withRules = new Router(UNITS, rules);
    expect(withRules.route({ ...ask, category: "kesehatan", placeUnitId: kaliwinasuh.id })).toMatchObject({
      unitId: klampok.id,
      basis: "rule",
    });
    expect(withRules.route({ ...ask, category: "kesehatan" })).toMatchObject({ unitId: dinkes.id });
    // The catch-all rule is the last resort, before Kominfo.
    expect(withRules.route(ask)).toMatchObject({ unitId: satpol.id, basis: "catch_all" });
    expect(withRules.route({ ...ask, dangers: ["landslide"], placeUnitId: kaliwinasuh.id })).toMatchObject({
      unitId: bpbd.id,
    });
  });
});

describe("routing over the demo's real tree (Kabupaten Sanggau, official areas)", async () => {
  const tree = await demoUnitTree();
  const units: RoutingUnit[] = [];
  const add = (node: UnitTreeNode, parent: RoutingUnit | null) => {
    const routing = unit(node.name, node.type, parent, node.code ?? null);
    units.push(routing);
    for (const child of node.children ?? []) add(child, routing);
  };
  add(tree, null);
  const router = new Router(units, []);
  const byCode = (code: string) => units.find((u) => u.code === code)!;
  const villages = units.filter((u) => u.type === "desa" || u.type === "kelurahan");

  it("knows all 15 kecamatan and their desa and kelurahan", () => {
    expect(units.filter((u) => u.type === "kecamatan")).toHaveLength(15);
    expect(villages.length).toBeGreaterThanOrEqual(169);
  });

  it("finds each topic's OPD and never mistakes a place for an office", () => {
    const owners = { infrastruktur: "dinas-pupr", kesehatan: "dinas-kesehatan", pendidikan: "dinas-pendidikan" };
    for (const [category, code] of Object.entries(owners))
      expect(router.route({ ...ask, category: category as "kesehatan" }).unitId).toBe(byCode(code).id);
    expect(router.route({ ...ask, category: "lingkungan" }).unitId).toBe(byCode("dinas-lh").id);
    expect(router.route({ ...ask, category: "ketertiban" }).unitId).toBe(byCode("satpol-pp").id);
    expect(router.route({ ...ask, category: "sosial" }).unitId).toBe(byCode("dinas-sosial").id);
    expect(router.route({ ...ask, category: "kependudukan" }).unitId).toBe(byCode("disdukcapil").id);
    expect(router.route(ask)).toMatchObject({ unitId: byCode("dinas-kominfo").id, basis: "kominfo" });
  });

  it("sends every desa's local matter to its own kecamatan, and its floods to BPBD with the kecamatan informed", () => {
    for (const village of villages) {
      const kecamatan = units.find((u) => u.id === village.parentId)!;
      expect(router.route({ ...ask, category: "pelayanan_publik", placeUnitId: village.id })).toEqual({
        unitId: kecamatan.id,
        informedUnitId: null,
        basis: "place",
      });
      expect(router.route({ ...ask, urgency: "darurat", dangers: ["flood"], placeUnitId: village.id })).toEqual({
        unitId: byCode("bpbd").id,
        informedUnitId: kecamatan.id,
        basis: "disaster",
      });
    }
  });
});

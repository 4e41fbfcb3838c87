import type { Origin } from "../audit/record.js";
import { createUnit } from "../commands/units.js";
import { createUser } from "../commands/users.js";
import type { Role, UnitType } from "./generated/enums.js";
import type { Services } from "../services.js";

const SEED_ORIGIN: Origin = { actor: null, label: "system (seed)" };

export const DEMO_PASSWORD = "siar-demo-2026";

type UnitSeed = { code: string; name: string; type: UnitType; children?: UnitSeed[] };

const desa = (code: string, name: string, type: UnitType = "desa"): UnitSeed => ({ code, name, type });

// A demo organisation modelled on Kabupaten Sanggau, Kalimantan Barat (WIB).
const DEMO_TREE: UnitSeed = {
  code: "kab-sanggau",
  name: "Pemerintah Kabupaten Sanggau",
  type: "kabupaten",
  children: [
    { code: "dinas-kominfo", name: "Dinas Komunikasi dan Informatika", type: "opd" },
    { code: "dinas-pupr", name: "Dinas Pekerjaan Umum dan Penataan Ruang", type: "opd" },
    { code: "dinas-kesehatan", name: "Dinas Kesehatan", type: "opd" },
    { code: "dinas-pendidikan", name: "Dinas Pendidikan dan Kebudayaan", type: "opd" },
    { code: "disdukcapil", name: "Dinas Kependudukan dan Pencatatan Sipil", type: "opd" },
    { code: "dinas-sosial", name: "Dinas Sosial", type: "opd" },
    { code: "dinas-lh", name: "Dinas Lingkungan Hidup", type: "opd" },
    { code: "satpol-pp", name: "Satuan Polisi Pamong Praja", type: "opd" },
    { code: "bpbd", name: "Badan Penanggulangan Bencana Daerah", type: "opd" },
    {
      code: "kec-kapuas",
      name: "Kecamatan Kapuas",
      type: "kecamatan",
      children: [
        desa("kel-beringin", "Kelurahan Beringin", "kelurahan"),
        desa("kel-ilir-kota", "Kelurahan Ilir Kota", "kelurahan"),
        desa("desa-sungai-mawang", "Desa Sungai Mawang"),
        desa("desa-penyeladi", "Desa Penyeladi"),
      ],
    },
    {
      code: "kec-tayan-hulu",
      name: "Kecamatan Tayan Hulu",
      type: "kecamatan",
      children: [desa("desa-sosok", "Desa Sosok"), desa("desa-binjai", "Desa Binjai"), desa("desa-engkasan", "Desa Engkasan")],
    },
    {
      code: "kec-balai",
      name: "Kecamatan Balai",
      type: "kecamatan",
      children: [desa("desa-temiang-mali", "Desa Temiang Mali"), desa("desa-kebadu", "Desa Kebadu")],
    },
    {
      code: "kec-sekayam",
      name: "Kecamatan Sekayam",
      type: "kecamatan",
      children: [desa("desa-balai-karangan", "Desa Balai Karangan"), desa("desa-lubuk-sabuk", "Desa Lubuk Sabuk")],
    },
    {
      code: "kec-mukok",
      name: "Kecamatan Mukok",
      type: "kecamatan",
      children: [desa("desa-semuntai", "Desa Semuntai"), desa("desa-kedukul", "Desa Kedukul")],
    },
  ],
};

export const DEMO_USERS: { email: string; name: string; role: Role; unitCode: string }[] = [
  { email: "admin@sanggau.demo", name: "Admin Diskominfo", role: "admin", unitCode: "dinas-kominfo" },
  { email: "humas@sanggau.demo", name: "Rina Humas", role: "humas", unitCode: "dinas-kominfo" },
  { email: "pimpinan@sanggau.demo", name: "Sekretaris Daerah", role: "leader", unitCode: "kab-sanggau" },
  { email: "camat.kapuas@sanggau.demo", name: "Camat Kapuas", role: "leader", unitCode: "kec-kapuas" },
  { email: "petugas.kapuas@sanggau.demo", name: "Budi Petugas Kapuas", role: "officer", unitCode: "kec-kapuas" },
  { email: "petugas.tayanhulu@sanggau.demo", name: "Siti Petugas Tayan Hulu", role: "officer", unitCode: "kec-tayan-hulu" },
  { email: "petugas.pupr@sanggau.demo", name: "Agus Petugas PUPR", role: "officer", unitCode: "dinas-pupr" },
];

/** Seeds the demo organisation once, into an empty database. Returns whether it did. */
export async function seedDemoOrganisation(services: Services): Promise<boolean> {
  if ((await services.prisma.unit.count()) > 0) return false;
  const unitIds = new Map<string, string>();
  const plant = async (seed: UnitSeed, parentId: string | null) => {
    const unit = await createUnit(services.prisma, SEED_ORIGIN, { name: seed.name, type: seed.type, code: seed.code, parentId });
    unitIds.set(seed.code, unit.id);
    for (const child of seed.children ?? []) await plant(child, unit.id);
  };
  await plant(DEMO_TREE, null);
  for (const user of DEMO_USERS) {
    await createUser(services, SEED_ORIGIN, { ...user, unitIds: [unitIds.get(user.unitCode)!], password: DEMO_PASSWORD });
  }
  return true;
}

/**
 * Outside demo mode an empty database gets one administrator (SIAR_ADMIN_EMAIL) in a root
 * unit, with a temporary password that is printed once and must be changed at first sign-in.
 */
export async function bootstrapFirstAdmin(services: Services): Promise<{ email: string; temporaryPassword: string } | null> {
  const { adminEmail, organisationName } = services.config;
  if (!adminEmail || (await services.prisma.user.count()) > 0) return null;
  const root =
    (await services.prisma.unit.findFirst({ where: { parentId: null }, orderBy: { createdAt: "asc" } })) ??
    (await createUnit(services.prisma, SEED_ORIGIN, { name: organisationName, type: "kabupaten", parentId: null }));
  const { temporaryPassword } = await createUser(services, SEED_ORIGIN, {
    email: adminEmail,
    name: "Administrator",
    role: "admin",
    unitIds: [root.id],
  });
  return { email: adminEmail, temporaryPassword: temporaryPassword! };
}

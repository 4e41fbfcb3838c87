import { DEMO_REGION, loadRegionTree } from "@server/areas/officialAreas.js";
import { recordAudit, type Origin } from "@server/audit/record.js";
import { importAreas } from "@server/commands/areaImport.js";
import { createUnit } from "@server/commands/units.js";
import { createUser } from "@server/commands/users.js";
import { syncMetaConnection } from "@server/channels/metaConnection.js";
import type { Sandbox } from "@server/sandbox/index.js";
import { seedDemoSites } from "./sites.js";
import type { ChannelKind, PpidLevel, Role, UnitType } from "@server/db/generated/enums.js";
import type { Services } from "@server/services.js";
import type { UnitTreeNode } from "@server/triage/places.js";
import { zoneOfRegion } from "@server/reporting/zones.js";
import { seedDemoDip } from "./seedDip.js";

const SEED_ORIGIN: Origin = { actor: null, label: "system (seed)" };

export const DEMO_PASSWORD = "siar-demo-2026";

type UnitSeed = { code: string; name: string; type: UnitType; children?: UnitSeed[] };

// A demo organisation modelled on Kabupaten Sanggau, Kalimantan Barat (WIB): the units that are
// not areas. Its 15 kecamatan and their desa and kelurahan come from the official area data.
export const DEMO_TREE: UnitSeed = {
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
  ],
};

/** The unit codes the demo's users, rules and tests name areas by, per official area code. */
export const DEMO_AREA_UNIT_CODES: Readonly<Record<string, string>> = {
  "61.03.01": "kec-kapuas",
  "61.03.01.1004": "kel-ilir-kota",
  "61.03.01.1005": "kel-beringin",
  "61.03.01.2007": "desa-penyeladi",
  "61.03.01.2014": "desa-sungai-mawang",
  "61.03.02": "kec-mukok",
  "61.03.02.2001": "desa-kedukul",
  "61.03.02.2002": "desa-semuntai",
  "61.03.03": "kec-noyan",
  "61.03.04": "kec-jangkang",
  "61.03.05": "kec-bonti",
  "61.03.06": "kec-beduai",
  "61.03.07": "kec-sekayam",
  "61.03.07.2001": "desa-balai-karangan",
  "61.03.07.2008": "desa-lubuk-sabuk",
  "61.03.08": "kec-kembayan",
  "61.03.09": "kec-parindu",
  "61.03.10": "kec-tayan-hulu",
  "61.03.10.2001": "desa-sosok",
  "61.03.10.2008": "desa-engkasan",
  "61.03.10.2010": "desa-binjai",
  "61.03.11": "kec-tayan-hilir",
  "61.03.12": "kec-balai",
  "61.03.12.2003": "desa-temiang-mali",
  "61.03.12.2005": "desa-kebadu",
  "61.03.13": "kec-toba",
  "61.03.20": "kec-meliau",
  "61.03.21": "kec-entikong",
};
const DEMO_KECAMATAN_CODES = Object.values(DEMO_AREA_UNIT_CODES).filter((code) => code.startsWith("kec-"));

/** The demo's whole unit tree as triage's place list reads it (server/demo/places.ts). */
export async function demoUnitTree(): Promise<UnitTreeNode> {
  const { areas } = await loadRegionTree(DEMO_REGION);
  const nodes = new Map<string, UnitTreeNode & { children: UnitTreeNode[] }>();
  const root = { ...DEMO_TREE, children: [...(DEMO_TREE.children ?? [])] };
  nodes.set(DEMO_REGION, root);
  for (const area of areas) {
    const node = { code: DEMO_AREA_UNIT_CODES[area.code] ?? area.code, name: area.name, type: area.type, children: [] };
    nodes.set(area.code, node);
    nodes.get(area.parentCode)!.children.push(node);
  }
  return root;
}

export const DEMO_USERS: { email: string; name: string; role: Role; unitCode: string }[] = [
  { email: "admin@sanggau.demo", name: "Admin Diskominfo", role: "admin", unitCode: "dinas-kominfo" },
  { email: "humas@sanggau.demo", name: "Rina Humas", role: "humas", unitCode: "dinas-kominfo" },
  { email: "pimpinan@sanggau.demo", name: "Sekretaris Daerah", role: "leader", unitCode: "kab-sanggau" },
  { email: "camat.kapuas@sanggau.demo", name: "Camat Kapuas", role: "leader", unitCode: "kec-kapuas" },
  { email: "petugas.kapuas@sanggau.demo", name: "Budi Petugas Kapuas", role: "officer", unitCode: "kec-kapuas" },
  {
    email: "petugas.tayanhulu@sanggau.demo",
    name: "Siti Petugas Tayan Hulu",
    role: "officer",
    unitCode: "kec-tayan-hulu",
  },
  { email: "petugas.pupr@sanggau.demo", name: "Agus Petugas PUPR", role: "officer", unitCode: "dinas-pupr" },
  { email: "ppid@sanggau.demo", name: "Dewi PPID Utama", role: "ppid", unitCode: "dinas-kominfo" },
  { email: "ppid.pupr@sanggau.demo", name: "Hendra PPID PUPR", role: "ppid", unitCode: "dinas-pupr" },
  { email: "ppid.kapuas@sanggau.demo", name: "Yuli PPID Kapuas", role: "ppid", unitCode: "kec-kapuas" },
  {
    email: "operator.sungaimawang@sanggau.demo",
    name: "Andi Operator Sungai Mawang",
    role: "desa_operator",
    unitCode: "desa-sungai-mawang",
  },
];

// The demo's PPID structure: Kominfo is the PPID Utama; PUPR and Kecamatan Kapuas are PPID
// Pelaksana. The Sekretaris Daerah is the atasan PPID who answers objections.
const DEMO_PPID: { unitCode: string; level: PpidLevel; superiorEmail: string }[] = [
  { unitCode: "dinas-kominfo", level: "utama", superiorEmail: "pimpinan@sanggau.demo" },
  { unitCode: "dinas-pupr", level: "pelaksana", superiorEmail: "pimpinan@sanggau.demo" },
  { unitCode: "kec-kapuas", level: "pelaksana", superiorEmail: "camat.kapuas@sanggau.demo" },
];

// The unit tree routes on its own (server/inbox/routing.ts: disasters to BPBD, topics to their
// OPD, local matters to the kecamatan, the rest to Kominfo). The demo adds the rules of a camat
// who keeps public order and social assistance in the kecamatan, as some kabupaten do.
const DEMO_ROUTING: { category: string | null; unitCode: string; placeCode?: string; priority: number }[] =
  DEMO_KECAMATAN_CODES.flatMap((kecamatan) =>
    ["ketertiban", "sosial"].map((category) => ({ category, unitCode: kecamatan, placeCode: kecamatan, priority: 10 })),
  );

// Ready answers for the reply box; Indonesian, as citizens receive them, plus one in English.
const DEMO_CANNED_RESPONSES: { title: string; body: string; language: string }[] = [
  {
    title: "Terima kasih, sedang ditindaklanjuti",
    body: "Terima kasih, {nama}. Laporan Anda sudah kami terima dan sedang ditindaklanjuti oleh {unit}.",
    language: "id",
  },
  {
    title: "Nomor laporan untuk memantau",
    body: "Terima kasih, {nama}. Laporan Anda tercatat dengan nomor {nomor}. Perkembangannya dapat dipantau di halaman lacak laporan.",
    language: "id",
  },
  {
    title: "Minta lokasi dan rincian",
    body: "Halo {nama}, mohon kirimkan lokasi lengkap (desa/kelurahan dan kecamatan) serta foto bila ada, agar dapat segera kami teruskan ke petugas.",
    language: "id",
  },
  {
    title: "Sudah ditangani",
    body: "Halo {nama}, laporan Anda sudah ditangani. Bila masih ada kendala, silakan sampaikan kembali. Terima kasih atas kepeduliannya.",
    language: "id",
  },
  {
    title: "Cara mengajukan permohonan informasi publik",
    body: "Terima kasih, {nama}. Untuk memperoleh informasi tersebut, silakan ajukan permohonan informasi publik melalui {formulir_ppid}. Anda akan langsung mendapat nomor pendaftaran dan tanda bukti penerimaan; pemberitahuan tertulis kami berikan paling lambat 10 hari kerja.",
    language: "id",
  },
  {
    title: "Thank you, in progress",
    body: "Thank you, {nama}. We have received your report and {unit} is following it up.",
    language: "en",
  },
];

/** Seeds the demo organisation once, into an empty database. Returns whether it did. */
export async function seedDemoOrganisation(services: Services): Promise<boolean> {
  if ((await services.prisma.unit.count()) > 0) return false;
  const plant = async (seed: UnitSeed, parentId: string | null): Promise<string> => {
    const unit = await createUnit(services.prisma, {
      origin: SEED_ORIGIN,
      unit: { name: seed.name, type: seed.type, code: seed.code, parentId },
    });
    for (const child of seed.children ?? []) await plant(child, unit.id);
    return unit.id;
  };
  const rootId = await plant(DEMO_TREE, null);
  await importAreas(services.prisma, {
    origin: SEED_ORIGIN,
    regionCode: DEMO_REGION,
    parentId: rootId,
    unitCodes: DEMO_AREA_UNIT_CODES,
  });
  const coded = await services.prisma.unit.findMany({
    where: { code: { not: null } },
    select: { id: true, code: true },
  });
  const unitIds = new Map(coded.map((unit) => [unit.code!, unit.id]));
  for (const user of DEMO_USERS) {
    await createUser(services, {
      origin: SEED_ORIGIN,
      user: { ...user, unitIds: [unitIds.get(user.unitCode)!], password: DEMO_PASSWORD },
    });
  }
  for (const ppid of DEMO_PPID) {
    const superior = await services.prisma.user.findUniqueOrThrow({ where: { email: ppid.superiorEmail } });
    await services.prisma.unit.update({
      where: { id: unitIds.get(ppid.unitCode)! },
      data: { ppidLevel: ppid.level, ppidSuperiorId: superior.id },
    });
  }
  await services.prisma.routingRule.createMany({
    data: DEMO_ROUTING.map((rule) => ({
      category: rule.category,
      unitId: unitIds.get(rule.unitCode)!,
      placeUnitId: rule.placeCode ? unitIds.get(rule.placeCode)! : null,
      priority: rule.priority,
    })),
  });
  await services.prisma.cannedResponse.createMany({ data: DEMO_CANNED_RESPONSES });
  await seedDemoSites(services, SEED_ORIGIN, unitIds);
  await seedDemoDip(services, unitIds, SEED_ORIGIN);
  return true;
}

/**
 * Outside demo mode, an empty database with SIAR_REGION set starts with that kabupaten/kota: its
 * unit (SIAR_ORG_NAME, else "Pemerintah" and its official name) and every kecamatan, desa and
 * kelurahan below it with their official codes and names. Returns whether it did.
 */
export async function seedRegion(services: Services): Promise<boolean> {
  const { region: regionCode, organisationName, organisationNameGiven } = services.config;
  if (!regionCode || (await services.prisma.unit.count()) > 0) return false;
  const region = await loadRegionTree(regionCode);
  const root = await createUnit(services.prisma, {
    origin: SEED_ORIGIN,
    unit: {
      name: organisationNameGiven ? organisationName : region.unitName,
      type: "kabupaten",
      parentId: null,
      // Units below inherit it: office hours and deadlines run on the region's own clock.
      timezone: zoneOfRegion(regionCode),
    },
  });
  await importAreas(services.prisma, { origin: SEED_ORIGIN, regionCode, parentId: root.id });
  return true;
}

/**
 * Outside demo mode an empty database gets one administrator (SIAR_ADMIN_EMAIL) in a root
 * unit, with a temporary password that is printed once and must be changed at first sign-in.
 */
export async function bootstrapFirstAdmin(
  services: Services,
): Promise<{ email: string; temporaryPassword: string } | null> {
  const { adminEmail, organisationName } = services.config;
  if (!adminEmail || (await services.prisma.user.count()) > 0) return null;
  const root =
    (await services.prisma.unit.findFirst({ where: { parentId: null }, orderBy: { createdAt: "asc" } })) ??
    (await createUnit(services.prisma, {
      origin: SEED_ORIGIN,
      unit: { name: organisationName, type: "kabupaten", parentId: null },
    }));
  const { temporaryPassword } = await createUser(services, {
    origin: SEED_ORIGIN,
    user: { email: adminEmail, name: "Administrator", role: "admin", unitIds: [root.id] },
  });
  return { email: adminEmail, temporaryPassword: temporaryPassword! };
}

/** Siar's own public website is a channel of the root unit, present in every installation. */
export async function ensureWebsiteChannel(services: Services): Promise<void> {
  const root = await services.prisma.unit.findFirst({ where: { parentId: null }, orderBy: { createdAt: "asc" } });
  if (!root) return;
  const existing = await services.prisma.channel.findFirst({ where: { kind: "website" } });
  if (existing) return;
  await services.prisma.$transaction(async (tx) => {
    const channel = await tx.channel.create({
      data: {
        unitId: root.id,
        kind: "website",
        name: `Situs web ${root.name}`,
        externalId: "website",
        credentials: "",
      },
    });
    await recordAudit(tx, SEED_ORIGIN, {
      action: "channel.connect",
      targetType: "Channel",
      targetId: channel.id,
      unitId: root.id,
      changes: { kind: "website" },
    });
  });
}

/**
 * In demo mode the root unit's Facebook Page, Instagram account, X account, WordPress site and
 * WhatsApp number are the sandbox's. Its port changes with every start, so their settings are refreshed each time.
 */
export async function connectSimulatedChannels(services: Services, sandbox: Sandbox): Promise<void> {
  const root = await services.prisma.unit.findFirst({ where: { parentId: null }, orderBy: { createdAt: "asc" } });
  if (!root) return;
  const { graph, x, wordpress, whatsapp } = sandbox.credentials;
  const graphSettings = { baseUrl: graph.baseUrl };
  const channels: {
    kind: ChannelKind;
    name: string;
    externalId: string;
    credentials: Record<string, string>;
    settings: Record<string, string>;
  }[] = [
    {
      kind: "facebook",
      name: graph.pageName,
      externalId: graph.pageId,
      credentials: { pageAccessToken: graph.pageAccessToken },
      settings: graphSettings,
    },
    {
      kind: "instagram",
      name: `@${graph.igUsername}`,
      externalId: graph.igUserId,
      credentials: { accessToken: graph.pageAccessToken },
      settings: graphSettings,
    },
    {
      kind: "x",
      name: `@${x.username}`,
      externalId: x.userId,
      credentials: {
        appKey: x.appKey,
        appSecret: x.appSecret,
        accessToken: x.accessToken,
        accessSecret: x.accessSecret,
      },
      settings: { baseUrl: x.baseUrl },
    },
    {
      kind: "wordpress",
      name: "WordPress (simulasi)",
      externalId: "simulated-wordpress",
      credentials: { username: wordpress.username, applicationPassword: wordpress.applicationPassword },
      settings: { baseUrl: wordpress.baseUrl },
    },
    {
      // The hotline citizens write to (sandbox control: POST /_sandbox/whatsapp/messages).
      kind: "whatsapp",
      name: `WhatsApp ${whatsapp.displayPhoneNumber}`,
      externalId: whatsapp.phoneNumberId,
      credentials: { accessToken: whatsapp.accessToken },
      settings: { baseUrl: whatsapp.baseUrl, wabaId: whatsapp.wabaId },
    },
  ];
  for (const channel of channels) {
    const sealed = services.secretBox.seal(JSON.stringify(channel.credentials));
    const key = { unitId_kind_externalId: { unitId: root.id, kind: channel.kind, externalId: channel.externalId } };
    const existing = await services.prisma.channel.findUnique({ where: key });
    const stored = existing
      ? await services.prisma.channel.update({ where: key, data: { settings: channel.settings, credentials: sealed } })
      : await createSimulatedChannel(services, root.id, channel, sealed);
    // A fresh sandbox knows no subscriptions: the Page is subscribed as when an admin connects it.
    if (stored.status === "connected") await syncMetaConnection(services, SEED_ORIGIN, stored, "subscribed");
  }
}

async function createSimulatedChannel(
  services: Services,
  unitId: string,
  channel: {
    kind: ChannelKind;
    name: string;
    externalId: string;
    credentials: unknown;
    settings: Record<string, string>;
  },
  sealed: string,
) {
  return services.prisma.$transaction(async (tx) => {
    const created = await tx.channel.create({
      data: {
        unitId,
        kind: channel.kind,
        name: channel.name,
        externalId: channel.externalId,
        credentials: sealed,
        settings: channel.settings,
        simulated: true,
      },
    });
    await recordAudit(tx, SEED_ORIGIN, {
      action: "channel.connect",
      targetType: "Channel",
      targetId: created.id,
      unitId,
      changes: { kind: channel.kind, name: channel.name, simulated: true },
    });
    return created;
  });
}

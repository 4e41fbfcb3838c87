import type { TestSiar } from "./siar.js";

// The pieces of the authorization matrix (tests/api/authorization-matrix.test.ts): the demo
// people, records of two kecamatan carrying a marker in their text, what each person may see,
// a detector of other units' records in any response, and the list of the real API routes.

export const PEOPLE = {
  admin: "admin@sanggau.demo",
  humas: "humas@sanggau.demo",
  leaderKabupaten: "pimpinan@sanggau.demo",
  leaderKapuas: "camat.kapuas@sanggau.demo",
  officerKapuas: "petugas.kapuas@sanggau.demo",
  officerTayanHulu: "petugas.tayanhulu@sanggau.demo",
  ppidUtama: "ppid@sanggau.demo",
  ppidKapuas: "ppid.kapuas@sanggau.demo",
  operatorSungaiMawang: "operator.sungaimawang@sanggau.demo",
} as const;
export type Person = keyof typeof PEOPLE;
export const PERSONS = Object.keys(PEOPLE) as Person[];

/** The marker's stand-in for a unit code when a record is not routed to any unit. */
export const UNROUTED = "tanpa-unit";
const MARKER = /RAHASIA-([a-z-]+?)-(\d+)/g;
const marker = (code: string, n: number) => `RAHASIA-${code}-${n}`;

/** Ids of what seedMarkedRecords created, by name, for the requests of the matrix. */
export type Seeded = {
  items: Record<string, string>;
  /** The unit each seeded item was routed to (null: not routed). */
  itemUnits: Map<string, string | null>;
  posts: Record<string, string>;
  cannedResponses: Record<string, string>;
  warnings: Record<string, string>;
  /** A DIP entry of each seeded unit, a draft in the desa (where a desa operator may still change it). */
  dipItems: Record<string, string>;
};

/**
 * Records of Kecamatan Kapuas and Kecamatan Tayan Hulu (and a desa of each), each with a marker
 * naming its unit in its text: one citizen's comments on one thread and on another routed to
 * both kecamatan (a conversation and earlier messages across units), merged duplicates, timeline
 * notes, a post the comment answers, posts, canned responses, early warnings, audit events, and
 * an item not routed yet.
 */
export async function seedMarkedRecords(siar: TestSiar): Promise<Seeded> {
  const prisma = siar.services.prisma;
  const unitId = async (code: string) => (await prisma.unit.findUniqueOrThrow({ where: { code } })).id;
  const userId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
  const units = {
    "kec-kapuas": await unitId("kec-kapuas"),
    "kec-tayan-hulu": await unitId("kec-tayan-hulu"),
    "desa-sungai-mawang": await unitId("desa-sungai-mawang"),
    "desa-engkasan": await unitId("desa-engkasan"),
  };
  const officers = {
    "kec-kapuas": await userId(PEOPLE.officerKapuas),
    "kec-tayan-hulu": await userId(PEOPLE.officerTayanHulu),
  };
  const now = Date.now();
  const past = (hours: number) => new Date(now - hours * 3600_000);
  let n = 0;

  const posts: Record<string, string> = {};
  for (const code of ["kec-kapuas", "kec-tayan-hulu"] as const) {
    for (const status of ["in_review", "withdrawn"] as const) {
      const post = await prisma.post.create({
        data: {
          unitId: units[code],
          authorId: officers[code],
          title: `Pengumuman ${marker(code, ++n)}`,
          body: `Isi ${marker(code, n)}`,
          slug: `matriks-${code}-${status}`,
          status,
        },
      });
      posts[`${code}:${status}`] = post.id;
    }
  }

  const conversations = new Map<string, string>();
  const conversation = async (threadKey: string) => {
    if (!conversations.has(threadKey)) {
      const created = await prisma.conversation.create({
        data: { source: "facebook_comment", threadKey, authorKey: "warga-matriks", lastItemAt: past(1) },
      });
      conversations.set(threadKey, created.id);
    }
    return conversations.get(threadKey)!;
  };
  const items: Record<string, string> = {};
  const item = async (
    name: string,
    code: keyof typeof units | null,
    thread: string,
    extra: Record<string, unknown> = {},
  ) => {
    const created = await prisma.inboxItem.create({
      data: {
        conversationId: await conversation(thread),
        source: "facebook_comment",
        platformId: `matriks-${name}`,
        authorName: "Warga Matriks",
        authorPlatformId: "warga-matriks",
        text: `Keluhan ${marker(code ?? UNROUTED, ++n)}`,
        sentAt: past(2),
        receivedAt: past(2),
        status: "triaged",
        kind: "pengaduan",
        category: "pelayanan_publik",
        urgency: "tinggi",
        unitId: code ? units[code] : null,
        firstResponseDueAt: past(1),
        resolutionDueAt: past(1),
        ...extra,
      },
    });
    items[name] = created.id;
    await prisma.inboxEvent.create({
      data: { itemId: created.id, type: "note", body: `Catatan ${marker(code ?? UNROUTED, ++n)}` },
    });
    return created.id;
  };
  // One thread, two kecamatan: the conversation of each holds the other's item.
  await item("kapuas", "kec-kapuas", "utas-1", {
    assigneeId: officers["kec-kapuas"],
    status: "assigned",
    postId: posts["kec-tayan-hulu:withdrawn"],
  });
  await item("tayanHulu", "kec-tayan-hulu", "utas-1", {
    assigneeId: officers["kec-tayan-hulu"],
    status: "assigned",
    postId: posts["kec-kapuas:withdrawn"],
  });
  await item("desaKapuas", "desa-sungai-mawang", "utas-1");
  await item("desaTayanHulu", "desa-engkasan", "utas-1");
  await item("unrouted", null, "utas-1");
  // Another thread of the same citizen: "earlier from the author".
  await item("kapuasEarlier", "kec-kapuas", "utas-2", { sentAt: past(30), receivedAt: past(30) });
  await item("tayanHuluEarlier", "kec-tayan-hulu", "utas-2", { sentAt: past(30), receivedAt: past(30) });
  // Duplicates filed under the items they repeat.
  await item("kapuasDuplicate", "kec-kapuas", "utas-1", {
    mergedIntoId: items.kapuas,
    status: "resolved",
    resolvedAt: past(1),
  });
  await item("tayanHuluDuplicate", "kec-tayan-hulu", "utas-1", {
    mergedIntoId: items.tayanHulu,
    status: "resolved",
    resolvedAt: past(1),
  });
  for (const [duplicate, into] of [
    ["kapuasDuplicate", "kapuas"],
    ["tayanHuluDuplicate", "tayanHulu"],
  ] as const) {
    await prisma.inboxEvent.create({
      data: { itemId: items[into]!, type: "merged_in", data: { from: items[duplicate] } },
    });
  }

  const cannedResponses: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  const dipItems: Record<string, string> = {};
  for (const code of ["kec-kapuas", "kec-tayan-hulu", "desa-sungai-mawang", "desa-engkasan"] as const) {
    const template = await prisma.cannedResponse.create({
      data: { title: `Templat ${marker(code, ++n)}`, body: `Terima kasih ${marker(code, n)}`, unitId: units[code] },
    });
    cannedResponses[code] = template.id;
    const draft = code.startsWith("desa-");
    const entry = await prisma.dipItem.create({
      data: {
        unitId: units[code],
        class: "setiap_saat",
        title: `Informasi ${marker(code, ++n)}`,
        summary: `Ringkasan ${marker(code, n)}`,
        responsibleOfficial: "Sekretaris",
        year: 2026,
        formats: ["softcopy"],
        retention: "5 tahun",
        status: draft ? "draft" : "published",
        publishedAt: draft ? null : past(1),
      },
    });
    dipItems[code] = entry.id;
    await prisma.auditEvent.create({
      data: {
        actorLabel: "matriks",
        action: "matrix.seeded",
        targetType: "Unit",
        targetId: units[code],
        unitId: units[code],
        changes: { note: marker(code, ++n) },
      },
    });
  }
  for (const [code, name] of [
    ["kec-kapuas", "kapuas"],
    ["kec-tayan-hulu", "tayanHulu"],
  ] as const) {
    const warning = await prisma.earlyWarning.create({
      // A surge in one place may hold items routed to another unit: the other kecamatan's item is in it too.
      data: {
        category: "pelayanan_publik",
        placeUnitId: units[code],
        unitId: units[code],
        windowStart: past(3),
        windowEnd: past(0),
        count: 5,
        baseline: 1,
        itemIds: [items[name]!, items[name === "kapuas" ? "tayanHulu" : "kapuas"]!, items.unrouted!],
      },
    });
    warnings[code] = warning.id;
  }
  const itemUnits = new Map<string, string | null>();
  for (const row of await prisma.inboxItem.findMany({
    where: { id: { in: Object.values(items) } },
    select: { id: true, unitId: true },
  }))
    itemUnits.set(row.id, row.unitId);
  return { items, itemUnits, posts, cannedResponses, warnings, dipItems };
}

/** What a person may see: the units of their scope (null: all), and the units above them (whose shared records, e.g. channels, they use). */
export type Scope = { all: boolean; units: Set<string>; above: Set<string>; codes: Map<string, string> };

export async function scopeOf(siar: TestSiar, email: string): Promise<Scope> {
  const prisma = siar.services.prisma;
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    include: { memberships: { include: { unit: true } } },
  });
  const allUnits = await prisma.unit.findMany({ select: { id: true, path: true, code: true } });
  const paths = user.memberships.map((m) => m.unit.path);
  return {
    all: ["admin", "humas"].includes(user.role),
    units: new Set(allUnits.filter((unit) => paths.some((path) => unit.path.startsWith(path))).map((unit) => unit.id)),
    above: new Set(allUnits.filter((unit) => paths.some((path) => path.startsWith(unit.path))).map((unit) => unit.id)),
    codes: new Map(allUnits.flatMap((unit) => (unit.code ? [[unit.code, unit.id] as [string, string]] : []))),
  };
}

/**
 * Every other unit's record in a response: a marker of a unit outside the scope anywhere in the
 * body, an object that names a unit outside the scope (and not above it) as its `unitId`, its
 * `unit` or one of its `units`, or the id of one of `items` routed outside the scope.
 * `unitList`: the body's `data` are units themselves.
 */
export function findLeaks(
  body: unknown,
  scope: Scope,
  options: { unitList?: boolean; items?: Map<string, string | null> } = {},
): string[] {
  if (scope.all) return [];
  const leaks: string[] = [];
  const text = typeof body === "string" ? body : JSON.stringify(body);
  for (const [id, unitId] of options.items ?? []) {
    if ((unitId === null || !scope.units.has(unitId)) && text.includes(id)) leaks.push(`item id ${id}`);
  }
  for (const [found, code] of text.matchAll(MARKER)) {
    const unitId = code === UNROUTED ? null : scope.codes.get(code!);
    if (!unitId || !scope.units.has(unitId)) leaks.push(`marker ${found}`);
  }
  const foreign = (id: unknown) => typeof id === "string" && !scope.units.has(id) && !scope.above.has(id);
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((element, index) => walk(element, `${path}[${index}]`));
    if (!value || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "unitId" && foreign(child)) leaks.push(`${path}.unitId = ${String(child)}`);
      if (key === "unit" && child && typeof child === "object" && foreign((child as { id?: unknown }).id))
        leaks.push(`${path}.unit = ${(child as { id: string }).id}`);
      if (key === "units" && Array.isArray(child)) {
        for (const unit of child)
          if (foreign((unit as { id?: unknown })?.id)) leaks.push(`${path}.units[] = ${(unit as { id: string }).id}`);
      }
      walk(child, `${path}.${key}`);
    }
  };
  if (typeof body === "object") walk(body, "$");
  if (options.unitList) {
    for (const unit of (body as { data?: { id: string }[] })?.data ?? [])
      if (!scope.units.has(unit.id)) leaks.push(`unit ${unit.id} listed`);
  }
  return leaks;
}

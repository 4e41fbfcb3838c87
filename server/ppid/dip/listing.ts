import { Prisma, type PrismaClient } from "../../db/client.js";
import type { DipBody, DipClass, DipStatus } from "../../db/generated/enums.js";
import { effectiveClassSql, exceptedNowSql } from "./visibility.js";

// The DIP as lists: staff's (their scope, every status, newest change first) and the public's
// (the public list or the excepted list, newest publication first), with the same filters and
// full-text search, as one SQL query for the ids and one Prisma read for what is shown.

/** Who the list is for: staff (their scope), the public list, or the public excepted list. */
export type DipAudience = "staff" | "public" | "excepted";

export type DipFilters = {
  audience: DipAudience;
  /** Staff: the paths of the units in the actor's scope (null: every unit). */
  scopePaths?: string[] | null;
  /** Entries of this unit and the units below it. */
  unitId?: string;
  /** The class as it stands now: an ended exception counts as setiap_saat. */
  class?: DipClass;
  year?: number;
  body?: DipBody;
  /** Staff only; the public lists show published entries. */
  status?: DipStatus;
  q?: string;
};

/** The order a list is read in: newest change (staff) or newest publication (public). */
export type DipOrder = "updated" | "published";
export type DipPage = { order: DipOrder; limit: number; after?: { at: Date; id: string }; offset?: number };

export const dipItemInclude = {
  unit: { select: { id: true, name: true, code: true, path: true, type: true, timezone: true, ppidLevel: true } },
  post: { select: { slug: true, status: true } },
  files: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { versions: { orderBy: { version: "desc" } } },
  },
} as const satisfies Prisma.DipItemInclude;
export type DipItemWithRelations = Prisma.DipItemGetPayload<{ include: typeof dipItemInclude }>;

/** Most words of a search that are used; the rest are ignored. */
const MAX_SEARCH_WORDS = 8;

/**
 * A search as a tsquery of word prefixes ("anggaran desa" → "anggaran:* & desa:*"), so that a word
 * typed in part still finds; only letters and digits reach the query. Null when nothing is left.
 */
export function searchQuery(q: string): string | null {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
  return words.length > 0 ? words.map((word) => `${word}:*`).join(" & ") : null;
}

function conditions(filters: DipFilters, now: Date): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filters.audience === "staff") {
    if (filters.scopePaths)
      where.push(Prisma.sql`u."path" LIKE ANY(${filters.scopePaths.map((path) => `${path}%`)}::text[])`);
    if (filters.status) where.push(Prisma.sql`i."status" = ${filters.status}::"DipStatus"`);
  } else {
    where.push(Prisma.sql`i."status" = 'published'`);
    const excepted = exceptedNowSql(now);
    where.push(filters.audience === "excepted" ? excepted : Prisma.sql`NOT ${excepted}`);
  }
  if (filters.unitId)
    where.push(Prisma.sql`u."path" LIKE (SELECT "path" || '%' FROM "Unit" WHERE "id" = ${filters.unitId}::uuid)`);
  if (filters.class) where.push(effectiveClassSql(filters.class, now));
  if (filters.year) where.push(Prisma.sql`i."year" = ${filters.year}`);
  if (filters.body) where.push(Prisma.sql`i."body" = ${filters.body}::"DipBody"`);
  const query = filters.q ? searchQuery(filters.q) : null;
  if (filters.q) {
    // A search of nothing but punctuation finds nothing, rather than everything.
    where.push(query ? Prisma.sql`i."search" @@ to_tsquery('indonesian', ${query})` : Prisma.sql`FALSE`);
  }
  return where.length > 0 ? where : [Prisma.sql`TRUE`];
}

const FROM = Prisma.sql`FROM "DipItem" i JOIN "Unit" u ON u."id" = i."unitId"`;

/** The ids of one page, in the list's order; `limit` + 1 rows when a keyset page has a next one. */
export async function dipItemIds(
  prisma: PrismaClient,
  filters: DipFilters,
  page: DipPage,
  now = new Date(),
): Promise<string[]> {
  const where = conditions(filters, now);
  const column = page.order === "updated" ? Prisma.sql`i."updatedAt"` : Prisma.sql`i."publishedAt"`;
  if (page.after) where.push(Prisma.sql`(${column}, i."id") < (${page.after.at}, ${page.after.id}::uuid)`);
  const rows = await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT i."id" ${FROM} WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${column} DESC, i."id" DESC LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`);
  return rows.map((row) => row.id);
}

/** How many entries match, for "page 2 of 14". */
export async function countDipItems(prisma: PrismaClient, filters: DipFilters, now = new Date()): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: bigint }[]>(
    Prisma.sql`SELECT count(*) AS count ${FROM} WHERE ${Prisma.join(conditions(filters, now), " AND ")}`,
  );
  return Number(row?.count ?? 0);
}

/** The entries of these ids with what is shown of them, in the ids' order. */
export async function loadDipItems(prisma: PrismaClient, ids: string[]): Promise<DipItemWithRelations[]> {
  const items = await prisma.dipItem.findMany({ where: { id: { in: ids } }, include: dipItemInclude });
  const byId = new Map(items.map((item) => [item.id, item]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every matching entry, in pages of `batch`, for the exports. */
export async function* everyDipItem(
  prisma: PrismaClient,
  filters: DipFilters,
  order: DipOrder,
  batch = 500,
): AsyncGenerator<DipItemWithRelations[]> {
  const now = new Date();
  let after: DipPage["after"];
  for (;;) {
    const ids = await dipItemIds(prisma, filters, { order, limit: batch, after }, now);
    if (ids.length === 0) return;
    const items = await loadDipItems(prisma, ids);
    yield items;
    const last = items[items.length - 1];
    if (ids.length < batch || !last) return;
    after = { at: (order === "updated" ? last.updatedAt : last.publishedAt)!, id: last.id };
  }
}

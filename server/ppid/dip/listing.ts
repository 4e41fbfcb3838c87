import { Prisma, type PrismaClient } from "@server/db/client.js";
import type { DipBody, DipClass, DipStatus } from "@server/db/generated/enums.js";
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
 * A search as a tsquery of words that also match as prefixes ("anggaran desa" → "(anggaran |
 * anggaran:*) & (desa | desa:*)"), so that a word typed in part still finds; only letters and
 * digits reach the query. The whole word beside its prefix changes no match, but lets PostgreSQL
 * estimate a common word from its statistics (it guesses every prefix alike). Null when nothing is left.
 */
export function searchQuery(q: string): string | null {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
  return words.length > 0 ? words.map((word) => `(${word} | ${word}:*)`).join(" & ") : null;
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

/**
 * A search looks first among the newest entries (walking the list's time index), which fills a
 * page at once for a common word; only when those hold too few matches does it read every match
 * through the text index (the matches of a rarer word are few, so that stays cheap). PostgreSQL
 * cannot tell the two apart beforehand: it estimates every prefix search alike.
 */
const SEARCH_WINDOW_PER_ROW = 20;
const SEARCH_WINDOW_MIN = 2_000;
const SEARCH_WINDOW_MAX = 20_000;
/** What the conditions read of an entry: the window carries only these. */
const WINDOW_COLUMNS = Prisma.raw(
  ["id", "unitId", "status", "class", "exemptionEndsAt", "year", "body", "search", "publishedAt", "updatedAt"]
    .map((column) => `i."${column}"`)
    .join(", "),
);

/** The ids of one page, in the list's order; `limit` + 1 rows when a keyset page has a next one. */
export async function dipItemIds(
  prisma: PrismaClient,
  filters: DipFilters,
  page: DipPage,
  now = new Date(),
): Promise<string[]> {
  const column = page.order === "updated" ? Prisma.sql`i."updatedAt"` : Prisma.sql`i."publishedAt"`;
  const where = conditions(filters, now);
  if (page.after) where.push(Prisma.sql`(${column}, i."id") < (${page.after.at}, ${page.after.id}::uuid)`);
  const offset = page.offset ?? 0;
  const ordered = Prisma.sql`ORDER BY ${column} DESC, i."id" DESC LIMIT ${page.limit} OFFSET ${offset}`;
  const ids = async (query: Prisma.Sql) => (await prisma.$queryRaw<{ id: string }[]>(query)).map((row) => row.id);
  if (!filters.q) return ids(Prisma.sql`SELECT i."id" ${FROM} WHERE ${Prisma.join(where, " AND ")} ${ordered}`);

  const needed = offset + page.limit;
  const window = Math.max(SEARCH_WINDOW_MIN, needed * SEARCH_WINDOW_PER_ROW);
  if (window <= SEARCH_WINDOW_MAX) {
    // The newest entries of the list (those a public list may show, or any for staff), after the cursor.
    const newest = [
      ...(filters.audience === "staff" ? [] : [Prisma.sql`i."status" = 'published'`]),
      ...(page.after ? [Prisma.sql`(${column}, i."id") < (${page.after.at}, ${page.after.id}::uuid)`] : []),
    ];
    const found = await ids(Prisma.sql`
      SELECT i."id" FROM (
        SELECT ${WINDOW_COLUMNS} FROM "DipItem" i ${newest.length > 0 ? Prisma.sql`WHERE ${Prisma.join(newest, " AND ")}` : Prisma.empty}
        ORDER BY ${column} DESC, i."id" DESC LIMIT ${window}
      ) i JOIN "Unit" u ON u."id" = i."unitId"
      WHERE ${Prisma.join(where, " AND ")} ${ordered}`);
    // A full page among the newest is the page: any other match is older than all of them.
    if (found.length === page.limit) return found;
  }
  // OFFSET 0 keeps PostgreSQL from walking the time index in hope of matches: it reads the text index.
  return ids(Prisma.sql`
    SELECT i."id" FROM (SELECT i."id", ${column} AS "at" ${FROM} WHERE ${Prisma.join(where, " AND ")} OFFSET 0) i
    ORDER BY i."at" DESC, i."id" DESC LIMIT ${page.limit} OFFSET ${offset}`);
}

/** Counts beyond this are shown as "more than": a common word would otherwise read the whole list. */
export const COUNT_CAP = 1_000;

/** How many entries match, up to COUNT_CAP; `more` when there are more than that. */
export async function countDipItems(
  prisma: PrismaClient,
  filters: DipFilters,
  now = new Date(),
): Promise<{ count: number; more: boolean }> {
  const [row] = await prisma.$queryRaw<{ count: bigint }[]>(Prisma.sql`
    SELECT count(*) AS count FROM (
      SELECT 1 ${FROM} WHERE ${Prisma.join(conditions(filters, now), " AND ")} LIMIT ${COUNT_CAP + 1}
    ) matches`);
  const count = Number(row?.count ?? 0);
  return { count: Math.min(count, COUNT_CAP), more: count > COUNT_CAP };
}

// What dipItemInclude loads, read in one query (Prisma's include takes one per relation, which
// is most of a list page's time): the entry's columns (not its search vector), its unit, its
// post, and its documents with their versions as JSON.
const ITEM_COLUMNS = Prisma.raw(
  Object.values(Prisma.DipItemScalarFieldEnum)
    .map((column) =>
      ["class", "body", "status"].includes(column)
        ? `i."${column}"::text AS "${column}"`
        : column === "formats"
          ? `i."formats"::text[] AS "formats"`
          : `i."${column}"`,
    )
    .join(", "),
);
const RELATIONS = Prisma.sql`
  json_build_object('id', u."id", 'name', u."name", 'code', u."code", 'path', u."path", 'type', u."type",
    'timezone', u."timezone", 'ppidLevel', u."ppidLevel") AS "unit",
  (SELECT json_build_object('slug', p."slug", 'status', p."status") FROM "Post" p WHERE p."id" = i."postId") AS "post",
  coalesce((
    SELECT json_agg(json_build_object('id', f."id", 'itemId', f."itemId", 'purpose', f."purpose", 'name', f."name",
      'removedAt', f."removedAt", 'createdAt', f."createdAt", 'versions', coalesce((
        SELECT json_agg(v ORDER BY v."version" DESC) FROM "DipFileVersion" v WHERE v."fileId" = f."id"), '[]'))
      ORDER BY f."createdAt", f."id")
    FROM "DipFile" f WHERE f."itemId" = i."id"), '[]') AS "files"`;

/** A timestamp as JSON gives it: UTC without its zone. */
const utc = (value: string) => new Date(`${value}Z`);
const utcOrNull = (value: string | null) => (value === null ? null : utc(value));

type Timestamps<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends Date ? string : string | null };
type RawFile = Omit<Timestamps<DipItemWithRelations["files"][number], "createdAt" | "removedAt">, "versions"> & {
  versions: Timestamps<DipItemWithRelations["files"][number]["versions"][number], "createdAt">[];
};
type RawItem = Omit<DipItemWithRelations, "files"> & { files: RawFile[] };

/** The entries of these ids with what is shown of them, in the ids' order. */
export async function loadDipItems(prisma: PrismaClient, ids: string[]): Promise<DipItemWithRelations[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<RawItem[]>(Prisma.sql`
    SELECT ${ITEM_COLUMNS}, ${RELATIONS}
    FROM "DipItem" i JOIN "Unit" u ON u."id" = i."unitId" WHERE i."id" = ANY(${ids}::uuid[])`);
  const byId = new Map(
    rows.map((row): [string, DipItemWithRelations] => [
      row.id,
      {
        ...row,
        files: row.files.map((file) => ({
          ...file,
          createdAt: utc(file.createdAt),
          removedAt: utcOrNull(file.removedAt),
          versions: file.versions.map((version) => ({ ...version, createdAt: utc(version.createdAt) })),
        })),
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every matching entry, in pages of `batch`, for the exports. */
export async function* everyDipItem(
  prisma: PrismaClient,
  filters: DipFilters,
  order: DipOrder,
  batch = 1000,
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

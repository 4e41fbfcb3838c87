import type { Actor } from "@server/auth/actor.js";
import { inboxItemInclude, type InboxItemWithRelations } from "./itemRecord.js";
import { Prisma, type PrismaClient } from "@server/db/client.js";
import { unitScopeWhere } from "@server/policies/index.js";
import { CLOSED_STATUSES, OPEN_STATUSES } from "./lifecycle.js";

export const INBOX_VIEWS = ["all", "mine", "my_units", "unassigned", "overdue", "urgent"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** One page of the inbox as the list screen asks for it; every filter is optional. */
export type InboxListing = {
  view: InboxView;
  source?: string;
  status?: string;
  kind?: string;
  category?: string;
  urgency?: string;
  unitId?: string;
  channelId?: string;
  /** Full-text search in Bahasa Indonesia ('indonesian' stemming) over the text and the author's name. */
  q?: string;
  /** The sort key of the last item of the previous page. */
  after?: { at: Date; id: string };
  limit: number;
};

/**
 * Search matches are looked for newest first in age bands, one after the other, stopping as soon
 * as a page is full: a common word fills the page from the last week (walking the time index is
 * cheap there, as a week holds few items), and only a search that needs older matches opens the
 * older bands. Those are read through the text index alone (fenced with OFFSET 0, so PostgreSQL
 * cannot walk months of items by time hoping to meet matches the caller's filters then exclude).
 */
const SEARCH_BANDS_DAYS = [7, 90] as const;

/** Open emergencies pinned above a list: more than this many at once is a crisis, shown in the urgent view. */
export const PINNED_LIMIT = 50;
const OPEN_EMERGENCY = Prisma.sql`"urgency" = 'darurat' AND "status" IN (${Prisma.raw(
  OPEN_STATUSES.map((status) => `'${status}'::"InboxStatus"`).join(", "),
)})`;
/** The negation, true for items without an urgency too. */
const NOT_OPEN_EMERGENCY = Prisma.sql`NOT COALESCE(${OPEN_EMERGENCY}, false)`;

/**
 * Units whose items the actor may see; null for roles that see all (unrouted items included).
 * Resolved to ids: "unitId = ANY(ids)" plans far better than a join on unit paths over a large inbox.
 */
export async function visibleUnitIds(prisma: PrismaClient, actor: Actor): Promise<string[] | null> {
  const scope = unitScopeWhere(actor);
  if (!scope) return null;
  return (await prisma.unit.findMany({ where: scope, select: { id: true } })).map((unit) => unit.id);
}

// Status lists are code constants, written into the SQL so that PostgreSQL can match them with the partial index on open items.
const statusList = (statuses: readonly string[]) =>
  Prisma.raw(statuses.map((status) => `'${status}'::"InboxStatus"`).join(", "));

/** The conditions of each view, in SQL, for the actor at a moment. */
function viewCondition(view: InboxView, actor: Actor, now: Date): Prisma.Sql {
  switch (view) {
    case "all":
      return Prisma.sql`TRUE`;
    case "mine":
      return Prisma.sql`"assigneeId" = ${actor.id}::uuid`;
    case "my_units": {
      const ids = actor.units.map((unit) => unit.id);
      return Prisma.sql`("unitId" = ANY(${ids}::uuid[]) OR "informedUnitId" = ANY(${ids}::uuid[]))`;
    }
    case "unassigned":
      return Prisma.sql`"assigneeId" IS NULL AND "status" IN (${statusList(OPEN_STATUSES)})`;
    case "overdue":
      return Prisma.sql`"status" NOT IN (${statusList(CLOSED_STATUSES)})
        AND (("firstRespondedAt" IS NULL AND "firstResponseDueAt" < ${now}) OR ("resolvedAt" IS NULL AND "resolutionDueAt" < ${now}))`;
    case "urgent":
      return Prisma.sql`"status" IN (${statusList(OPEN_STATUSES)}) AND "urgency" IN ('darurat', 'tinggi')`;
  }
}

/** The conditions of a listing (view, visibility, filters, cursor) for the actor. */
async function listingConditions(
  prisma: PrismaClient,
  actor: Actor,
  listing: InboxListing,
  now: Date,
): Promise<Prisma.Sql[]> {
  const unitIds = await visibleUnitIds(prisma, actor);
  const conditions = [viewCondition(listing.view, actor, now)];
  if (unitIds)
    conditions.push(Prisma.sql`("unitId" = ANY(${unitIds}::uuid[]) OR "informedUnitId" = ANY(${unitIds}::uuid[]))`);
  if (listing.source) conditions.push(Prisma.sql`"source" = ${listing.source}::"InboxSource"`);
  if (listing.status) conditions.push(Prisma.sql`"status" = ${listing.status}::"InboxStatus"`);
  if (listing.kind) conditions.push(Prisma.sql`"kind" = ${listing.kind}`);
  if (listing.category) conditions.push(Prisma.sql`"category" = ${listing.category}`);
  if (listing.urgency) conditions.push(Prisma.sql`"urgency" = ${listing.urgency}`);
  if (listing.unitId) conditions.push(Prisma.sql`"unitId" = ${listing.unitId}::uuid`);
  if (listing.channelId) conditions.push(Prisma.sql`"channelId" = ${listing.channelId}::uuid`);
  if (listing.after)
    conditions.push(Prisma.sql`("receivedAt", "id") < (${listing.after.at}, ${listing.after.id}::uuid)`);
  if (listing.q) conditions.push(Prisma.sql`"search" @@ websearch_to_tsquery('indonesian', ${listing.q})`);
  return conditions;
}

/** Loads the listed ids with what the presenter needs, newest first as the cursor expects. */
async function loadListed(prisma: PrismaClient, ids: string[]): Promise<InboxItemWithRelations[]> {
  const items = await prisma.inboxItem.findMany({ where: { id: { in: ids } }, include: inboxItemInclude });
  // Lower-case uuid text sorts as PostgreSQL sorts uuids.
  return items.sort(
    (a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

/**
 * The open emergencies (darurat) the actor may see in a view with its filters, newest first:
 * pinned above the list's first page. A search lists its matches in time order instead.
 */
export async function listPinnedEmergencies(
  prisma: PrismaClient,
  actor: Actor,
  listing: InboxListing,
  now = new Date(),
): Promise<InboxItemWithRelations[]> {
  if (listing.q) return [];
  const conditions = await listingConditions(prisma, actor, { ...listing, after: undefined }, now);
  const ids = await prisma.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT "id" FROM "InboxItem" WHERE ${Prisma.join([...conditions, OPEN_EMERGENCY], " AND ")}
      ORDER BY "receivedAt" DESC, "id" DESC LIMIT ${PINNED_LIMIT}`,
  );
  return loadListed(
    prisma,
    ids.map((row) => row.id),
  );
}

/**
 * One page of the items the actor may see in a view, newest first, with the plain filters and
 * the full-text search in the same query (so a search never hides a visible match behind a cap),
 * then loaded with what the presenter needs. Returns limit + 1 rows when there is a next page.
 * Without a search, the open emergencies are left out: they are pinned above (listPinnedEmergencies).
 */
export async function listInboxItems(
  prisma: PrismaClient,
  actor: Actor,
  listing: InboxListing,
  now = new Date(),
): Promise<InboxItemWithRelations[]> {
  const conditions = await listingConditions(prisma, actor, listing, now);
  if (!listing.q) conditions.push(NOT_OPEN_EMERGENCY);
  const take = listing.limit + 1;
  const where = (extra: Prisma.Sql[] = []) => Prisma.join([...conditions, ...extra], " AND ");
  const newestFirst = Prisma.sql`ORDER BY "receivedAt" DESC, "id" DESC LIMIT ${take}`;
  const query = listing.q
    ? bandedSearch(where, newestFirst, take, now)
    : Prisma.sql`SELECT "id" FROM "InboxItem" WHERE ${where()} ${newestFirst}`;
  return loadListed(
    prisma,
    (await prisma.$queryRaw<{ id: string }[]>(query)).map((row) => row.id),
  );
}

/** The search as one query over the age bands (SEARCH_BANDS_DAYS), newest band first. */
function bandedSearch(
  where: (extra: Prisma.Sql[]) => Prisma.Sql,
  newestFirst: Prisma.Sql,
  take: number,
  now: Date,
): Prisma.Sql {
  const bounds = SEARCH_BANDS_DAYS.map((days) => new Date(now.getTime() - days * 24 * 3600_000));
  const bands = [
    Prisma.sql`(SELECT "id" FROM "InboxItem" WHERE ${where([Prisma.sql`"receivedAt" >= ${bounds[0]}`])} ${newestFirst})`,
  ];
  bounds.forEach((until, band) => {
    const since = bounds[band + 1];
    const age = [Prisma.sql`"receivedAt" < ${until}`, ...(since ? [Prisma.sql`"receivedAt" >= ${since}`] : [])];
    bands.push(
      Prisma.sql`(SELECT "id" FROM (SELECT "id", "receivedAt" FROM "InboxItem" WHERE ${where(age)} OFFSET 0) AS band ${newestFirst})`,
    );
  });
  // The outer LIMIT stops PostgreSQL before it opens a band it does not need.
  return Prisma.sql`SELECT "id" FROM (${Prisma.join(bands, " UNION ALL ")}) AS matches LIMIT ${take}`;
}

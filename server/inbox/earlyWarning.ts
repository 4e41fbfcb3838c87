import { randomUUID } from "node:crypto";
import { recordAuditSql } from "@server/audit/record.js";
import type { Prisma, PrismaClient, SqlTransaction } from "@server/db/client.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";

export const EARLY_WARNING_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type EarlyWarningStatus = (typeof EARLY_WARNING_STATUSES)[number];
/** Statuses of a warning still in play: a new surge for its key updates it instead of raising another. */
export const LIVE_WARNING_STATUSES: EarlyWarningStatus[] = ["open", "acknowledged"];

export type EarlyWarningOptions = {
  /** Length of the window whose items are counted. */
  windowMinutes: number;
  /** How far back (before the window) the usual rate is measured. */
  baselineDays: number;
  /** Fewer items than this never raise a warning, however quiet the place usually is. */
  minCount: number;
  /** How many times the usual rate counts as rising. */
  factor: number;
  /** A live warning raised this recently for the same category and place is updated rather than raised again. */
  dedupeHours: number;
};

export const EARLY_WARNING_DEFAULTS: EarlyWarningOptions = {
  windowMinutes: 60,
  baselineDays: 14,
  minCount: 5,
  factor: 3,
  dedupeHours: 6,
};

/** The usual number of items per window: everything in the baseline period spread evenly over its windows. */
export function baselinePerWindow(
  itemsInBaselinePeriod: number,
  options: EarlyWarningOptions = EARLY_WARNING_DEFAULTS,
): number {
  const windows = (options.baselineDays * 24 * 60) / options.windowMinutes;
  return itemsInBaselinePeriod / windows;
}

/**
 * The rule: a category rises in a place when the last window holds at least `minCount` items
 * (5) AND at least `factor` (3) times the usual count per window plus one; the "+1" keeps a
 * near-zero baseline from turning every small cluster into a warning, the minimum keeps noise out.
 */
export function isRising(
  counts: { count: number; baseline: number },
  options: EarlyWarningOptions = EARLY_WARNING_DEFAULTS,
): boolean {
  return counts.count >= options.minCount && counts.count >= counts.baseline * options.factor + 1;
}

/** A place whose items are counted together: a desa alone, or a kecamatan with all its desa. */
type PlaceKey = { placeId: string; countedPlaceIds: string[] };

/** Every unit's type and parent, read once per check so that a batch's many places cost one query. */
type PlaceTree = Map<string, { type: string; parentId: string | null; childIds: string[] }>;

async function loadPlaceTree(services: Services): Promise<PlaceTree> {
  const units = await services.prisma.unit.findMany({ select: { id: true, type: true, parentId: true } });
  const tree: PlaceTree = new Map(
    units.map((unit) => [unit.id, { type: unit.type, parentId: unit.parentId, childIds: [] as string[] }]),
  );
  for (const unit of units) if (unit.parentId) tree.get(unit.parentId)?.childIds.push(unit.id);
  return tree;
}

/** The item's place first, then its kecamatan, which also counts its desa's items. */
function placeKeys(tree: PlaceTree, placeUnitId: string): PlaceKey[] {
  const place = tree.get(placeUnitId);
  if (!place) return [];
  const parent = place.parentId ? tree.get(place.parentId) : undefined;
  const kecamatan = place.type === "kecamatan" ? placeUnitId : parent?.type === "kecamatan" ? place.parentId : null;
  const keys: PlaceKey[] = placeUnitId === kecamatan ? [] : [{ placeId: placeUnitId, countedPlaceIds: [placeUnitId] }];
  if (kecamatan)
    keys.push({ placeId: kecamatan, countedPlaceIds: [kecamatan, ...(tree.get(kecamatan)?.childIds ?? [])] });
  return keys;
}

type Tally = { current: number; past: number; itemIds: string[] };

/** A moment as a parameter for a timestamp(3) column, which holds UTC (as Prisma writes it). */
const utc = (moment: Date) => moment.toISOString();

/** Items of the key in the window (with their ids) and in the baseline period before it, in one indexed scan. */
async function tally(
  sql: SqlTransaction,
  category: string,
  key: PlaceKey,
  windowStart: Date,
  now: Date,
  options: EarlyWarningOptions,
): Promise<Tally> {
  const baselineStart = new Date(windowStart.getTime() - options.baselineDays * 24 * 3600_000);
  // Spam and merged duplicates are not separate reports of the problem.
  const [row] = await sql.query<{ current: number; past: number; ids: string[] | null }>(
    `SELECT count(*) FILTER (WHERE "receivedAt" >= $1::timestamp(3))::int AS current,
           count(*) FILTER (WHERE "receivedAt" < $1::timestamp(3))::int AS past,
           array_agg("id"::text ORDER BY "receivedAt", "id") FILTER (WHERE "receivedAt" >= $1::timestamp(3)) AS ids
    FROM "InboxItem"
    WHERE "category" = $2 AND "placeUnitId" = ANY(ARRAY(SELECT jsonb_array_elements_text($3::jsonb)::uuid))
      AND "receivedAt" >= $4::timestamp(3) AND "receivedAt" <= $5::timestamp(3)
      AND "status" <> 'closed_spam' AND "mergedIntoId" IS NULL`,
    [utc(windowStart), category, JSON.stringify(key.countedPlaceIds), utc(baselineStart), utc(now)],
  );
  return { current: row?.current ?? 0, past: row?.past ?? 0, itemIds: row?.ids ?? [] };
}

// Advisory-lock namespace of early warnings, so their keys never collide with other advisory locks.
const LOCK_NAMESPACE = 72707380;

type Outcome = { warningId: string; change: "raised" | "updated" } | { warningId: string; change: "unchanged" } | null;

/**
 * Looks at one key under a transaction-scoped advisory lock, so that processes triaging items
 * of the same category and place at once take turns: a live warning is updated with the window's
 * items; otherwise a rising count raises a new one (audited, by the system).
 */
async function checkKey(
  services: Services,
  item: { category: string; unitId: string | null },
  key: PlaceKey,
  now: Date,
  options: EarlyWarningOptions,
): Promise<Outcome> {
  const { category } = item;
  // Plain SQL: a burst of arrivals checks many keys, and Prisma's planning of each query cost more than the queries.
  return services.db.transaction(async (sql) => {
    await sql.query(`SELECT 1 AS locked FROM pg_advisory_xact_lock($1::int, hashtext($2))`, [
      LOCK_NAMESPACE,
      `${category}:${key.placeId}`,
    ]);
    const windowStart = new Date(now.getTime() - options.windowMinutes * 60_000);
    const counts = await tally(sql, category, key, windowStart, now, options);
    const [live] = await sql.query<{ id: string; itemIds: string[] }>(
      `SELECT "id"::text AS id, coalesce("itemIds", '{}') AS "itemIds" FROM "EarlyWarning"
      WHERE "category" = $1 AND "placeUnitId" = $2::uuid AND "status" = ANY(ARRAY(SELECT jsonb_array_elements_text($3::jsonb))) AND "raisedAt" >= $4::timestamp(3)
      ORDER BY "raisedAt" DESC LIMIT 1`,
      [
        category,
        key.placeId,
        JSON.stringify(LIVE_WARNING_STATUSES),
        utc(new Date(now.getTime() - options.dedupeHours * 3600_000)),
      ],
    );
    if (live) {
      const itemIds = [...new Set([...live.itemIds, ...counts.itemIds])];
      if (itemIds.length === live.itemIds.length) return { warningId: live.id, change: "unchanged" };
      await sql.query(
        `UPDATE "EarlyWarning" SET "itemIds" = ARRAY(SELECT jsonb_array_elements_text($1::jsonb)), "count" = $2, "windowEnd" = $3::timestamp(3) WHERE "id" = $4::uuid`,
        [JSON.stringify(itemIds), itemIds.length, utc(now), live.id],
      );
      return { warningId: live.id, change: "updated" };
    }
    const baseline = baselinePerWindow(counts.past, options);
    if (!isRising({ count: counts.current, baseline }, options)) return null;
    const warningId = randomUUID();
    await sql.query(
      `INSERT INTO "EarlyWarning" ("id", "category", "placeUnitId", "unitId", "windowStart", "windowEnd", "count", "baseline", "itemIds", "raisedAt")
      VALUES ($1::uuid, $2, $3::uuid, $4::uuid, $5::timestamp(3), $6::timestamp(3), $7, $8, ARRAY(SELECT jsonb_array_elements_text($9::jsonb)), $6::timestamp(3))`,
      [
        warningId,
        category,
        key.placeId,
        item.unitId,
        utc(windowStart),
        utc(now),
        counts.current,
        baseline,
        JSON.stringify(counts.itemIds),
      ],
    );
    await recordAuditSql(
      sql,
      { actor: null, label: "system" },
      {
        action: "earlyWarning.raised",
        targetType: "EarlyWarning",
        targetId: warningId,
        unitId: item.unitId,
        changes: { category, placeUnitId: key.placeId, count: counts.current, baseline },
      },
    );
    return { warningId, change: "raised" };
  });
}

/**
 * Runs the rule for a triaged item: its place first, then its kecamatan. The narrowest place
 * that rises (or already has a live warning) takes the item, so five reports from one desa make
 * one warning, not a second one for its kecamatan; the kecamatan catches surges spread over its desa.
 */
export async function detectRisingTopic(
  services: Services,
  itemId: string,
  options: EarlyWarningOptions = EARLY_WARNING_DEFAULTS,
  now = new Date(),
): Promise<Outcome> {
  const [item] = await checkedItems(services, [itemId]);
  return item && isCheckable(item, options, now)
    ? checkItem(services, await loadPlaceTree(services), item, options, now)
    : null;
}

/**
 * Runs the rule once per category and place for a batch of changed items: the items of one
 * category and place share their counts, so the newest of them stands for all.
 */
export async function detectRisingTopics(
  services: Services,
  itemIds: string[],
  options: EarlyWarningOptions = EARLY_WARNING_DEFAULTS,
  now = new Date(),
): Promise<void> {
  const items = await checkedItems(services, itemIds);
  const newest = new Map<string, CheckableItem>();
  for (const item of items.filter((candidate) => isCheckable(candidate, options, now))) {
    const key = `${item.category}:${item.placeUnitId}`;
    const known = newest.get(key);
    if (!known || item.receivedAt > known.receivedAt) newest.set(key, item);
  }
  if (newest.size === 0) return;
  const tree = await loadPlaceTree(services);
  for (const item of newest.values()) await checkItem(services, tree, item, options, now);
}

type CheckedItem = {
  status: string;
  category: string | null;
  placeUnitId: string | null;
  unitId: string | null;
  mergedIntoId: string | null;
  receivedAt: Date;
};
type CheckableItem = CheckedItem & { category: string; placeUnitId: string };

/** What the rule needs of each changed item; a burst's thousands of ids are one JSON parameter. */
async function checkedItems(services: Services, itemIds: string[]): Promise<CheckedItem[]> {
  const rows = await services.db.transaction((sql) =>
    sql.query<Omit<CheckedItem, "receivedAt"> & { receivedAtMs: number }>(
      `SELECT "status"::text AS status, "category", "placeUnitId"::text AS "placeUnitId", "unitId"::text AS "unitId", "mergedIntoId"::text AS "mergedIntoId",
        (extract(epoch FROM "receivedAt") * 1000)::float8 AS "receivedAtMs"
      FROM "InboxItem" WHERE "id" = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)::uuid))`,
      [JSON.stringify(itemIds)],
    ),
  );
  return rows.map(({ receivedAtMs, ...item }) => ({ ...item, receivedAt: new Date(receivedAtMs) }));
}

/** Only a triaged item of the current window with a category and a place can make a topic rise. */
function isCheckable(item: CheckedItem, options: EarlyWarningOptions, now: Date): item is CheckableItem {
  if (!item.category || !item.placeUnitId || item.mergedIntoId || ["new", "closed_spam"].includes(item.status))
    return false;
  // Changes to older items (notes, replies) cannot make the current window rise.
  return item.receivedAt.getTime() >= now.getTime() - options.windowMinutes * 60_000;
}

async function checkItem(
  services: Services,
  tree: PlaceTree,
  item: CheckableItem,
  options: EarlyWarningOptions,
  now: Date,
): Promise<Outcome> {
  for (const key of placeKeys(tree, item.placeUnitId)) {
    const outcome = await checkKey(services, { category: item.category, unitId: item.unitId }, key, now, options);
    if (!outcome) continue;
    if (outcome.change !== "unchanged")
      services.events.emit("inbox.earlyWarning", { warningId: outcome.warningId, change: outcome.change });
    return outcome;
  }
  return null;
}

/**
 * During a burst, checks start at most this often: the items noted meanwhile are checked together,
 * so each category and place is counted a few times a second at most, not once per filed batch.
 * A lone report after a quiet spell is checked at once.
 */
const BURST_CHECK_INTERVAL_MS = 500;

/**
 * Checks changed items (arrivals, triage, corrections) for a rising topic. Items noted while a
 * check runs are gathered and checked together next, so a burst of arrivals costs one check per
 * category and place rather than one per item.
 */
export function risingTopicWatch(
  services: Services,
  options: EarlyWarningOptions = EARLY_WARNING_DEFAULTS,
): { note(itemId: string): void; stop(): Promise<void> } {
  const waiting = new Set<string>();
  let checking: Promise<void> | null = null;
  const checkWaiting = async () => {
    while (waiting.size > 0) {
      const started = Date.now();
      const itemIds = [...waiting];
      waiting.clear();
      await detectRisingTopics(services, itemIds, options).catch((error: unknown) =>
        services.logger.error({ err: error, items: itemIds.length }, "early warning check failed"),
      );
      const rest = started + BURST_CHECK_INTERVAL_MS - Date.now();
      if (waiting.size > 0 && rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
    checking = null;
  };
  return {
    note(itemId) {
      waiting.add(itemId);
      checking ??= checkWaiting();
    },
    // Stopping lets the running check finish, so the database is not closed under it.
    async stop() {
      waiting.clear();
      await checking;
    },
  };
}

type EarlyWarningRow = Prisma.EarlyWarningGetPayload<object>;
type Named = { id: string; name: string };
/**
 * A warning with the names staff read: its unit (with its path, for scoping), place and acknowledger,
 * and the unit path of each of its items (a surge in one place may hold items routed to several units).
 */
export type EarlyWarningView = EarlyWarningRow & {
  unit: (Named & { path: string }) | null;
  place: Named | null;
  acknowledgedBy: Named | null;
  items: { id: string; unitPath: string | null }[];
};

/** Loads warnings with the names of their units, places and acknowledgers and their items' units, in three queries whatever their number. */
export async function loadWarnings(
  prisma: PrismaClient,
  args: Prisma.EarlyWarningFindManyArgs,
): Promise<EarlyWarningView[]> {
  const warnings = await prisma.earlyWarning.findMany(args);
  const ids = (pick: (w: EarlyWarningRow) => string | null) => [
    ...new Set(warnings.map(pick).filter((id): id is string => !!id)),
  ];
  const [units, users, items] = await Promise.all([
    prisma.unit.findMany({
      where: { id: { in: [...ids((w) => w.unitId), ...ids((w) => w.placeUnitId)] } },
      select: { id: true, name: true, path: true },
    }),
    prisma.user.findMany({ where: { id: { in: ids((w) => w.acknowledgedById) } }, select: { id: true, name: true } }),
    prisma.inboxItem.findMany({
      where: { id: { in: [...new Set(warnings.flatMap((w) => w.itemIds))] } },
      select: { id: true, unit: { select: { path: true } } },
    }),
  ]);
  const itemUnitPath = new Map(items.map((item) => [item.id, item.unit?.path ?? null]));
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const userById = new Map(users.map((user) => [user.id, user]));
  const named = (unit: Named | undefined) => (unit ? { id: unit.id, name: unit.name } : null);
  return warnings.map((warning) => ({
    ...warning,
    unit: (warning.unitId && unitById.get(warning.unitId)) || null,
    place: named(warning.placeUnitId ? unitById.get(warning.placeUnitId) : undefined),
    acknowledgedBy: (warning.acknowledgedById && userById.get(warning.acknowledgedById)) || null,
    items: warning.itemIds.filter((id) => itemUnitPath.has(id)).map((id) => ({ id, unitPath: itemUnitPath.get(id)! })),
  }));
}

export async function loadWarning(prisma: PrismaClient, id: string): Promise<EarlyWarningView> {
  const [warning] = await loadWarnings(prisma, { where: { id } });
  if (!warning) throw new AppError("not_found");
  return warning;
}

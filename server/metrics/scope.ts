import { Prisma } from "@server/db/client.js";
import type { InboxSource } from "@server/db/generated/enums.js";
import { REPORTING_OFFSET_MINUTES } from "./definitions.js";

/** A period [from, to): the end is exclusive so that consecutive periods never share a moment. */
export type Period = { from: Date; to: Date };

/**
 * What every figure is filtered by, already resolved to unit ids: the caller has checked that
 * the actor may see these units (server/routes/api/dashboard).
 */
export type MetricsScope = {
  period: Period;
  /** Owning units the figures cover (a unit and its descendants); null: every unit, and unrouted items. */
  unitIds: string[] | null;
  /** The unit whose sub-units the league table and backlog rows are: the chosen unit, or the top. */
  anchor: { id: string; path: string };
  /** Places (an area and the units below it); null: anywhere, including items without a place. */
  placeUnitIds: string[] | null;
  /** The area chosen, whose subtree placeUnitIds is (for naming it in reports). */
  placeUnitId?: string;
  source?: InboxSource;
  channelId?: string;
  category?: string;
  /** The moment "now" for deadlines and ages; a parameter so figures are reproducible. */
  now: Date;
};

/** The period of equal length just before this one, for trends. */
export function previousPeriod({ from, to }: Period): Period {
  return { from: new Date(2 * from.getTime() - to.getTime()), to: from };
}

export function withPeriod(scope: MetricsScope, period: Period): MetricsScope {
  return { ...scope, period };
}

const DAY_MS = 24 * 60 * 60_000;
const REPORTING_OFFSET_MS = REPORTING_OFFSET_MINUTES * 60_000;

/** The reporting date (WIB) of an instant, as "YYYY-MM-DD": what the daily rollups' "day" holds. */
export const reportingDate = (t: Date) => new Date(t.getTime() + REPORTING_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The whole reporting days (WIB) inside a period, which the daily rollups answer, and the parts
 * of the period before and after them, which are read from the rows themselves.
 */
export function splitByWholeDays({ from, to }: Period): { days: Period | null; edges: Period[] } {
  const firstDay = Math.ceil((from.getTime() + REPORTING_OFFSET_MS) / DAY_MS) * DAY_MS - REPORTING_OFFSET_MS;
  const endDay = Math.floor((to.getTime() + REPORTING_OFFSET_MS) / DAY_MS) * DAY_MS - REPORTING_OFFSET_MS;
  if (firstDay >= endDay) return { days: null, edges: [{ from, to }] };
  const days = { from: new Date(firstDay), to: new Date(endDay) };
  return {
    days,
    edges: [
      { from, to: days.from },
      { from: days.to, to },
    ].filter((edge) => edge.from < edge.to),
  };
}

const uuidList = (ids: string[]) =>
  ids.length ? Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`)) : Prisma.sql`NULL`;

/** `column IN (ids)`, or true when ids is null (no restriction). */
export function inIds(column: Prisma.Sql, ids: string[] | null): Prisma.Sql {
  return ids === null ? Prisma.sql`TRUE` : Prisma.sql`${column} IN (${uuidList(ids)})`;
}

export function inPeriod(column: Prisma.Sql, { from, to }: Period): Prisma.Sql {
  return Prisma.sql`${column} >= ${from} AND ${column} < ${to}`;
}

/** The filters on InboxItem `i` besides the period (snapshots such as the backlog ignore the period). */
export function itemFilters(scope: MetricsScope): Prisma.Sql {
  const conditions = [
    inIds(Prisma.sql`i."unitId"`, scope.unitIds),
    inIds(Prisma.sql`i."placeUnitId"`, scope.placeUnitIds),
  ];
  if (scope.source) conditions.push(Prisma.sql`i."source" = ${scope.source}::"InboxSource"`);
  if (scope.channelId) conditions.push(Prisma.sql`i."channelId" = ${scope.channelId}::uuid`);
  if (scope.category) conditions.push(Prisma.sql`i."category" = ${scope.category}`);
  return Prisma.join(conditions, " AND ");
}

/** Items of InboxItem `i` received in the scope's period and matching its filters. */
export function receivedItems(scope: MetricsScope): Prisma.Sql {
  return Prisma.sql`${inPeriod(Prisma.sql`i."receivedAt"`, scope.period)} AND ${itemFilters(scope)}`;
}

/**
 * The id of the row a unit-owned item is counted under: the child of the anchor whose subtree
 * holds the item's unit, or the anchor itself for items it owns directly; NULL when unrouted.
 * Read from the materialised path ("/root/child/grandchild/"), so no join per level is needed.
 */
export function unitGroupKey(anchor: MetricsScope["anchor"], unitAlias = Prisma.sql`u`): Prisma.Sql {
  const childSegment = anchor.path.split("/").filter(Boolean).length + 2;
  return Prisma.sql`CASE WHEN ${unitAlias}."path" IS NULL THEN NULL
    ELSE COALESCE(NULLIF(split_part(${unitAlias}."path", '/', ${childSegment}::int), ''), ${anchor.id}) END`;
}

/** Numbers come back from raw SQL as bigint (counts) or Decimal (numeric): plain numbers for JSON. */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

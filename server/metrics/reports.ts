import type { PrismaClient } from "@server/db/client.js";
import type { CsvTable } from "@server/exports/csv.js";
import { fieldWord, type CodeFamily } from "@server/exports/words.js";
import { LOCALES, type Locale } from "@server/i18n/locale.js";
import { earlyWarningFigures, publishingFigures, type PublishingFigures } from "./activity.js";
import { AGE_BUCKETS, glossaryFor, VOLUME_BUCKETS, type VolumeBucket, type VolumeGroup } from "./definitions.js";
import {
  backlogCounts,
  emptyBuckets,
  overdueItems,
  placeCounts,
  responseFigures,
  volumeSeries,
  volumeTotals,
  type ResponseFigures,
} from "./inbox.js";
import type { ReportingCalendar } from "@server/reports/period.js";
import { previousPeriod, unitGroupKey, withPeriod, type MetricsScope, type Period } from "./scope.js";
import { laporFigures } from "./lapor.js";

// The dashboard's reports: each one the figures of definitions.ts for a scope, with the same
// figures for the previous period of equal length (the trend), plus a flat table for CSV (its
// codes marked, so that the labelled CSV puts them in words).

export type Row = Record<string, unknown>;
/** What the API answers (its type is what the web app reads) and the same figures as a CSV table. */
export type Report<Body extends Row = Row> = { body: Body; table: CsvTable };

/** Overdue items listed in the summary; the count covers them all. */
const OVERDUE_LISTED = 20;

// JSON has no Infinity: the open-ended last bucket ends at null.
const AGE_BUCKETS_JSON = AGE_BUCKETS.map(({ key, fromDays, toDays }) => ({
  key,
  fromDays,
  toDays: Number.isFinite(toDays) ? toDays : null,
}));
const iso = ({ from, to }: Period) => ({ from: from.toISOString(), to: to.toISOString() });
const previousOf = (scope: MetricsScope) => withPeriod(scope, previousPeriod(scope.period));
const periods = (scope: MetricsScope) => ({
  period: iso(scope.period),
  previousPeriod: iso(previousPeriod(scope.period)),
  /** The zone days, weeks and months are counted in, for labels ("WITA"). */
  timeZone: scope.calendar.timeZone,
  zoneAbbreviation: scope.calendar.abbreviation,
});

/** Current and previous period of the same figure. */
async function trend<T>(
  scope: MetricsScope,
  figure: (scope: MetricsScope) => Promise<T>,
): Promise<{ current: T; previous: T }> {
  const [current, previous] = await Promise.all([figure(scope), figure(previousOf(scope))]);
  return { current, previous };
}

/** Nested objects as dotted columns ("firstResponse.calendarMinutes.median"), for CSV. */
export function flatten(value: Row, prefix = ""): Row {
  const flat: Row = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== null && typeof inner === "object" && !(inner instanceof Date) && !Array.isArray(inner))
      Object.assign(flat, flatten(inner as Row, `${prefix}${key}.`));
    else flat[`${prefix}${key}`] = inner;
  }
  return flat;
}

async function unitsById(prisma: PrismaClient, ids: (string | null)[]) {
  const units = await prisma.unit.findMany({
    where: { id: { in: ids.filter((id): id is string => !!id) } },
    select: { id: true, name: true, type: true },
  });
  return new Map(units.map((unit) => [unit.id, unit]));
}

/**
 * Rows per sub-unit of the anchor (and the anchor for what it owns itself), including sub-units
 * in scope with nothing to show, so a quiet unit is visible rather than missing.
 */
async function unitRows<T>(prisma: PrismaClient, scope: MetricsScope, groups: Map<string | null, T>, empty: () => T) {
  const children = await prisma.unit.findMany({
    where: { parentId: scope.anchor.id, active: true },
    select: { id: true },
  });
  const ids = new Set<string | null>(groups.keys());
  for (const child of children) if (!scope.unitIds || scope.unitIds.includes(child.id)) ids.add(child.id);
  const units = await unitsById(prisma, [...ids]);
  return [...ids].map((id) => ({
    unitId: id,
    unitName: id ? (units.get(id)?.name ?? null) : null,
    unitType: id ? (units.get(id)?.type ?? null) : null,
    /** The anchor's own items, not those of its sub-units. */
    own: id === scope.anchor.id,
    figures: groups.get(id) ?? empty(),
  }));
}

const EMPTY_RESPONSE: ResponseFigures = {
  volume: 0,
  spam: 0,
  duplicates: 0,
  firstResponse: {
    count: 0,
    calendarMinutes: { median: null, p90: null },
    workingMinutes: { median: null, p90: null },
    estimated: false,
  },
  resolution: {
    count: 0,
    calendarMinutes: { median: null, p90: null },
    workingMinutes: { median: null, p90: null },
    estimated: false,
  },
  compliance: { firstResponse: { judged: 0, onTime: 0, rate: null }, resolution: { judged: 0, onTime: 0, rate: null } },
  reopen: { reopened: 0, resolved: 0, rate: null },
};
const EMPTY_PUBLISHING: PublishingFigures = {
  posts: 0,
  published: 0,
  judged: 0,
  onTime: 0,
  onTimeRate: null,
  failed: 0,
  engagement: { reactions: 0, comments: 0, shares: 0, views: null },
};
const emptyResponse = () => structuredClone(EMPTY_RESPONSE);
const emptyPublishing = () => structuredClone(EMPTY_PUBLISHING);

/** Every headline figure with its trend; backlog and overdue are snapshots of now, without one. */
export async function summaryReport(prisma: PrismaClient, scope: MetricsScope) {
  const [response, earlyWarnings, publishing, backlog, overdue, lapor] = await Promise.all([
    trend(scope, async (s) => (await responseFigures(prisma, s)).get(null) ?? emptyResponse()),
    trend(scope, (s) => earlyWarningFigures(prisma, s)),
    trend(scope, async (s) => (await publishingFigures(prisma, s)).get(null) ?? emptyPublishing()),
    backlogCounts(prisma, scope),
    overdueItems(prisma, scope, OVERDUE_LISTED),
    laporFigures(prisma, scope),
  ]);
  const responseTrends = Object.fromEntries(
    (Object.keys(response.current) as (keyof ResponseFigures)[]).map((key) => [
      key,
      { current: response.current[key], previous: response.previous[key] },
    ]),
  ) as { [K in keyof ResponseFigures]: { current: ResponseFigures[K]; previous: ResponseFigures[K] } };
  const figures = {
    ...responseTrends,
    earlyWarnings,
    publishing,
    backlog: { current: backlog.get(null) ?? { ...emptyBuckets(), total: 0 }, previous: null },
    overdue: { current: { count: overdue.count }, previous: null },
    /** SP4N-LAPOR! hand-offs: recorded in the period; open there and past LAPOR!'s deadline now. */
    lapor: { current: lapor, previous: null },
  };

  const current = flatten(Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, value.current])));
  const previous = flatten(
    Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, value.previous ?? {}])),
  );
  return {
    body: { ...periods(scope), asOf: scope.now.toISOString(), figures, overdueItems: overdue.items },
    table: {
      rows: Object.keys(current).map((figure) => ({
        figure,
        current: current[figure],
        previous: previous[figure] ?? null,
      })),
      values: { figure: "field" },
    } satisfies CsvTable,
  };
}

/** The league table: response figures per sub-unit, with the previous period's beside them. */
export async function unitsReport(prisma: PrismaClient, scope: MetricsScope) {
  const key = unitGroupKey(scope.anchor);
  const { current, previous } = await trend(scope, (s) => responseFigures(prisma, s, key));
  const rows = (await unitRows(prisma, scope, current, emptyResponse))
    .map(({ figures, ...unit }) => ({ ...unit, ...figures, previous: previous.get(unit.unitId) ?? emptyResponse() }))
    .sort((a, b) => b.volume - a.volume || (a.unitName ?? "").localeCompare(b.unitName ?? ""));
  return {
    body: { ...periods(scope), anchorUnitId: scope.anchor.id, data: rows },
    table: { rows: rows.map((row) => flatten(row)), values: { unitType: "unitType" } } satisfies CsvTable,
  };
}

/** Open items by age bucket, overall and per sub-unit, as of now. */
export async function backlogReport(prisma: PrismaClient, scope: MetricsScope) {
  const [total, byGroup] = await Promise.all([
    backlogCounts(prisma, scope),
    backlogCounts(prisma, scope, unitGroupKey(scope.anchor)),
  ]);
  const rows = (await unitRows(prisma, scope, byGroup, () => ({ ...emptyBuckets(), total: 0 })))
    .map(({ figures, ...unit }) => ({ ...unit, ...figures }))
    .sort((a, b) => b.total - a.total || (a.unitName ?? "").localeCompare(b.unitName ?? ""));
  return {
    body: {
      asOf: scope.now.toISOString(),
      buckets: AGE_BUCKETS_JSON,
      total: total.get(null) ?? { ...emptyBuckets(), total: 0 },
      byUnit: rows,
    },
    table: { rows, values: { unitType: "unitType" } } satisfies CsvTable,
  };
}

/** Volume per local day/week/month and group, with each group's total now and in the previous period. */
export async function volumeReport(
  prisma: PrismaClient,
  scope: MetricsScope,
  groupBy: VolumeGroup,
  bucket: VolumeBucket,
) {
  const [series, previous] = await Promise.all([
    volumeSeries(prisma, scope, groupBy, bucket),
    volumeTotals(prisma, previousOf(scope), groupBy),
  ]);
  // The period's totals are the series added up: one pass over the items fewer.
  const current = new Map<string | null, number>();
  for (const row of series) current.set(row.key, (current.get(row.key) ?? 0) + row.count);
  const totals = { current, previous };
  const keys = new Set([...totals.current.keys(), ...totals.previous.keys()]);
  const labels = groupBy === "channel" ? await channelNames(prisma, [...keys]) : new Map<string, string>();
  const label = (key: string | null) => (key ? (labels.get(key) ?? key) : null);
  const data = series.map((row) => ({ ...row, label: label(row.key) }));
  return {
    body: {
      ...periods(scope),
      groupBy,
      bucket,
      data,
      totals: [...keys]
        .map((key) => ({
          key,
          label: label(key),
          count: totals.current.get(key) ?? 0,
          previous: totals.previous.get(key) ?? 0,
        }))
        .sort((a, b) => b.count - a.count),
    },
    table: volumeTable(groupBy, data),
  };
}

/** Channels are named by their label; the other groups' keys are codes with words. */
function volumeTable(groupBy: VolumeGroup, rows: Row[]): CsvTable {
  const columns = ["bucket", "key", "count", "label"];
  if (groupBy === "channel") return { rows, columns, labelledColumns: () => ["bucket", "label", "count"] };
  return {
    rows,
    columns,
    labelledColumns: () => ["bucket", "key", "count"],
    values: { key: VOLUME_FAMILIES[groupBy] },
    headers: { key: (locale) => fieldWord(locale, groupBy === "kind" ? "itemKind" : groupBy) },
  };
}

/** The word families of the volume groups whose keys are codes. */
const VOLUME_FAMILIES = {
  source: "inboxSource",
  kind: "inboxKind",
  category: "inboxCategory",
  urgency: "urgency",
} as const satisfies Record<Exclude<VolumeGroup, "channel">, CodeFamily>;

async function channelNames(prisma: PrismaClient, ids: (string | null)[]) {
  const channels = await prisma.channel.findMany({
    where: { id: { in: ids.filter((id): id is string => !!id) } },
    select: { id: true, name: true },
  });
  return new Map(channels.map((channel) => [channel.id, channel.name]));
}

/** Items per kecamatan (its desa/kelurahan added up to it), most first, each with its desa ranked. */
export async function areasReport(prisma: PrismaClient, scope: MetricsScope) {
  const { current, previous } = await trend(scope, (s) => placeCounts(prisma, s));
  const previousByKecamatan = new Map<string | null, number>();
  for (const row of previous)
    previousByKecamatan.set(row.kecamatanId, (previousByKecamatan.get(row.kecamatanId) ?? 0) + row.count);
  const units = await unitsById(
    prisma,
    current.flatMap((row) => [row.kecamatanId, row.placeId]),
  );
  const kecamatan = new Map<
    string,
    {
      unitId: string;
      unitName: string | null;
      count: number;
      previous: number;
      places: { unitId: string; unitName: string | null; unitType: string | null; count: number }[];
    }
  >();
  let unplaced = 0;
  for (const row of current) {
    if (!row.kecamatanId) {
      unplaced += row.count;
      continue;
    }
    let area = kecamatan.get(row.kecamatanId);
    if (!area) {
      area = {
        unitId: row.kecamatanId,
        unitName: units.get(row.kecamatanId)?.name ?? null,
        count: 0,
        previous: previousByKecamatan.get(row.kecamatanId) ?? 0,
        places: [],
      };
      kecamatan.set(row.kecamatanId, area);
    }
    area.count += row.count;
    if (row.placeId && row.placeId !== row.kecamatanId)
      area.places.push({
        unitId: row.placeId,
        unitName: units.get(row.placeId)?.name ?? null,
        unitType: row.placeType,
        count: row.count,
      });
  }
  const byCount = <T extends { count: number; unitName: string | null }>(a: T, b: T) =>
    b.count - a.count || (a.unitName ?? "").localeCompare(b.unitName ?? "");
  const data = [...kecamatan.values()]
    .sort(byCount)
    .map((area, index) => ({ rank: index + 1, ...area, places: area.places.sort(byCount) }));
  return {
    body: { ...periods(scope), data, unplaced },
    table: {
      rows: data.flatMap((area) => [
        {
          rank: area.rank,
          kecamatanId: area.unitId,
          kecamatanName: area.unitName,
          placeId: null,
          placeName: null,
          count: area.count,
          previous: area.previous,
        },
        ...area.places.map((place) => ({
          rank: area.rank,
          kecamatanId: area.unitId,
          kecamatanName: area.unitName,
          placeId: place.unitId,
          placeName: place.unitName,
          count: place.count,
          previous: null,
        })),
      ]),
    } satisfies CsvTable,
  };
}

/** Publishing per channel and per sub-unit, with totals and their trend. */
export async function publishingReport(prisma: PrismaClient, scope: MetricsScope) {
  const [total, byChannel, byGroup] = await Promise.all([
    trend(scope, async (s) => (await publishingFigures(prisma, s)).get(null) ?? emptyPublishing()),
    trend(scope, (s) => publishingFigures(prisma, s, "channel")),
    publishingFigures(prisma, scope, "unit"),
  ]);
  const channels = await prisma.channel.findMany({
    where: {
      id: {
        in: [...new Set([...byChannel.current.keys(), ...byChannel.previous.keys()])].filter(
          (id): id is string => !!id,
        ),
      },
    },
    select: { id: true, name: true, kind: true },
  });
  const channelRows = channels
    .map((channel) => ({
      channelId: channel.id,
      channelName: channel.name,
      kind: channel.kind,
      ...(byChannel.current.get(channel.id) ?? emptyPublishing()),
      previous: byChannel.previous.get(channel.id) ?? emptyPublishing(),
    }))
    .sort((a, b) => b.published - a.published || a.channelName.localeCompare(b.channelName));
  const unitRowsOut = (await unitRows(prisma, scope, byGroup, emptyPublishing))
    .map(({ figures, ...unit }) => ({ ...unit, ...figures }))
    .sort((a, b) => b.posts - a.posts || (a.unitName ?? "").localeCompare(b.unitName ?? ""));
  return {
    body: {
      ...periods(scope),
      onTimeToleranceMinutes: scope.calendar.onTimeToleranceMinutes,
      total,
      byChannel: channelRows,
      byUnit: unitRowsOut,
    },
    table: {
      rows: [
        ...channelRows.map((row) => ({ table: "channel", ...flatten(row) })),
        ...unitRowsOut.map((row) => ({ table: "unit", ...flatten(row) })),
      ],
      values: { table: "field", kind: "channelKind", unitType: "unitType" },
    } satisfies CsvTable,
  };
}

/** The glossary and the constants behind it, for the UI and for exports. */
export function glossaryReport(calendar: ReportingCalendar) {
  const glossary = glossaryFor(calendar);
  return {
    body: {
      figures: glossary,
      percentileMethod: "nearest_rank",
      ageBuckets: AGE_BUCKETS_JSON,
      volumeBuckets: VOLUME_BUCKETS,
      onTimeToleranceMinutes: calendar.onTimeToleranceMinutes,
      timeZone: calendar.timeZone,
      zoneAbbreviation: calendar.abbreviation,
    },
    table: {
      rows: Object.entries(glossary).map(([figure, entry]) => ({
        figure,
        name_id: entry.id.name,
        definition_id: entry.id.definition,
        name_en: entry.en.name,
        definition_en: entry.en.definition,
      })),
      // A reader gets the name and definition in their own language.
      labelledColumns: (locale) => [`name_${locale}`, `definition_${locale}`],
      headers: Object.fromEntries(
        LOCALES.flatMap((locale) => [
          [`name_${locale}`, (reader: Locale) => fieldWord(reader, "name")],
          [`definition_${locale}`, (reader: Locale) => fieldWord(reader, "definition")],
        ]),
      ),
    } satisfies CsvTable,
  };
}

import type { PrismaClient } from "@server/db/client.js";
import type { PublishingFigures } from "@server/metrics/activity.js";
import { glossaryFor, type AgeBucket, type Figure } from "@server/metrics/definitions.js";
import type { ResponseFigures } from "@server/metrics/inbox.js";
import {
  areasReport,
  backlogReport,
  publishingReport,
  summaryReport,
  unitsReport,
  volumeReport,
} from "@server/metrics/reports.js";
import type { MetricsScope } from "@server/metrics/scope.js";
import { codeWord, type CodeFamily } from "@server/exports/words.js";
import { formatCount, formatMinutes, formatRate, formatReportedCount } from "./format.js";

// The dashboard's own reports (server/metrics) read into typed shapes for the PDF and e-mail:
// a report never computes a figure itself.

type Trend<T> = { current: T; previous: T };
export type UnitRow = ResponseFigures & { unitId: string | null; unitName: string | null; own: boolean };
export type AreaRow = { rank: number; unitName: string | null; count: number; previous: number };
export type ChannelRow = PublishingFigures & { channelName: string; kind: string };
type Backlog = Record<AgeBucket, number> & { total: number };
export type EarlyWarningFigures = {
  raised: number;
  acknowledged: number;
  minutesToAcknowledge: { median: number | null; p90: number | null };
};
export type VolumeTotal = { key: string | null; label: string | null; count: number; previous: number };
export type OverdueRow = {
  unitName: string | null;
  category: string | null;
  urgency: string | null;
  ageMinutes: number;
  missed: "firstResponse" | "resolution";
  overdueMinutes: number;
};
/** The volume breakdowns a report shows, in this order. */
export const REPORT_VOLUME_GROUPS = ["channel", "kind", "category", "urgency"] as const;
export type ReportVolumeGroup = (typeof REPORT_VOLUME_GROUPS)[number];

export type ReportFigures = {
  scope: MetricsScope;
  /** The unit the report is about: the chosen one, or the root of the tree. */
  officeName: string;
  response: Trend<ResponseFigures>;
  publishing: Trend<PublishingFigures>;
  backlog: Backlog;
  overdue: number;
  units: UnitRow[];
  areas: AreaRow[];
  unplaced: number;
  channels: ChannelRow[];
  earlyWarnings: Trend<EarlyWarningFigures>;
  volume: Record<ReportVolumeGroup, VolumeTotal[]>;
  /** The oldest overdue items (the count is `overdue`). */
  overdueItems: OverdueRow[];
  /** The filters besides unit and period, named as a reader knows them ("Kanal: Facebook"). */
  filters: string[];
};

export async function collectReportFigures(prisma: PrismaClient, scope: MetricsScope): Promise<ReportFigures> {
  const [summary, units, backlog, areas, publishing, anchor, filters, ...volumes] = await Promise.all([
    summaryReport(prisma, scope),
    unitsReport(prisma, scope),
    backlogReport(prisma, scope),
    areasReport(prisma, scope),
    publishingReport(prisma, scope),
    prisma.unit.findUniqueOrThrow({ where: { id: scope.anchor.id }, select: { name: true } }),
    filterLabels(prisma, scope),
    ...REPORT_VOLUME_GROUPS.map((group) => volumeReport(prisma, scope, group, "month")),
  ]);
  const figures = summary.body.figures as Record<
    keyof ResponseFigures | "publishing" | "overdue" | "earlyWarnings",
    Trend<unknown>
  >;
  const trendOf = <K extends keyof ResponseFigures>(key: K) => figures[key] as Trend<ResponseFigures[K]>;
  const response: Trend<ResponseFigures> = { current: {} as ResponseFigures, previous: {} as ResponseFigures };
  for (const key of ["volume", "spam", "duplicates", "firstResponse", "resolution", "compliance", "reopen"] as const) {
    (response.current as Record<string, unknown>)[key] = trendOf(key).current;
    (response.previous as Record<string, unknown>)[key] = trendOf(key).previous;
  }
  return {
    scope,
    officeName: anchor.name,
    response,
    publishing: figures.publishing as Trend<PublishingFigures>,
    backlog: backlog.body.total as Backlog,
    overdue: (figures.overdue.current as { count: number }).count,
    units: units.body.data as UnitRow[],
    areas: areas.body.data as AreaRow[],
    unplaced: areas.body.unplaced as number,
    channels: publishing.body.byChannel as ChannelRow[],
    earlyWarnings: figures.earlyWarnings as Trend<EarlyWarningFigures>,
    volume: Object.fromEntries(REPORT_VOLUME_GROUPS.map((group, i) => [group, volumes[i]!.body.totals])) as Record<
      ReportVolumeGroup,
      VolumeTotal[]
    >,
    overdueItems: summary.body.overdueItems as OverdueRow[],
    filters,
  };
}

/** The scope's channel, source, category and area as words, for the report's header. */
async function filterLabels(prisma: PrismaClient, scope: MetricsScope): Promise<string[]> {
  const [channel, area] = await Promise.all([
    scope.channelId ? prisma.channel.findUnique({ where: { id: scope.channelId }, select: { name: true } }) : null,
    scope.placeUnitId ? prisma.unit.findUnique({ where: { id: scope.placeUnitId }, select: { name: true } }) : null,
  ]);
  return [
    channel && `Kanal: ${channel.name}`,
    scope.source && `Sumber: ${codeWord("id", "inboxSource", scope.source)}`,
    scope.category && `Kategori: ${codeWord("id", "inboxCategory", scope.category)}`,
    area && `Wilayah: ${area.name}`,
  ].filter((label): label is string => !!label);
}

/** The word families of the breakdowns whose keys are codes (channels are named by their label). */
export const VOLUME_GROUP_FAMILIES = {
  kind: "inboxKind",
  category: "inboxCategory",
  urgency: "urgency",
} as const satisfies Record<Exclude<ReportVolumeGroup, "channel">, CodeFamily>;

export type HeadlineRow = { figure: Figure; label: string; current: string; previous: string };

/** The headline figures as they read in a report, each tied to its glossary entry. */
export function headlineRows({ response, publishing, earlyWarnings, backlog, overdue }: ReportFigures): HeadlineRow[] {
  type Side = { r: ResponseFigures; p: PublishingFigures; w: EarlyWarningFigures };
  const sides: Trend<Side> = {
    current: { r: response.current, p: publishing.current, w: earlyWarnings.current },
    previous: { r: response.previous, p: publishing.previous, w: earlyWarnings.previous },
  };
  const row = (figure: Figure, label: string, value: (side: Side) => string, snapshot = false): HeadlineRow => ({
    figure,
    label,
    current: value(sides.current),
    previous: snapshot ? "" : value(sides.previous),
  });
  return [
    row("volume", "Laporan diterima", ({ r }) => formatCount(r.volume)),
    row("firstResponse", "Ditanggapi", ({ r }) => formatCount(r.firstResponse.count)),
    row("resolution", "Diselesaikan", ({ r }) => formatCount(r.resolution.count)),
    row("firstResponse", "Median tanggapan pertama (jam kerja)", ({ r }) =>
      formatMinutes(r.firstResponse.workingMinutes.median, r.firstResponse.estimated),
    ),
    row("firstResponse", "Median tanggapan pertama (kalender)", ({ r }) =>
      formatMinutes(r.firstResponse.calendarMinutes.median, r.firstResponse.estimated),
    ),
    row("firstResponse", "Persentil ke-90 tanggapan pertama (jam kerja)", ({ r }) =>
      formatMinutes(r.firstResponse.workingMinutes.p90, r.firstResponse.estimated),
    ),
    row("resolution", "Median penyelesaian (jam kerja)", ({ r }) =>
      formatMinutes(r.resolution.workingMinutes.median, r.resolution.estimated),
    ),
    row("resolution", "Persentil ke-90 penyelesaian (jam kerja)", ({ r }) =>
      formatMinutes(r.resolution.workingMinutes.p90, r.resolution.estimated),
    ),
    row("compliance", "Kepatuhan tenggat tanggapan", ({ r }) => formatRate(r.compliance.firstResponse.rate)),
    row("compliance", "Kepatuhan tenggat penyelesaian", ({ r }) => formatRate(r.compliance.resolution.rate)),
    row("reopenRate", "Tingkat dibuka kembali", ({ r }) => formatRate(r.reopen.rate)),
    row("backlog", "Tunggakan saat ini", () => formatCount(backlog.total), true),
    row("overdue", "Lewat tenggat saat ini", () => formatCount(overdue), true),
    row("earlyWarnings", "Peringatan dini", ({ w }) => formatCount(w.raised)),
    row("earlyWarnings", "Median waktu sampai diakui", ({ w }) => formatMinutes(w.minutesToAcknowledge.median)),
    row("publishing", "Unggahan terbit (per kanal)", ({ p }) => formatCount(p.published)),
    row("publishing", "Publikasi tepat waktu", ({ p }) => formatRate(p.onTimeRate)),
    row("engagement", "Reaksi, komentar, bagikan", ({ p }) =>
      [p.engagement.reactions, p.engagement.comments, p.engagement.shares].map(formatCount).join(" · "),
    ),
    row("engagement", "Tayangan unggahan", ({ p }) => formatReportedCount(p.engagement.views)),
  ];
}

/** The glossary entries behind the given rows, each once, in Bahasa Indonesia. */
export function definitionsOf(figures: ReportFigures, rows: HeadlineRow[]): { name: string; definition: string }[] {
  const glossary = glossaryFor(figures.scope.calendar);
  return [...new Set(rows.map((row) => row.figure))].map((figure) => glossary[figure].id);
}

/** A unit row's name: unrouted items have no unit; the anchor's own items are marked as such. */
export function unitLabel(row: Pick<UnitRow, "unitName" | "own" | "unitId">): string {
  if (!row.unitId) return "Belum ditugaskan";
  return row.own ? `${row.unitName ?? "?"} (langsung)` : (row.unitName ?? "?");
}

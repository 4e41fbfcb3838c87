import type { PrismaClient } from "../db/client.js";
import type { PublishingFigures } from "../metrics/activity.js";
import { GLOSSARY, type AgeBucket, type Figure } from "../metrics/definitions.js";
import type { ResponseFigures } from "../metrics/inbox.js";
import { areasReport, backlogReport, publishingReport, summaryReport, unitsReport } from "../metrics/reports.js";
import type { MetricsScope } from "../metrics/scope.js";
import { formatCount, formatMinutes, formatRate } from "./format.js";

// The dashboard's own reports (server/metrics) read into typed shapes for the PDF and e-mail:
// a report never computes a figure itself.

type Trend<T> = { current: T; previous: T };
export type UnitRow = ResponseFigures & { unitId: string | null; unitName: string | null; own: boolean };
export type AreaRow = { rank: number; unitName: string | null; count: number; previous: number };
export type ChannelRow = PublishingFigures & { channelName: string; kind: string };
type Backlog = Record<AgeBucket, number> & { total: number };

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
};

export async function collectReportFigures(prisma: PrismaClient, scope: MetricsScope): Promise<ReportFigures> {
  const [summary, units, backlog, areas, publishing, anchor] = await Promise.all([
    summaryReport(prisma, scope),
    unitsReport(prisma, scope),
    backlogReport(prisma, scope),
    areasReport(prisma, scope),
    publishingReport(prisma, scope),
    prisma.unit.findUniqueOrThrow({ where: { id: scope.anchor.id }, select: { name: true } }),
  ]);
  const figures = summary.body.figures as Record<keyof ResponseFigures | "publishing" | "overdue", Trend<unknown>>;
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
  };
}

export type HeadlineRow = { figure: Figure; label: string; current: string; previous: string };

/** The headline figures as they read in a report, each tied to its glossary entry. */
export function headlineRows({ response, publishing, backlog, overdue }: ReportFigures): HeadlineRow[] {
  const row = (figure: Figure, label: string, value: (r: ResponseFigures, p: PublishingFigures) => string, snapshot = false): HeadlineRow => ({
    figure,
    label,
    current: value(response.current, publishing.current),
    previous: snapshot ? "" : value(response.previous, publishing.previous),
  });
  return [
    row("volume", "Laporan diterima", (r) => formatCount(r.volume)),
    row("firstResponse", "Ditanggapi", (r) => formatCount(r.firstResponse.count)),
    row("resolution", "Diselesaikan", (r) => formatCount(r.resolution.count)),
    row("firstResponse", "Median tanggapan pertama (jam kerja)", (r) => formatMinutes(r.firstResponse.workingMinutes.median)),
    row("firstResponse", "Median tanggapan pertama (kalender)", (r) => formatMinutes(r.firstResponse.calendarMinutes.median)),
    row("resolution", "Median penyelesaian (jam kerja)", (r) => formatMinutes(r.resolution.workingMinutes.median)),
    row("compliance", "Kepatuhan tenggat tanggapan", (r) => formatRate(r.compliance.firstResponse.rate)),
    row("compliance", "Kepatuhan tenggat penyelesaian", (r) => formatRate(r.compliance.resolution.rate)),
    row("reopenRate", "Tingkat dibuka kembali", (r) => formatRate(r.reopen.rate)),
    row("backlog", "Tunggakan saat ini", () => formatCount(backlog.total), true),
    row("overdue", "Lewat tenggat saat ini", () => formatCount(overdue), true),
    row("publishing", "Unggahan terbit (per kanal)", (_r, p) => formatCount(p.published)),
    row("publishing", "Publikasi tepat waktu", (_r, p) => formatRate(p.onTimeRate)),
  ];
}

/** The glossary entries behind the given rows, each once, in Bahasa Indonesia. */
export function definitionsOf(rows: HeadlineRow[]): { name: string; definition: string }[] {
  return [...new Set(rows.map((row) => row.figure))].map((figure) => GLOSSARY[figure].id);
}

/** A unit row's name: unrouted items have no unit; the anchor's own items are marked as such. */
export function unitLabel(row: Pick<UnitRow, "unitName" | "own" | "unitId">): string {
  if (!row.unitId) return "Belum ditugaskan";
  return row.own ? `${row.unitName ?? "?"} (langsung)` : (row.unitName ?? "?");
}

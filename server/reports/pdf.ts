import PDFDocument from "pdfkit";
import { glossaryFor } from "@server/metrics/definitions.js";
import { codeWord } from "@server/exports/words.js";
import type { Period } from "@server/metrics/scope.js";
import {
  REPORT_VOLUME_GROUPS,
  definitionsOf,
  headlineRows,
  unitLabel,
  VOLUME_GROUP_FAMILIES,
  type ReportFigures,
  type ReportVolumeGroup,
} from "./figures.js";
import { AGE_BUCKET_LABELS, formatCount, formatMinutes, formatRate, formatReportedCount } from "./format.js";
import { drawLetterhead, type OfficeLetterhead } from "./letterhead.js";
import type { DocumentKind } from "./period.js";
import { pdfText } from "./pdfText.js";

// The report as a PDF to attach to a letter: A4, pdfkit's built-in Helvetica (no font files to
// ship), charts drawn as vector shapes so no browser is needed on the server.

export const REPORT_TITLES: Record<DocumentKind, string> = {
  monthly: "Laporan Bulanan Layanan Pengaduan dan Informasi",
  weekly: "Laporan Mingguan Layanan Pengaduan dan Informasi",
  dashboard: "Laporan Layanan Pengaduan dan Informasi",
};

const MARGIN = 50;
const ROW_HEIGHT = 15;
const ACCENT = "#0b5cad";
const MUTED = "#57606a";
const LISTED_ROWS = 12;

type Doc = PDFKit.PDFDocument;
type Column = { header: string; width: number; align?: "left" | "right" };

export type ReportDocument = {
  kind: DocumentKind;
  period: Period;
  figures: ReportFigures;
  generatedAt: Date;
  /** The body's letterhead, on top of the first page. */
  head: OfficeLetterhead;
};

/** Renders the report; resolves with the whole file. */
export function renderReportPdf({ kind, period, figures, generatedAt, head }: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `${REPORT_TITLES[kind]} ${figures.scope.calendar.periodLabel(kind, period)}`,
      Author: pdfText(figures.officeName),
      Creator: "Siar",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  drawLetterhead(doc, head);
  header(doc, kind, period, figures, generatedAt);
  headlines(doc, figures);
  volumeBreakdowns(doc, figures);
  unitLeague(doc, figures);
  backlogByAge(doc, figures);
  overdueList(doc, figures);
  topAreas(doc, figures);
  publishingPerChannel(doc, figures);
  definitions(doc, figures);
  pageNumbers(doc, figures.officeName);
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function write(doc: Doc, text: string, options: { font?: string; size?: number; color?: string; gap?: number } = {}) {
  doc
    .font(options.font ?? "Helvetica")
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? "black");
  doc.text(pdfText(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  if (options.gap) doc.moveDown(options.gap);
}

function heading(doc: Doc, text: string, note?: string) {
  ensureSpace(doc, 80);
  doc.moveDown(1);
  write(doc, text, { font: "Helvetica-Bold", size: 13, color: ACCENT, gap: 0.2 });
  if (note) write(doc, note, { size: 8.5, color: MUTED, gap: 0.3 });
}

function table(doc: Doc, columns: Column[], rows: string[][]) {
  const left = doc.page.margins.left;
  // Every cell wraps onto more lines rather than being cut: a unit's full name is part of the record.
  const line = (cells: string[], font: string) => {
    doc.font(font).fontSize(9).fillColor("black");
    const texts = cells.map((cell) => pdfText(cell));
    const height = Math.max(
      ROW_HEIGHT,
      ...texts.map((text, i) => doc.heightOfString(text, { width: (columns[i]?.width ?? 0) - 6 }) + 6),
    );
    ensureSpace(doc, height);
    const y = doc.y;
    let x = left;
    columns.forEach((column, i) => {
      doc.text(texts[i] ?? "", x, y + 3, { width: column.width - 6, align: column.align ?? "left" });
      x += column.width;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(x, y + height)
      .lineWidth(0.5)
      .strokeColor("#d0d7de")
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };
  line(
    columns.map((column) => column.header),
    "Helvetica-Bold",
  );
  if (rows.length === 0) line(["Tidak ada data."], "Helvetica-Oblique");
  for (const row of rows) line(row, "Helvetica");
  doc.moveDown(0.5);
}

/** Horizontal bars, longest for the largest value, each labelled with its value. */
function barChart(doc: Doc, bars: { label: string; value: number }[]) {
  if (bars.length === 0) return;
  const left = doc.page.margins.left;
  const labelWidth = 150;
  const maxBar = contentWidth(doc) - labelWidth - 50;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  for (const bar of bars) {
    // A long name wraps beside its bar, which stays on the name's first line.
    doc.font("Helvetica").fontSize(8.5).fillColor("black");
    const label = pdfText(bar.label);
    const height = Math.max(ROW_HEIGHT, doc.heightOfString(label, { width: labelWidth - 8 }) + 5);
    ensureSpace(doc, height);
    const y = doc.y;
    doc.text(label, left, y + 3, { width: labelWidth - 8, align: "right" });
    const length = (bar.value / max) * maxBar;
    if (length > 0) doc.rect(left + labelWidth, y + 2, length, ROW_HEIGHT - 5).fill(ACCENT);
    doc.fillColor(MUTED).text(formatCount(bar.value), left + labelWidth + length + 4, y + 3, { lineBreak: false });
    doc.x = left;
    doc.y = y + height;
  }
  doc.moveDown(0.5);
}

function header(doc: Doc, kind: DocumentKind, period: Period, figures: ReportFigures, generatedAt: Date) {
  write(doc, figures.officeName, { font: "Helvetica-Bold", size: 16, gap: 0.2 });
  write(doc, REPORT_TITLES[kind], { font: "Helvetica-Bold", size: 12, color: ACCENT, gap: 0.4 });
  write(doc, `Periode: ${figures.scope.calendar.periodLabel(kind, period)}`, { size: 10 });
  if (figures.filters.length) write(doc, `Filter: ${figures.filters.join("; ")}`, { size: 10 });
  write(doc, `Dibuat: ${figures.scope.calendar.formatDateTime(generatedAt)}`, { size: 9, color: MUTED, gap: 0.3 });
  doc
    .moveTo(doc.page.margins.left, doc.y)
    .lineTo(doc.page.width - doc.page.margins.right, doc.y)
    .lineWidth(1.5)
    .strokeColor(ACCENT)
    .stroke();
}

function headlines(doc: Doc, figures: ReportFigures) {
  heading(
    doc,
    "Angka utama",
    "Tunggakan dan lewat tenggat adalah keadaan saat laporan dibuat; angka lain dihitung atas laporan yang diterima dalam periode. Definisi di bagian akhir.",
  );
  const width = contentWidth(doc);
  table(
    doc,
    [
      { header: "Angka", width: width * 0.5 },
      { header: "Periode ini", width: width * 0.25, align: "right" },
      { header: "Periode sebelumnya", width: width * 0.25, align: "right" },
    ],
    headlineRows(figures).map((row) => [row.label, row.current, row.previous]),
  );
  const { current } = figures.response;
  barChart(doc, [
    { label: "Diterima", value: current.volume },
    { label: "Ditanggapi", value: current.firstResponse.count },
    { label: "Diselesaikan", value: current.resolution.count },
  ]);
}

const VOLUME_TITLES: Record<ReportVolumeGroup, string> = {
  channel: "Kanal",
  kind: "Jenis",
  category: "Kategori",
  urgency: "Urgensi",
};

/** Items received by channel, kind, category and urgency, each with the previous period beside it. */
function volumeBreakdowns(doc: Doc, figures: ReportFigures) {
  heading(
    doc,
    "Jumlah laporan menurut kanal, jenis, kategori dan urgensi",
    glossaryFor(figures.scope.calendar).volume.id.definition,
  );
  const width = contentWidth(doc);
  for (const group of REPORT_VOLUME_GROUPS) {
    const totals = figures.volume[group].slice(0, LISTED_ROWS);
    // Channel keys are ids: their names are the labels; other keys are taxonomy codes, named as the app names them.
    const name = (total: (typeof totals)[number]) =>
      (group === "channel" ? total.label : total.key && codeWord("id", VOLUME_GROUP_FAMILIES[group], total.key)) ??
      "Tanpa keterangan";
    table(
      doc,
      [
        { header: VOLUME_TITLES[group], width: width * 0.5 },
        { header: "Periode ini", width: width * 0.25, align: "right" },
        { header: "Periode sebelumnya", width: width * 0.25, align: "right" },
      ],
      totals.map((total) => [name(total), formatCount(total.count), formatCount(total.previous)]),
    );
  }
}

function unitLeague(doc: Doc, figures: ReportFigures) {
  heading(doc, "Peringkat unit", glossaryFor(figures.scope.calendar).units.id.definition);
  const width = contentWidth(doc);
  const rows = figures.units.slice(0, LISTED_ROWS * 2);
  table(
    doc,
    [
      { header: "Unit", width: width * 0.36 },
      { header: "Laporan", width: width * 0.12, align: "right" },
      { header: "Median tanggapan (jam kerja)", width: width * 0.22, align: "right" },
      { header: "Kepatuhan tanggapan", width: width * 0.17, align: "right" },
      { header: "Dibuka kembali", width: width * 0.13, align: "right" },
    ],
    rows.map((row) => [
      unitLabel(row),
      formatCount(row.volume),
      formatMinutes(row.firstResponse.workingMinutes.median, row.firstResponse.estimated),
      formatRate(row.compliance.firstResponse.rate),
      formatRate(row.reopen.rate),
    ]),
  );
  barChart(
    doc,
    rows
      .filter((row) => row.volume > 0)
      .slice(0, LISTED_ROWS)
      .map((row) => ({ label: unitLabel(row), value: row.volume })),
  );
}

function backlogByAge(doc: Doc, figures: ReportFigures) {
  heading(
    doc,
    "Tunggakan menurut umur",
    `Laporan terbuka saat ini: ${formatCount(figures.backlog.total)}; lewat tenggat: ${formatCount(figures.overdue)}.`,
  );
  barChart(
    doc,
    AGE_BUCKET_LABELS.map(({ key, label }) => ({ label, value: figures.backlog[key] })),
  );
}

const MISSED_LABELS = { firstResponse: "tanggapan pertama", resolution: "penyelesaian" } as const;

function overdueList(doc: Doc, figures: ReportFigures) {
  heading(
    doc,
    "Lewat tenggat saat ini",
    `${glossaryFor(figures.scope.calendar).overdue.id.definition} Yang tertua ${formatCount(figures.overdueItems.length)} dari ${formatCount(figures.overdue)}.`,
  );
  const width = contentWidth(doc);
  table(
    doc,
    [
      { header: "Unit", width: width * 0.3 },
      { header: "Kategori", width: width * 0.2 },
      { header: "Tenggat terlewat", width: width * 0.2 },
      { header: "Umur", width: width * 0.15, align: "right" },
      { header: "Lewat", width: width * 0.15, align: "right" },
    ],
    figures.overdueItems.map((item) => [
      item.unitName ?? "Belum ditugaskan",
      item.category ? codeWord("id", "inboxCategory", item.category) : "–",
      MISSED_LABELS[item.missed],
      formatMinutes(item.ageMinutes),
      formatMinutes(item.overdueMinutes),
    ]),
  );
}

function topAreas(doc: Doc, figures: ReportFigures) {
  heading(
    doc,
    "Wilayah teratas",
    `Kecamatan dengan laporan terbanyak (desa/kelurahan dijumlahkan ke kecamatannya). Tanpa wilayah: ${formatCount(figures.unplaced)} laporan.`,
  );
  const width = contentWidth(doc);
  const areas = figures.areas.slice(0, LISTED_ROWS);
  table(
    doc,
    [
      { header: "#", width: width * 0.08, align: "right" },
      { header: "Kecamatan", width: width * 0.52 },
      { header: "Laporan", width: width * 0.2, align: "right" },
      { header: "Periode sebelumnya", width: width * 0.2, align: "right" },
    ],
    areas.map((area) => [String(area.rank), area.unitName ?? "?", formatCount(area.count), formatCount(area.previous)]),
  );
  barChart(
    doc,
    areas.map((area) => ({ label: area.unitName ?? "?", value: area.count })),
  );
}

function publishingPerChannel(doc: Doc, figures: ReportFigures) {
  heading(
    doc,
    "Publikasi per kanal",
    "Keterlibatan: reaksi, komentar, bagikan dan tayangan pada unggahan yang terbit dalam periode, menurut hitungan terakhir platform.",
  );
  const width = contentWidth(doc);
  // Each header on one line; the channel's name takes the rest.
  const count = (header: string, share: number) => ({ header, width: width * share, align: "right" as const });
  table(
    doc,
    [
      { header: "Kanal", width: width * 0.39 },
      count("Terbit", 0.065),
      count("Tepat waktu", 0.12),
      count("Gagal", 0.065),
      count("Reaksi", 0.075),
      count("Komentar", 0.1),
      count("Bagikan", 0.085),
      count("Tayangan", 0.1),
    ],
    figures.channels.map(({ channelName, kind, published, onTimeRate, failed, engagement }) => [
      `${channelName} (${codeWord("id", "channelKind", kind)})`,
      formatCount(published),
      formatRate(onTimeRate),
      formatCount(failed),
      formatCount(engagement.reactions),
      formatCount(engagement.comments),
      formatCount(engagement.shares),
      formatReportedCount(engagement.views),
    ]),
  );
  barChart(
    doc,
    figures.channels.map((channel) => ({ label: channel.channelName, value: channel.published })),
  );
}

function definitions(doc: Doc, figures: ReportFigures) {
  heading(doc, "Definisi");
  const glossary = glossaryFor(figures.scope.calendar);
  const entries = [
    ...definitionsOf(figures, headlineRows(figures)),
    glossary.units.id,
    glossary.areas.id,
    glossary.trend.id,
  ];
  for (const entry of new Set(entries)) {
    ensureSpace(doc, 40);
    doc
      .font("Helvetica-Bold")
      .fontSize(8.5)
      .fillColor("black")
      .text(pdfText(`${entry.name}. `), doc.page.margins.left, doc.y, { continued: true, width: contentWidth(doc) });
    doc.font("Helvetica").text(pdfText(entry.definition));
    doc.moveDown(0.4);
  }
}

/** "Halaman 2 dari 3" on every page, written once the page count is known. */
function pageNumbers(doc: Doc, officeName: string) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8).fillColor(MUTED);
    doc.text(pdfText(`${officeName} · Siar`), MARGIN, doc.page.height - 40, {
      width: contentWidth(doc) / 2,
      lineBreak: false,
    });
    doc.text(`Halaman ${i + 1} dari ${count}`, doc.page.width / 2, doc.page.height - 40, {
      width: contentWidth(doc) / 2,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

import { Router } from "express";
import { z } from "zod";
import { Prisma } from "@server/db/client.js";
import { glossaryFor } from "@server/metrics/definitions.js";
import { codeWord } from "@server/exports/words.js";
import { responseFigures, type ResponseFigures } from "@server/metrics/inbox.js";
import { areasReport } from "@server/metrics/reports.js";
import { formatCount, formatMinutes, formatRate } from "@server/reports/format.js";
import { reportingCalendar } from "@server/reporting/settings.js";
import type { ReportingCalendar } from "@server/reports/period.js";
import { organisationScope } from "@server/reports/scope.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { type PpidFigures, ppidFigures } from "@server/ppid/figures.js";
import type { Services } from "@server/services.js";
import { calendarMonth } from "@server/text/fields.js";
import { layout } from "./layout.js";
import { openDataLinks } from "./openData.js";
import { html, trusted } from "@server/text/markup.js";
import { sendShareable } from "./pageCache.js";
import { findSite, type Site } from "./publicPosts.js";

// The public transparency page (UU 14/2008): how the office answered citizens in a month, as
// aggregates only. Nothing personal leaves here: no names, texts, contacts, tracking numbers or
// staff; a kecamatan with few items is left out so that its residents cannot be singled out.

/** Fewest items a kecamatan needs to be listed (k-anonymity). */
export const MIN_ITEMS_PER_AREA = 5;

const transparencyQuery = z.object({ bulan: calendarMonth.optional() }).strict();

const TABLE_STYLE = trusted(`<style>
table{border-collapse:collapse;width:100%;background:#fff;margin:0 0 1rem;font-size:.95rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid #d0d7de;text-align:left}
td.n,th.n{text-align:right}
th,td{overflow-wrap:anywhere}
@media (max-width:36rem){
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.stack tr{display:block;border-bottom:1px solid #d0d7de;padding:.35rem 0}
table.stack td{display:flex;justify-content:space-between;gap:1rem;border:0;padding:.15rem .5rem;text-align:right}
table.stack td::before{content:attr(data-label);text-align:left;font-weight:600}
}
</style>`);

type Figures = {
  overall: ResponseFigures | undefined;
  byCategory: Map<string | null, ResponseFigures>;
  areas: { unitName: string | null; count: number }[];
  /** The year's information requests (UU 14/2008), for the whole body. */
  ppid?: { year: number; figures: PpidFigures };
};

export function transparencyRoutes(services: Services): Router {
  const router = Router();

  router.get("/transparansi", async (req, res) => {
    const query = transparencyQuery.safeParse(req.query);
    const site = await findSite(services);
    if (!query.success) return sendShareable(res, badMonthPage(site), { status: 400 });
    const reporting = await reportingCalendar(services.prisma);
    const month = query.data.bulan ?? reporting.monthOf(new Date());
    const period = reporting.monthPeriod(month);
    const scope = await organisationScope(services.prisma, period);
    const calendar = await officeCalendar(services.prisma);
    const year = Number(month.slice(0, 4));
    const [overall, byCategory, areas, ppid] = await Promise.all([
      responseFigures(services.prisma, scope),
      responseFigures(services.prisma, scope, Prisma.sql`i."category"`),
      areasReport(services.prisma, scope),
      ppidFigures(services.prisma, { receivedAt: calendar.yearRange(year) }, calendar, new Date()),
    ]);
    const areaRows = (areas.body.data as { unitName: string | null; count: number }[]).map(({ unitName, count }) => ({
      unitName,
      count,
    }));
    // Aggregates only, the same for everyone: a crowd costs one query set per cache lifetime.
    sendShareable(
      res,
      transparencyPage(site, reporting, month, {
        overall: overall.get(null),
        byCategory,
        areas: areaRows,
        ppid: { year, figures: ppid },
      }),
    );
  });

  return router;
}

/** A category as the app names it: "pelayanan_publik" → "Pelayanan publik". */
const categoryLabel = (code: string | null) => (code ? codeWord("id", "inboxCategory", code) : "Belum dikategorikan");

// On a phone the six-column table becomes one block per category, each figure labelled (no sideways scrolling).
const CATEGORY_COLUMNS = [
  "Diterima",
  "Ditanggapi",
  "Diselesaikan",
  "Median tanggapan (jam kerja)",
  "Kepatuhan tanggapan",
] as const;

/** The neighbouring month, "2026-10" for "2026-11" and -1. */
const shiftMonth = (month: string, by: -1 | 1) => {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const shifted = new Date(Date.UTC(year, monthNumber - 1 + by, 1));
  return shifted.toISOString().slice(0, 7);
};

export function transparencyPage(
  site: Site,
  calendar: ReportingCalendar,
  month: string,
  { overall, byCategory, areas, ppid }: Figures,
): string {
  const label = calendar.periodLabel("monthly", calendar.monthPeriod(month));
  const glossary = glossaryFor(calendar);
  const shown = areas.filter((area) => area.count >= MIN_ITEMS_PER_AREA);
  const categories = [...byCategory.entries()]
    .filter(([, figures]) => figures.volume > 0)
    .sort(([, a], [, b]) => b.volume - a.volume);
  const headline: [string, string][] = overall
    ? [
        ["Laporan diterima", formatCount(overall.volume)],
        ["Ditanggapi", formatCount(overall.firstResponse.count)],
        ["Diselesaikan", formatCount(overall.resolution.count)],
        ["Median waktu tanggapan pertama (jam kerja)", formatMinutes(overall.firstResponse.workingMinutes.median)],
        ["Median waktu tanggapan pertama (kalender)", formatMinutes(overall.firstResponse.calendarMinutes.median)],
        ["Kepatuhan tenggat tanggapan pertama", formatRate(overall.compliance.firstResponse.rate)],
        ["Kepatuhan tenggat penyelesaian", formatRate(overall.compliance.resolution.rate)],
      ]
    : [];
  const main = html`<h1>Transparansi layanan pengaduan dan informasi</h1>
<p class="meta">Periode: ${label} · <a href="/transparansi?bulan=${shiftMonth(month, -1)}">← Bulan sebelumnya</a> · <a href="/transparansi?bulan=${shiftMonth(month, 1)}">Bulan berikutnya →</a></p>
<p>Ringkasan bagaimana ${site.name} menanggapi aspirasi, pengaduan dan permohonan informasi warga dari semua kanal. Halaman ini hanya memuat angka gabungan, tanpa data pribadi: tanpa nama, isi laporan, kontak, nomor pelacakan maupun nama petugas.</p>
${openDataLinks("transparansi")}
${headline.length === 0 && html`<p>Belum ada laporan yang diterima pada periode ini.</p>`}
${headline.length > 0 && html`<table><tbody>${headline.map(([name, value]) => html`<tr><th scope="row">${name}</th><td class="n">${value}</td></tr>`)}</tbody></table>`}
<h2>Menurut kategori</h2>
${
  categories.length === 0
    ? html`<p>Tidak ada data.</p>`
    : html`<table class="stack">
<thead><tr><th>Kategori</th>${CATEGORY_COLUMNS.map((column) => html`<th class="n">${column}</th>`)}</tr></thead>
<tbody>${categories.map(([code, figures]) => {
        const values = [
          formatCount(figures.volume),
          formatCount(figures.firstResponse.count),
          formatCount(figures.resolution.count),
          formatMinutes(figures.firstResponse.workingMinutes.median),
          formatRate(figures.compliance.firstResponse.rate),
        ];
        return html`<tr><td data-label="Kategori">${categoryLabel(code)}</td>${values.map((value, i) => html`<td class="n" data-label="${CATEGORY_COLUMNS[i]}">${value}</td>`)}</tr>`;
      })}</tbody>
</table>`
}
<h2>Menurut kecamatan</h2>
<p>Hanya kecamatan dengan sedikitnya ${MIN_ITEMS_PER_AREA} laporan yang ditampilkan, agar warga yang melapor tidak dapat dikenali.</p>
${
  shown.length === 0
    ? html`<p>Tidak ada kecamatan yang memenuhi batas tersebut.</p>`
    : html`<table>
<thead><tr><th>Kecamatan</th><th class="n">Laporan</th></tr></thead>
<tbody>${shown.map((area) => html`<tr><td>${area.unitName}</td><td class="n">${formatCount(area.count)}</td></tr>`)}</tbody>
</table>`
}
${ppid && ppidSection(ppid.year, ppid.figures)}
<h2>Tentang angka ini</h2>
${[glossary.volume, glossary.firstResponse, glossary.resolution, glossary.compliance].map((entry) => html`<p><strong>${entry.id.name}.</strong> ${entry.id.definition}</p>`)}`;
  return layout(site, {
    title: `Transparansi ${label}`,
    description: `Angka layanan pengaduan dan informasi ${site.name}, ${label}.`,
    canonicalUrl: `${site.baseUrl}/transparansi?bulan=${month}`,
    head: TABLE_STYLE,
    main,
  });
}

/** The year's information requests, as the annual report counts them: aggregates only. */
function ppidSection(year: number, f: PpidFigures) {
  const days = (value: number | null) =>
    value === null ? "–" : `${value.toLocaleString("id-ID", { maximumFractionDigits: 1 })} hari kerja`;
  const rows: [string, string][] = [
    ["Permohonan informasi diterima", formatCount(f.requests.received)],
    [
      "Dikabulkan seluruhnya / sebagian",
      `${formatCount(f.requests.byDecision.granted)} / ${formatCount(f.requests.byDecision.granted_in_part)}`,
    ],
    ["Ditolak (informasi dikecualikan)", formatCount(f.requests.byDecision.refused)],
    ["Pemberitahuan tertulis tepat waktu", formatRate(f.notice.onTimeRate)],
    ["Rata-rata waktu sampai pemberitahuan", days(f.notice.averageWorkingDays)],
    ["Keberatan diajukan / ditanggapi", `${formatCount(f.objections.filed)} / ${formatCount(f.objections.answered)}`],
    ["Sengketa di Komisi Informasi", formatCount(f.disputes.filed)],
  ];
  return html`<h2>Layanan informasi publik tahun ${year}</h2>
<p>Permohonan informasi publik menurut UU 14/2008. Rinciannya ada di <a href="/ppid/register?tahun=${year}">register permohonan</a>.</p>
<table><tbody>${rows.map(([name, value]) => html`<tr><th scope="row">${name}</th><td class="n">${value}</td></tr>`)}</tbody></table>`;
}

function badMonthPage(site: Site): string {
  return layout(site, {
    title: "Bulan tidak valid",
    description: "Bulan harus ditulis seperti 2026-11.",
    main: html`<h1>Bulan tidak valid</h1><p>Tulis bulan seperti <code>?bulan=2026-11</code>.</p><p><a href="/transparansi">Lihat bulan ini</a></p>`,
  });
}

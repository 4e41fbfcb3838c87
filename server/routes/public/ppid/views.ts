import type { DipClass } from "@server/db/generated/enums.js";
import type { Locale } from "@server/i18n/locale.js";
import { DIP_BODY_LABELS, DIP_CLASS_LABELS, DIP_FORMAT_LABELS } from "@server/ppid/dip/codes.js";
import { dateColumnDay, dayIn } from "@server/ppid/dip/dates.js";
import type { DipItemWithRelations } from "@server/ppid/dip/listing.js";
import { dipFileVersionPath, dipItemPath } from "@server/ppid/dip/paths.js";
import { effectiveClass, isExceptedNow } from "@server/ppid/dip/visibility.js";
import { layout } from "@server/routes/public/layout.js";
import { html, trusted, type SafeMarkup } from "@server/text/markup.js";
import type { Site } from "@server/routes/public/publicPosts.js";
import { excerpt } from "@server/routes/public/text.js";
import { localized, WORDS } from "./text.js";

// The pieces the public PPID pages share: their styles, an entry on a list, its documents, and
// the page frame with the language switch. Every value from staff is escaped by `html`.

const STYLES = trusted(`<style>
.dip{background:#fff;border-radius:.5rem;padding:.75rem;margin:0 0 .75rem}
.dip h2{margin:0 0 .25rem}
.dip p{margin:.25rem 0}
.badge{display:inline-block;font-size:.8rem;font-weight:600;border-radius:1rem;padding:0 .5rem;background:#e7f0fa;color:#0b5cad;margin-right:.25rem}
.badge.dikecualikan{background:#fbeaea;color:#8a1c1c}
form.saring{display:grid;gap:.5rem;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));background:#fff;border-radius:.5rem;padding:.75rem;margin:0 0 1rem}
form.saring label{display:block;font-weight:600;font-size:.9rem}
form.saring input,form.saring select{width:100%;font:inherit;padding:.4rem;border:1px solid #57606a;border-radius:.25rem}
form.saring button{font:inherit;font-weight:700;padding:.45rem 1rem;background:#0b5cad;color:#fff;border:0;border-radius:.25rem}
dl.kolom{background:#fff;border-radius:.5rem;padding:.75rem 1rem;display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.35rem 1rem}
dl.kolom dt{font-weight:600}
dl.kolom dd{margin:0}
section.blok{background:#fff;border-radius:.5rem;padding:.5rem 1rem;margin:0 0 1rem}
.tombol{display:inline-block;font-weight:700;padding:.5rem 1rem;background:#0b5cad;color:#fff;border-radius:.25rem;text-decoration:none}
.bahasa{float:right;font-size:.9rem}
:focus-visible{outline:3px solid #f4b400;outline-offset:2px}
</style>`);

/** A PPID page in the site's layout, in its language, with a link to the same page in the other one. */
export function ppidPage(
  site: Site,
  lang: Locale,
  page: {
    title: string;
    description: string;
    path: string;
    query?: Record<string, string | number | undefined>;
    main: SafeMarkup;
  },
): string {
  const other: Locale = lang === "id" ? "en" : "id";
  const switchTo = localized(page.path, other, page.query);
  return layout(site, {
    title: page.title,
    description: page.description,
    canonicalUrl: site.baseUrl + localized(page.path, lang, page.query),
    head: STYLES,
    lang,
    main: html`<p class="bahasa"><a href="${switchTo}" hreflang="${other}" lang="${other}">${WORDS[lang].language}</a></p>
${page.main}`,
  });
}

/** "31 Maret 2026" / "31 March 2026" for a calendar day. */
export function formatDay(day: string, lang: Locale): string {
  return new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

export function formatBytes(bytes: number, lang: Locale): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

export function classBadge(dipClass: DipClass, lang: Locale): SafeMarkup {
  const label = DIP_CLASS_LABELS[dipClass];
  return html`<span class="badge ${dipClass}">${label[lang]} (${label.article})</span>`;
}

/** Who keeps the entry: the unit, and the desa body when it is one. */
export function keeperOf(item: DipItemWithRelations, lang: Locale): string {
  return item.body ? `${DIP_BODY_LABELS[item.body][lang]} · ${item.unit.name}` : item.unit.name;
}

/** The documents a visitor may download: every one of a public entry, only consequence tests of an excepted one. */
export function publicFiles(item: DipItemWithRelations, now = new Date()) {
  const excepted = isExceptedNow(item, now);
  return item.files.filter(
    (file) => !file.removedAt && file.versions.length > 0 && (!excepted || file.purpose === "consequence_test"),
  );
}

/** One entry on a list: its title linking to its page, class, keeper, year, summary and documents. */
export function entryCard(item: DipItemWithRelations, lang: Locale): SafeMarkup {
  const t = WORDS[lang];
  const files = publicFiles(item);
  return html`<article class="dip">
<h2><a href="${localized(dipItemPath(item.id), lang)}">${item.title}</a></h2>
<p>${classBadge(effectiveClass(item), lang)} ${keeperOf(item, lang)} · ${item.period ?? `${t.year} ${item.year}`}</p>
<p>${excerpt(item.summary, 240)}</p>
${files.length > 0 && html`<p>${t.files}: ${files.map((file, i) => html`${i > 0 && " · "}<a href="${dipFileVersionPath(item.id, file.versions[0]!.id)}" download>${file.name}</a> (${fileType(file.versions[0]!.mimeType)})`)}</p>`}
</article>`;
}

const TYPE_NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.ms-excel": "XLS",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
  "text/csv": "CSV",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/webp": "WebP",
};
export const fileType = (mimeType: string) => TYPE_NAMES[mimeType] ?? mimeType;

/** Every column of an entry, as the DIP's table has them. */
export function entryColumns(item: DipItemWithRelations, lang: Locale): SafeMarkup {
  const t = WORDS[lang];
  const madeOn = dateColumnDay(item.madeOn);
  const rows: [string, SafeMarkup | string][] = [
    [t.dipClass, classBadge(effectiveClass(item), lang)],
    [t.unit, keeperOf(item, lang)],
    [t.responsible, item.responsibleOfficial],
    [t.madeOn, madeOn ? formatDay(madeOn, lang) : "—"],
    [t.year, String(item.year)],
    [t.period, item.period ?? "—"],
    [t.formats, item.formats.map((format) => DIP_FORMAT_LABELS[format][lang]).join(", ")],
    [t.retention, item.retention],
  ];
  return html`<dl class="kolom">${rows.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>`;
}

/** The day an exception ends, in the entry's unit's zone. */
export function exemptionEndDay(item: DipItemWithRelations): string | null {
  return item.exemptionEndsAt ? dayIn(item.exemptionEndsAt, item.unit.timezone) : null;
}

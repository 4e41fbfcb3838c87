import type { Attachments } from "@server/presenters/siteEntry.js";
import { sitePath } from "@server/sites/slugs.js";
import { columnImage } from "@server/routes/public/images.js";
import { layout } from "@server/routes/public/layout.js";
import { html, type SafeMarkup, trusted } from "@server/text/markup.js";
import type { PublicEntry, PublicUnit } from "./data.js";
import { formatDay, SITE_TEXT, type SiteLocale } from "./text.js";

// How a unit site page is framed: its own header and sections, links that work on the main
// address and on a mapped host name alike, photos, the verified mark, the map link.

export const SECTIONS = ["profil", "berita", "potensi", "pembangunan", "apbdes", "unduhan", "agenda"] as const;
export type Section = (typeof SECTIONS)[number];

export type SiteView = {
  unit: PublicUnit;
  locale: SiteLocale;
  /** The unit's address on the main site ("/kecamatan/kapuas"). */
  path: string;
  /** Where the request came in: a mapped host serves `hostPath` at its root. */
  origin: string;
  hostPath: string | null;
  lastUpdatedAt: Date | null;
  /** The unit's PPID profile or its part of the DIP, on the main site's paths; null when it has none. */
  ppidPath: string | null;
};

/** A link inside the site as the reader reaches it: relative on a mapped host, else the main path. */
export function href(view: SiteView, path: string, keepLanguage = true): string {
  const local =
    view.hostPath && (path === view.hostPath || path.startsWith(`${view.hostPath}/`))
      ? path.slice(view.hostPath.length) || "/"
      : path;
  return keepLanguage && view.locale === "en" ? `${local}${local.includes("?") ? "&" : "?"}lang=en` : local;
}

/** The absolute address of a site page, for canonical links, feeds and link previews. */
export function absolute(view: SiteView, path: string): string {
  return view.origin + href(view, path, false).replace(/\/$/, "") || view.origin;
}

export function sectionPath(view: SiteView, section: Section | null, id?: string): string {
  return [view.path, section, id].filter(Boolean).join("/");
}

const SITE_STYLES = trusted(`<style>
header nav a{margin-right:.75rem;font-weight:400;font-size:1rem}
.verified{display:inline-block;background:#e6f4ea;color:#1e4620;border-radius:1rem;padding:0 .6rem;font-size:.85rem}
.updated{color:#57606a;font-size:.9rem}
.photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem;margin:.5rem 0}
.photos img{width:100%;height:7rem;object-fit:cover;border-radius:.25rem}
table{border-collapse:collapse;width:100%;background:#fff;margin:0 0 1rem;font-size:.95rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;background:#fff;border-radius:.5rem;padding:.75rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.bar{background:#d0d7de;border-radius:.25rem;height:.6rem;min-width:5rem}
.bar span{display:block;background:#0b5cad;height:100%;border-radius:.25rem}
</style>`);

/** The whole page around a unit site section. */
export function sitePage(
  view: SiteView,
  page: {
    title?: string;
    description?: string;
    section: Section | null;
    main: SafeMarkup;
    head?: SafeMarkup;
    canonicalPath?: string;
  },
): string {
  const text = SITE_TEXT[view.locale];
  const canonicalPath = page.canonicalPath ?? sectionPath(view, page.section);
  const languageLink =
    view.locale === "en" ? href(view, canonicalPath, false) : `${href(view, canonicalPath, false)}?lang=en`;
  const parent = view.unit.parent?.type === "kecamatan" ? view.unit.parent : null;
  const header = html`<header>
<a href="${href(view, view.path)}">${view.unit.name}</a>
${parent && html`<p><a href="${href(view, sitePath({ type: "kecamatan", slug: parent.slug, siteEnabled: false }) ?? "/")}">${parent.name}</a></p>`}
<nav aria-label="${view.unit.name}">${SECTIONS.map((section) => html`<a href="${href(view, sectionPath(view, section))}"${section === page.section && html` aria-current="page"`}>${text.sections[section]}</a>`)}${view.ppidPath && html`<a href="${view.ppidPath}">${text.sections.ppid}</a>`}<a href="${languageLink}" lang="${view.locale === "id" ? "en" : "id"}">${text.otherLanguage}</a></nav>
</header>`;
  return layout(
    { name: view.unit.name, baseUrl: absolute(view, view.path) },
    {
      title: page.title,
      description: page.description ?? text.description(view.unit.name),
      canonicalUrl: absolute(view, canonicalPath),
      head: html`${SITE_STYLES}${page.head}`,
      header,
      lang: view.locale,
      main: html`${page.main}
<p class="updated">${text.lastUpdated}: ${view.lastUpdatedAt ? html`<time datetime="${view.lastUpdatedAt.toISOString()}">${formatDay(view.lastUpdatedAt, view.locale, view.unit.timezone)}</time>` : text.neverUpdated}</p>`,
    },
  );
}

export function verifiedMark(view: SiteView, entry: Pick<PublicEntry, "verifiedBy" | "verifiedAt">): SafeMarkup {
  if (!entry.verifiedBy || !entry.verifiedAt) return html``;
  return html`<p><span class="verified">✓ ${SITE_TEXT[view.locale].verified(entry.verifiedBy, formatDay(entry.verifiedAt, view.locale, view.unit.timezone))}</span></p>`;
}

/** How wide a cell of `.photos` is drawn: about a quarter of the 44rem column, half a phone's screen. */
const PHOTO_CELL_SIZES = "(min-width: 46rem) 11rem, 50vw";

export function photoGrid(ids: string[], attachments: Attachments, alt: string): SafeMarkup {
  const shown = ids.flatMap((id) => (attachments[id] ? [attachments[id]] : []));
  if (shown.length === 0) return html``;
  // Each cell is a fraction of the column (at least 9rem): a small variant, linked to the original.
  return html`<div class="photos">${shown.map(
    (photo) => html`<a href="${photo.url}">${columnImage(photo, { alt, sizes: PHOTO_CELL_SIZES, first: false })}</a>`,
  )}</div>`;
}

/** A link to the point on OpenStreetMap: no script or frame from elsewhere on the page. */
export function mapLink(view: SiteView, latitude: number | null, longitude: number | null): SafeMarkup {
  if (latitude === null || longitude === null) return html``;
  const url = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
  return html`<p><a href="${url}" rel="noopener">${SITE_TEXT[view.locale].profile.map}</a> (${latitude.toFixed(5)}, ${longitude.toFixed(5)})</p>`;
}

/** Open Graph tags of a site page. */
export function linkPreview(
  view: SiteView,
  page: { title: string; description: string; path: string; image?: string },
): SafeMarkup {
  return html`<meta property="og:type" content="website">
<meta property="og:site_name" content="${view.unit.name}">
<meta property="og:locale" content="${view.locale === "id" ? "id_ID" : "en_GB"}">
<meta property="og:title" content="${page.title}">
<meta property="og:description" content="${page.description}">
<meta property="og:url" content="${absolute(view, page.path)}">
${page.image && html`<meta property="og:image" content="${page.image}">`}
<meta name="twitter:card" content="${page.image ? "summary_large_image" : "summary"}">`;
}

export function progressBar(percent: number): SafeMarkup {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  return html`<div class="bar" role="img" aria-label="${clamped}%"><span style="width:${clamped}%"></span></div>`;
}

import { STAFF_APP_BASE } from "@server/config.js";
import { html, trusted, type SafeMarkup } from "@server/text/markup.js";
import { FAVICON_PATH } from "./favicon.js";
import type { Site } from "./publicPosts.js";

// One small stylesheet inline: a page costs a single request on a slow phone connection.
const STYLESHEET = trusted(`
*{box-sizing:border-box}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0b5cad}
header,main,footer{max-width:46rem;margin:0 auto;padding:1rem}
header{border-bottom:3px solid #0b5cad;background:#fff;max-width:none}
header a{color:inherit;text-decoration:none;font-weight:700;font-size:1.25rem}
header p{margin:0;color:#57606a}
h1{font-size:1.6rem;line-height:1.25}
h2{font-size:1.15rem;line-height:1.3;margin:0 0 .25rem}
img,video{max-width:100%;height:auto;display:block}
.meta{color:#57606a;font-size:.9rem;margin:0 0 .5rem}
.card{display:flex;gap:.75rem;background:#fff;border-radius:.5rem;padding:.75rem;margin:0 0 .75rem}
.card picture{flex:none}
.card img{width:6rem;height:6rem;object-fit:cover;border-radius:.25rem}
.card p{margin:0}
.media{display:grid;gap:.5rem;margin:1rem 0}
.tags{color:#57606a}
.pages{display:flex;justify-content:space-between;margin:1rem 0}
footer{color:#57606a;font-size:.9rem;border-top:1px solid #d0d7de}
footer a{margin-right:1rem}
`);

export type Page = {
  /** The page's own title; the site's name is added after it. */
  title?: string;
  description: string;
  canonicalUrl?: string;
  /** Extra <head> elements, such as link-preview tags. */
  head?: SafeMarkup;
  /** A header of its own (a unit site's name and sections) instead of the main site's. */
  header?: SafeMarkup;
  /** The page's language: Bahasa Indonesia unless the page was asked for in English. */
  lang?: "id" | "en";
  /** The page's own path, on pages written in both languages: the footer then offers the other one. */
  path?: string;
  main: SafeMarkup;
};

// The words around every page, in the page's language.
const CHROME = {
  id: {
    tagline: "Pengumuman resmi",
    services: "Layanan warga",
    report: "Sampaikan aspirasi atau pengaduan",
    track: "Lacak laporan",
    transparency: "Transparansi",
    ppid: "Informasi publik (PPID)",
    staff: "Masuk petugas",
    other: "English",
  },
  en: {
    tagline: "Official announcements",
    services: "Services for citizens",
    report: "Send an aspiration or complaint",
    track: "Track a report",
    transparency: "Transparency",
    ppid: "Public information (PPID)",
    staff: "Staff sign-in",
    other: "Bahasa Indonesia",
  },
};

/** The whole HTML document around a page's main content, the same on every public page. */
export function layout(site: Site, page: Page): string {
  const documentTitle = page.title ? `${page.title} · ${site.name}` : site.name;
  const lang = page.lang ?? "id";
  const words = CHROME[lang];
  const other = lang === "id" ? "en" : "id";
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${documentTitle}</title>
<meta name="description" content="${page.description}">
${page.canonicalUrl && html`<link rel="canonical" href="${page.canonicalUrl}">`}
<link rel="alternate" type="application/rss+xml" title="${site.name} (RSS)" href="${site.baseUrl}/feed.xml">
<link rel="alternate" type="application/atom+xml" title="${site.name} (Atom)" href="${site.baseUrl}/atom.xml">
<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">
${page.head}
<style>${STYLESHEET}</style>
</head>
<body>
${page.header ?? html`<header><a href="/">${site.name}</a><p>${words.tagline}</p><nav aria-label="${words.services}"><a href="/aspirasi">${words.report}</a> · <a href="/lacak">${words.track}</a> · <a href="/transparansi">${words.transparency}</a> · <a href="/ppid">${words.ppid}</a></nav></header>`}
<main>
${page.main}
</main>
<footer>
<p>© ${new Date().getFullYear()} ${site.name}</p>
<p><a href="${site.baseUrl}/feed.xml">RSS</a><a href="${site.baseUrl}/atom.xml">Atom</a><a href="${STAFF_APP_BASE}/">${words.staff}</a>${page.path && html`<a href="/bahasa?ke=${other}&amp;kembali=${encodeURIComponent(page.path)}" lang="${other}" hreflang="${other}">${words.other}</a>`}</p>
</footer>
</body>
</html>
`.text;
}

import type { PublicMedia, PublicPost } from "@server/presenters/publicPost.js";
import { columnImage, thumbnailImage } from "./images.js";
import { layout } from "./layout.js";
import { html, trusted, type SafeMarkup } from "@server/text/markup.js";
import type { Site } from "./publicPosts.js";
import { excerpt, formatDate, paragraphs } from "./text.js";

export type HomePage = { posts: PublicPost[]; page: number; pageCount: number };
type Lang = "id" | "en";

// The pages' own words; the announcements stay in the language they were written in.
const WORDS = {
  id: {
    latest: "Pengumuman terbaru",
    none: "Belum ada pengumuman.",
    pages: "Halaman",
    newer: "← Lebih baru",
    older: "Lebih lama →",
    page: (n: number) => `Halaman ${n}`,
    description: (site: string) => `Pengumuman resmi ${site}.`,
    link: "Tautan",
    all: "← Semua pengumuman",
    notFound: "Halaman tidak ditemukan",
    notFoundDescription: "Halaman yang Anda cari tidak ditemukan.",
    notFoundText: "Pengumuman yang Anda cari tidak ada, sudah dipindahkan, atau belum diterbitkan.",
    seeAll: "Lihat semua pengumuman",
  },
  en: {
    latest: "Latest announcements",
    none: "No announcements yet.",
    pages: "Pages",
    newer: "← Newer",
    older: "Older →",
    page: (n: number) => `Page ${n}`,
    description: (site: string) => `Official announcements of ${site}.`,
    link: "Link",
    all: "← All announcements",
    notFound: "Page not found",
    notFoundDescription: "The page you are looking for was not found.",
    notFoundText: "The announcement you are looking for does not exist, has moved, or is not published yet.",
    seeAll: "See all announcements",
  },
};

export function homePage(site: Site, { posts, page, pageCount }: HomePage, lang: Lang = "id"): string {
  const words = WORDS[lang];
  const main = html`<h1>${words.latest}</h1>
${posts.length === 0 && html`<p>${words.none}</p>`}
${posts.map((post) => announcementCard(post, lang))}
${
  pageCount > 1 &&
  html`<nav class="pages" aria-label="${words.pages}">
<span>${page > 1 && html`<a href="${page === 2 ? "/" : `/?halaman=${page - 1}`}" rel="prev">${words.newer}</a>`}</span>
<span>${page < pageCount && html`<a href="/?halaman=${page + 1}" rel="next">${words.older}</a>`}</span>
</nav>`
}`;
  const path = page > 1 ? `/?halaman=${page}` : "/";
  return layout(site, {
    title: page > 1 ? words.page(page) : undefined,
    description: words.description(site.name),
    canonicalUrl: `${site.baseUrl}${path}`,
    lang,
    path,
    main,
  });
}

/** How wide a column image is drawn: the page's column (46rem less its padding), or the screen less that padding. */
const COLUMN_SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)";

/** Announcements are written in Bahasa Indonesia: said so where the page around them is English. */
const written = (lang: Lang) => (lang === "id" ? "" : ' lang="id"');

function announcementCard(post: PublicPost, lang: Lang): SafeMarkup {
  const thumbnail = post.coverImage;
  // The thumbnail sits beside the title that already names the announcement, hence alt="".
  return html`<article class="card"${trusted(written(lang))}>
${thumbnail && thumbnailImage(thumbnail, { alt: "" })}
<div>
<h2><a href="${post.path}">${post.title}</a></h2>
${dateLine(post, lang)}
<p>${excerpt(post.body)}</p>
</div>
</article>
`;
}

export function announcementPage(site: Site, post: PublicPost, lang: Lang = "id"): string {
  const words = WORDS[lang];
  const main = html`<article${trusted(written(lang))}>
<h1>${post.title}</h1>
${dateLine(post, lang)}
${post.media.length > 0 && html`<div class="media">${post.media.map((media, i) => mediaElement(media, post.title, i === 0))}</div>`}
${paragraphs(post.body)}
${post.link && html`<p>${words.link}: <a href="${post.link}" rel="nofollow noopener">${post.link}</a></p>`}
${post.hashtags.length > 0 && html`<p class="tags">${post.hashtags.map((tag) => `#${tag}`).join(" ")}</p>`}
</article>
<p><a href="/">${words.all}</a></p>`;
  return layout(site, {
    title: post.title,
    description: excerpt(post.body),
    canonicalUrl: post.url,
    head: linkPreviewTags(site, post),
    lang,
    path: post.path,
    main,
  });
}

export function notFoundPage(site: Site, lang: Lang = "id"): string {
  const words = WORDS[lang];
  return layout(site, {
    title: words.notFound,
    description: words.notFoundDescription,
    lang,
    main: html`<h1>${words.notFound}</h1>
<p>${words.notFoundText}</p>
<p><a href="/">${words.seeAll}</a></p>`,
  });
}

function dateLine(post: PublicPost, lang: Lang): SafeMarkup {
  return html`<p class="meta"><time datetime="${post.publishedAt.toISOString()}">${formatDate(post.publishedAt, post.timezone, lang)}</time> · ${post.unitName}</p>`;
}

function mediaElement(media: PublicMedia, title: string, first: boolean): SafeMarkup {
  if (media.kind === "video") {
    return html`<video controls preload="none" src="${media.path}"${dimensions(media)}><a href="${media.path}">Unduh video</a></video>`;
  }
  return columnImage(media, { alt: `Gambar: ${title}`, sizes: COLUMN_SIZES, first });
}

/** Width and height let the browser reserve the space before the file arrives. */
function dimensions(media: PublicMedia): SafeMarkup {
  return html`${media.width !== null && html` width="${media.width}"`}${media.height !== null && html` height="${media.height}"`}`;
}

/** Open Graph and Twitter card tags, so a shared link shows a proper preview. */
function linkPreviewTags(site: Site, post: PublicPost): SafeMarkup {
  const image = post.coverImage;
  return html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${site.name}">
<meta property="og:locale" content="id_ID">
<meta property="og:title" content="${post.title}">
<meta property="og:description" content="${excerpt(post.body)}">
<meta property="og:url" content="${post.url}">
<meta property="article:published_time" content="${post.publishedAt.toISOString()}">
${
  image &&
  html`<meta property="og:image" content="${image.url}">
<meta property="og:image:type" content="${image.mimeType}">
${image.width !== null && html`<meta property="og:image:width" content="${image.width}">`}
${image.height !== null && html`<meta property="og:image:height" content="${image.height}">`}`
}
<meta name="twitter:card" content="${image ? "summary_large_image" : "summary"}">`;
}

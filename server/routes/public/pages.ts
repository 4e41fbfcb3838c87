import type { PublicMedia, PublicPost } from "@server/presenters/publicPost.js";
import { columnImage, thumbnailImage } from "./images.js";
import { layout } from "./layout.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import type { Site } from "./publicPosts.js";
import { excerpt, formatDate, paragraphs } from "./text.js";

export type HomePage = { posts: PublicPost[]; page: number; pageCount: number };

export function homePage(site: Site, { posts, page, pageCount }: HomePage): string {
  const main = html`<h1>Pengumuman terbaru</h1>
${posts.length === 0 && html`<p>Belum ada pengumuman.</p>`}
${posts.map(announcementCard)}
${
  pageCount > 1 &&
  html`<nav class="pages" aria-label="Halaman">
<span>${page > 1 && html`<a href="${page === 2 ? "/" : `/?halaman=${page - 1}`}" rel="prev">← Lebih baru</a>`}</span>
<span>${page < pageCount && html`<a href="/?halaman=${page + 1}" rel="next">Lebih lama →</a>`}</span>
</nav>`
}`;
  return layout(site, {
    title: page > 1 ? `Halaman ${page}` : undefined,
    description: `Pengumuman resmi ${site.name}.`,
    canonicalUrl: page > 1 ? `${site.baseUrl}/?halaman=${page}` : `${site.baseUrl}/`,
    main,
  });
}

/** How wide a column image is drawn: the page's column (46rem less its padding), or the screen less that padding. */
const COLUMN_SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)";

function announcementCard(post: PublicPost): SafeMarkup {
  const thumbnail = post.coverImage;
  // The thumbnail sits beside the title that already names the announcement, hence alt="".
  return html`<article class="card">
${thumbnail && thumbnailImage(thumbnail, { alt: "" })}
<div>
<h2><a href="${post.path}">${post.title}</a></h2>
${dateLine(post)}
<p>${excerpt(post.body)}</p>
</div>
</article>
`;
}

export function announcementPage(site: Site, post: PublicPost): string {
  const main = html`<article>
<h1>${post.title}</h1>
${dateLine(post)}
${post.media.length > 0 && html`<div class="media">${post.media.map((media, i) => mediaElement(media, post.title, i === 0))}</div>`}
${paragraphs(post.body)}
${post.link && html`<p>Tautan: <a href="${post.link}" rel="nofollow noopener">${post.link}</a></p>`}
${post.hashtags.length > 0 && html`<p class="tags">${post.hashtags.map((tag) => `#${tag}`).join(" ")}</p>`}
</article>
<p><a href="/">← Semua pengumuman</a></p>`;
  return layout(site, {
    title: post.title,
    description: excerpt(post.body),
    canonicalUrl: post.url,
    head: linkPreviewTags(site, post),
    main,
  });
}

export function notFoundPage(site: Site): string {
  return layout(site, {
    title: "Halaman tidak ditemukan",
    description: "Halaman yang Anda cari tidak ditemukan.",
    main: html`<h1>Halaman tidak ditemukan</h1>
<p>Pengumuman yang Anda cari tidak ada, sudah dipindahkan, atau belum diterbitkan.</p>
<p><a href="/">Lihat semua pengumuman</a></p>`,
  });
}

function dateLine(post: PublicPost): SafeMarkup {
  return html`<p class="meta"><time datetime="${post.publishedAt.toISOString()}">${formatDate(post.publishedAt, post.timezone)}</time> · ${post.unitName}</p>`;
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

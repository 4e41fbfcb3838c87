/** Post and media objects as the WordPress REST API returns them, with site-local and GMT dates. */
import type { WpMedia, WpPost } from "@server/sandbox/state";

/** The imitated site runs on Western Indonesia Time (WIB, UTC+7), like Kalimantan Barat. */
export const SITE_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

/** WordPress date strings carry no zone: "2024-05-01T10:00:00". */
const wpDate = (ms: number) => new Date(ms).toISOString().slice(0, 19);
export const localDate = (gmtMs: number) => wpDate(gmtMs + SITE_UTC_OFFSET_MS);
export const gmtDate = (gmtMs: number) => wpDate(gmtMs);

/** Parses `date` (site-local unless it carries a zone) or `date_gmt` into epoch ms. */
export function parseWpDate(value: string, zoneless: "local" | "gmt"): number | undefined {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value}Z`);
  if (Number.isNaN(ms)) return undefined;
  return hasZone || zoneless === "gmt" ? ms : ms - SITE_UTC_OFFSET_MS;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&#038;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A small wpautop: blank-line separated blocks become paragraphs unless already HTML blocks. */
function autop(content: string): string {
  if (!content.trim()) return "";
  return content
    .split(/\n\s*\n/)
    .map((block) =>
      /^\s*<(p|div|h\d|ul|ol|figure|blockquote|table)\b/i.test(block)
        ? block.trim()
        : `<p>${block.trim().replace(/\n/g, "<br />\n")}</p>`,
    )
    .join("\n")
    .concat("\n");
}

/** Block comments such as `<!-- wp:video {"id":5} -->` and `<!-- /wp:video -->`. */
const BLOCK_DELIMITER = /<!-- \/?wp:[\s\S]*?-->\n?/g;

/**
 * Content with blocks is rendered by do_blocks, which leaves static blocks' markup without their
 * delimiters, and core then skips wpautop; classic content gets wpautop.
 */
function renderContent(content: string): string {
  return content.includes("<!-- wp:") ? content.replace(BLOCK_DELIMITER, "") : autop(content);
}

export function presentPost(post: WpPost, siteUrl: string, withRaw: boolean): Record<string, unknown> {
  const date = new Date(post.dateGmt + SITE_UTC_OFFSET_MS);
  const pretty =
    post.status === "publish"
      ? `${siteUrl}/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/${String(date.getUTCDate()).padStart(2, "0")}/${post.slug}/`
      : `${siteUrl}/?p=${post.id}`;
  const raw = (value: string) => (withRaw ? { raw: value } : {});
  return {
    id: post.id,
    date: localDate(post.dateGmt),
    date_gmt: gmtDate(post.dateGmt),
    guid: { rendered: `${siteUrl}/?p=${post.id}`, ...raw(`${siteUrl}/?p=${post.id}`) },
    modified: localDate(post.modifiedGmt),
    modified_gmt: gmtDate(post.modifiedGmt),
    slug: post.slug,
    status: post.status,
    type: "post",
    link: pretty,
    title: { ...raw(post.title), rendered: escapeHtml(post.title) },
    content: { ...raw(post.content), rendered: renderContent(post.content), protected: false },
    excerpt: {
      ...raw(post.excerpt),
      rendered: autop(post.excerpt || post.content.replace(/<[^>]+>/g, "").slice(0, 275)),
      protected: false,
    },
    author: post.authorId,
    featured_media: post.featuredMedia,
    comment_status: "open",
    ping_status: "open",
    sticky: false,
    template: "",
    format: "standard",
    meta: [],
    categories: [1],
    tags: [],
  };
}

export function mediaSourceUrl(media: WpMedia, siteUrl: string): string {
  const date = new Date(media.dateGmt + SITE_UTC_OFFSET_MS);
  return `${siteUrl}/wp-content/uploads/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/${media.filename}`;
}

export function presentMedia(media: WpMedia, siteUrl: string): Record<string, unknown> {
  return {
    id: media.id,
    date: localDate(media.dateGmt),
    date_gmt: gmtDate(media.dateGmt),
    slug: media.filename.replace(/\.[^.]+$/, "").toLowerCase(),
    status: "inherit",
    type: "attachment",
    link: `${siteUrl}/?attachment_id=${media.id}`,
    title: { rendered: escapeHtml(media.title) },
    author: media.authorId,
    caption: { rendered: "" },
    alt_text: "",
    media_type: media.mimeType.startsWith("image/") ? "image" : "file",
    mime_type: media.mimeType,
    source_url: mediaSourceUrl(media, siteUrl),
    media_details: { filesize: media.data.length },
  };
}

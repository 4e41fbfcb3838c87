import type { PublicPost } from "@server/presenters/publicPost.js";
import { trusted, xml } from "@server/text/markup.js";
import type { Site } from "./publicPosts.js";
import { excerpt, paragraphs } from "./text.js";

const XML_DECLARATION = trusted(`<?xml version="1.0" encoding="UTF-8"?>`);

/** What a feed carries of an announcement or of a unit site's published entry. */
export type FeedItem = Pick<PublicPost, "title" | "url" | "publishedAt" | "body" | "coverImage" | "unitName">;

/** RSS 2.0: dates in RFC 822, the post's address as its permanent guid, the first image as enclosure. */
export function rssFeed(site: Site, posts: FeedItem[]): string {
  return xml`${XML_DECLARATION}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${site.name}</title>
<link>${site.baseUrl}/</link>
<description>Pengumuman resmi ${site.name}</description>
<language>id</language>
<lastBuildDate>${lastChange(posts).toUTCString()}</lastBuildDate>
<atom:link href="${site.baseUrl}/feed.xml" rel="self" type="application/rss+xml"/>
${posts.map(
  (post) => xml`<item>
<title>${post.title}</title>
<link>${post.url}</link>
<guid isPermaLink="true">${post.url}</guid>
<pubDate>${post.publishedAt.toUTCString()}</pubDate>
<description>${bodyAsHtml(post)}</description>
${post.coverImage && xml`<enclosure url="${post.coverImage.url}" length="${post.coverImage.bytes}" type="${post.coverImage.mimeType}"/>`}
</item>
`,
)}</channel>
</rss>
`.text;
}

/** Atom 1.0: dates in RFC 3339, the post's address as its id. */
export function atomFeed(site: Site, posts: FeedItem[]): string {
  return xml`${XML_DECLARATION}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">
<title>${site.name}</title>
<subtitle>Pengumuman resmi ${site.name}</subtitle>
<id>${site.baseUrl}/</id>
<link rel="self" type="application/atom+xml" href="${site.baseUrl}/atom.xml"/>
<link rel="alternate" type="text/html" href="${site.baseUrl}/"/>
<updated>${lastChange(posts).toISOString()}</updated>
<author><name>${site.name}</name></author>
${posts.map(
  (post) => xml`<entry>
<title>${post.title}</title>
<id>${post.url}</id>
<link rel="alternate" type="text/html" href="${post.url}"/>
<published>${post.publishedAt.toISOString()}</published>
<updated>${post.publishedAt.toISOString()}</updated>
<author><name>${post.unitName}</name></author>
<summary>${excerpt(post.body)}</summary>
<content type="html">${bodyAsHtml(post)}</content>
${post.coverImage && xml`<link rel="enclosure" href="${post.coverImage.url}" length="${post.coverImage.bytes}" type="${post.coverImage.mimeType}"/>`}
</entry>
`,
)}</feed>
`.text;
}

/** The home page and every public announcement, each with its publication date. */
export function sitemap(site: Site, posts: Pick<PublicPost, "url" | "publishedAt">[]): string {
  return xml`${XML_DECLARATION}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>${site.baseUrl}/</loc>${posts.length > 0 && xml`<lastmod>${lastChange(posts).toISOString()}</lastmod>`}</url>
${posts.map(
  (post) => xml`<url><loc>${post.url}</loc><lastmod>${post.publishedAt.toISOString()}</lastmod></url>
`,
)}</urlset>
`.text;
}

export function robotsTxt(publicBaseUrl: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    "Disallow: /app/",
    "Disallow: /api/",
    `Sitemap: ${publicBaseUrl}/sitemap.xml`,
    "",
  ].join("\n");
}

/** Feed readers render the body as HTML; as a string it is escaped once more for the XML. */
function bodyAsHtml(post: FeedItem): string {
  return paragraphs(post.body).text;
}

/** The newest publication among these posts; now when there are none, as feeds must give a date. */
function lastChange(posts: Pick<PublicPost, "publishedAt">[]): Date {
  if (posts.length === 0) return new Date();
  return new Date(Math.max(...posts.map((post) => post.publishedAt.getTime())));
}

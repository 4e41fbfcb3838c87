import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelKind, DeliveryStatus, PostStatus } from "@server/db/generated/enums.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

const HOSTILE_TITLE = `<script>alert(1)</script> & "quotes"`;
const ESCAPED_TITLE = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;";

let siar: TestSiar;
let baseUrl: string;
let fixture: { unitId: string; authorId: string; channelIds: Record<"website" | "facebook", string> };

type FixturePost = {
  slug: string;
  title?: string;
  body?: string;
  link?: string;
  hashtags?: string[];
  status?: PostStatus;
  /** Where the post went and how that delivery ended. */
  deliveries?: { channel: "website" | "facebook"; status: DeliveryStatus; publishedAt?: Date }[];
  /** An image of 1200×630 stored under this key. */
  imageKey?: string;
};

/** A post straight in the database, as the publishing worker would leave it. */
async function createFixturePost(post: FixturePost) {
  const { prisma } = siar.services;
  const created = await prisma.post.create({
    data: {
      unitId: fixture.unitId,
      authorId: fixture.authorId,
      slug: post.slug,
      title: post.title ?? `Pengumuman ${post.slug}`,
      body: post.body ?? `Isi pengumuman ${post.slug}.`,
      link: post.link,
      hashtags: post.hashtags ?? [],
      status: post.status ?? "published",
      deliveries: {
        create: (post.deliveries ?? []).map((delivery) => ({
          channelId: fixture.channelIds[delivery.channel],
          status: delivery.status,
          publishedAt: delivery.status === "published" ? delivery.publishedAt : null,
        })),
      },
    },
  });
  if (post.imageKey) {
    const image = await prisma.mediaAsset.create({
      data: {
        unitId: fixture.unitId,
        uploadedById: fixture.authorId,
        kind: "image",
        mimeType: "image/jpeg",
        bytes: 1234,
        width: 1200,
        height: 630,
        sha256: "0".repeat(64),
        storageKey: post.imageKey,
        originalName: "banjir.jpg",
      },
    });
    await prisma.postMedia.create({ data: { postId: created.id, mediaId: image.id, position: 0 } });
  }
  return created;
}

function publicOnWebsite(publishedAt: string): FixturePost["deliveries"] {
  return [{ channel: "website", status: "published", publishedAt: new Date(publishedAt) }];
}

async function upsertChannel(unitId: string, kind: ChannelKind, externalId: string) {
  return siar.services.prisma.channel.upsert({
    where: { unitId_kind_externalId: { unitId, kind, externalId } },
    update: {},
    create: { unitId, kind, externalId, name: `Kanal ${kind}`, credentials: "" },
  });
}

async function get(path: string) {
  const response = await fetch(siar.url + path, { redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Positions of the announcement links in a page, to compare their order. */
function linkPosition(page: string, slug: string): number {
  return page.indexOf(`href="/pengumuman/${slug}"`);
}

/**
 * A small well-formedness check (no XML package in the project): every tag closes in order,
 * there is one root, and text and attributes hold only escaped markup characters.
 */
function expectWellFormedXml(document: string) {
  const body = document.replace(/^<\?xml[^>]*\?>\s*/, "");
  const tag = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  const escapedText = /^(?:[^<>&]|&(?:amp|lt|gt|quot|apos|#\d+);)*$/;
  const open: string[] = [];
  let roots = 0;
  let from = 0;
  for (const match of body.matchAll(tag)) {
    expect(body.slice(from, match.index), `text before <${match[1]}${match[2]}>`).toMatch(escapedText);
    for (const [, value] of match[3]!.matchAll(/="([^"]*)"/g)) expect(value).toMatch(escapedText);
    const [, closing, name, , selfClosing] = match;
    if (closing) expect(open.pop(), `closing </${name}>`).toBe(name);
    else if (!selfClosing) {
      if (open.length === 0) roots++;
      open.push(name!);
    } else if (open.length === 0) roots++;
    from = match.index + match[0].length;
  }
  expect(body.slice(from).trim()).toBe("");
  expect(open).toEqual([]);
  expect(roots).toBe(1);
}

beforeAll(async () => {
  siar = await startTestSiar();
  baseUrl = siar.services.config.publicBaseUrl;
  const { prisma } = siar.services;
  const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } });
  const author = await prisma.user.findFirstOrThrow();
  const website = await upsertChannel(root.id, "website", "website");
  const facebook = await upsertChannel(root.id, "facebook", "public-site-test-page");
  fixture = { unitId: root.id, authorId: author.id, channelIds: { website: website.id, facebook: facebook.id } };

  await createFixturePost({
    slug: "banjir-sungai-kapuas",
    title: HOSTILE_TITLE,
    body: "Air sungai naik.\nWarga diminta waspada.\n\nInformasi: https://bpbd.example.go.id/banjir.",
    link: "https://example.go.id/posko",
    hashtags: ["#siagabanjir", "sanggau"],
    deliveries: [
      ...publicOnWebsite("2025-03-05T07:30:00Z")!,
      { channel: "facebook", status: "published", publishedAt: new Date("2025-03-05T07:31:00Z") },
    ],
    imageKey: "abc.jpg",
  });
  await createFixturePost({
    slug: "vaksinasi-gratis",
    status: "partially_published",
    deliveries: publicOnWebsite("2025-03-01T02:00:00Z"),
  });
  await createFixturePost({
    slug: "tautan-berbahaya",
    link: "javascript:alert(1)",
    deliveries: publicOnWebsite("2025-02-20T02:00:00Z"),
  });
  await createFixturePost({ slug: "masih-draf", status: "draft", deliveries: publicOnWebsite("2025-03-06T02:00:00Z") });
  await createFixturePost({
    slug: "hanya-facebook",
    deliveries: [{ channel: "facebook", status: "published", publishedAt: new Date("2025-03-04T02:00:00Z") }],
  });
  await createFixturePost({
    slug: "situs-gagal",
    status: "partially_published",
    deliveries: [{ channel: "website", status: "failed" }],
  });
  // Old announcements with a poster each, enough to fill the home page past its 20 entries.
  for (let day = 1; day <= 21; day++) {
    await createFixturePost({
      slug: `arsip-${day}`,
      body: `Isi pengumuman arsip ${day}. ${"Warga diminta memperhatikan jadwal pelayanan yang baru. ".repeat(6)}`,
      deliveries: publicOnWebsite(`2001-01-${String(day).padStart(2, "0")}T00:00:00Z`),
      imageKey: `arsip-${day}.jpg`,
    });
  }
});
afterAll(async () => siar?.close());

describe("home page", () => {
  it("lists public announcements newest first, in Bahasa Indonesia, shareable for twenty seconds", async () => {
    const home = await get("/");
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(home.headers.get("cache-control")).toBe("public, max-age=20, stale-while-revalidate=20");
    expect(home.text).toContain('<html lang="id">');
    const root = await siar.services.prisma.unit.findFirstOrThrow({ where: { parentId: null } });
    expect(home.text).toContain(`<title>${root.name}</title>`);
    expect(linkPosition(home.text, "banjir-sungai-kapuas")).toBeGreaterThan(-1);
    expect(linkPosition(home.text, "banjir-sungai-kapuas")).toBeLessThan(linkPosition(home.text, "vaksinasi-gratis"));
    expect(linkPosition(home.text, "vaksinasi-gratis")).toBeLessThan(linkPosition(home.text, "tautan-berbahaya"));
    expect(home.text).toContain("5 Maret 2025 pukul 14.30 WIB");
    // A square thumbnail in AVIF, WebP or JPEG at 1x and 2x, never the 1200-pixel original.
    expect(home.text).toContain(
      '<picture><source type="image/avif" srcset="/media/abc.jpg.t96.avif 1x, /media/abc.jpg.t192.avif 2x">' +
        '<source type="image/webp" srcset="/media/abc.jpg.t96.webp 1x, /media/abc.jpg.t192.webp 2x">' +
        '<img src="/media/abc.jpg.t96.jpg" srcset="/media/abc.jpg.t192.jpg 2x" alt="" width="96" height="96" loading="lazy" decoding="async"></picture>',
    );
    expect(home.text).not.toContain('src="/media/abc.jpg"');
    expect(home.text).toContain("Air sungai naik. Warga diminta waspada.");
    expect(home.text).toMatch(/href="[^"]*\/feed\.xml"/);
    expect(home.text).toContain('href="/app/"');
    expect(home.text).not.toMatch(/<script/i);
  });

  it("stays under 50 KB of HTML and CSS with twenty announcements and their thumbnails", async () => {
    const home = await get("/");
    expect(home.text.match(/<article class="card">/g)).toHaveLength(20);
    // Two of them have no image.
    expect(home.text.match(/<picture>/g)).toHaveLength(18);
    expect(Buffer.byteLength(home.text)).toBeLessThan(50_000);
  });

  it("leaves out drafts and posts without a published website delivery", async () => {
    const home = await get("/");
    for (const slug of ["masih-draf", "hanya-facebook", "situs-gagal"]) expect(linkPosition(home.text, slug)).toBe(-1);
  });

  it("pages through older announcements twenty at a time", async () => {
    const first = await get("/");
    expect(first.text.match(/<article class="card">/g)).toHaveLength(20);
    expect(first.text).toContain('<a href="/?halaman=2" rel="next">');
    expect(linkPosition(first.text, "arsip-1")).toBe(-1);

    const second = await get("/?halaman=2");
    expect(second.status).toBe(200);
    expect(linkPosition(second.text, "arsip-1")).toBeGreaterThan(linkPosition(second.text, "arsip-2"));
    expect(second.text).toContain('<a href="/" rel="prev">');
    expect(second.text).toContain(`<link rel="canonical" href="${baseUrl}/?halaman=2">`);

    expect((await get("/?halaman=99")).status).toBe(404);
    expect((await get("/?halaman=abc")).status).toBe(404);
  });
});

describe("announcement page", () => {
  it("shows the title escaped, never as markup", async () => {
    const page = await get("/pengumuman/banjir-sungai-kapuas");
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h1>${ESCAPED_TITLE}</h1>`);
    expect(page.text).not.toContain(HOSTILE_TITLE);
    expect(page.text).not.toMatch(/<script/i);
  });

  it("renders the body as paragraphs with line breaks and links, then the link, hashtags and image", async () => {
    const page = (await get("/pengumuman/banjir-sungai-kapuas")).text;
    expect(page).toContain("<p>Air sungai naik.<br>Warga diminta waspada.</p>");
    expect(page).toContain(
      '<p>Informasi: <a href="https://bpbd.example.go.id/banjir" rel="nofollow noopener">https://bpbd.example.go.id/banjir</a>.</p>',
    );
    expect(page).toContain('<a href="https://example.go.id/posko" rel="nofollow noopener">');
    expect(page).toContain("#siagabanjir #sanggau");
    // The column's widths up to the original's 1200 pixels, AVIF and WebP first; the first image loads at once.
    const widths = (format: string) =>
      [480, 720, 1080, 1200].map((width) => `/media/abc.jpg.w${width}.${format} ${width}w`).join(", ");
    expect(page).toContain(`<source type="image/avif" srcset="${widths("avif")}" sizes="(min-width: 46rem) 44rem`);
    expect(page).toContain(`<source type="image/webp" srcset="${widths("webp")}" sizes="`);
    expect(page).toMatch(
      new RegExp(
        `<img src="/media/abc.jpg.w720.jpg" srcset="${widths("jpg")}" sizes="[^"]+" alt="Gambar: [^"]*" width="1200" height="630" fetchpriority="high" decoding="async">`,
      ),
    );
    expect(page).toContain("5 Maret 2025 pukul 14.30 WIB");
  });

  it("carries link-preview tags with absolute URLs, a canonical link and the feeds", async () => {
    const page = (await get("/pengumuman/banjir-sungai-kapuas")).text;
    const url = `${baseUrl}/pengumuman/banjir-sungai-kapuas`;
    expect(page).toContain(`<link rel="canonical" href="${url}">`);
    expect(page).toContain(`<meta property="og:url" content="${url}">`);
    expect(page).toContain(`<meta property="og:title" content="${ESCAPED_TITLE}">`);
    expect(page).toContain(
      '<meta property="og:description" content="Air sungai naik. Warga diminta waspada. Informasi: https://bpbd.example.go.id/banjir.">',
    );
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toContain('<meta property="og:locale" content="id_ID">');
    expect(page).toContain(`<meta property="og:image" content="${baseUrl}/media/abc.jpg">`);
    expect(page).toContain('<meta property="og:image:width" content="1200">');
    expect(page).toContain('<meta property="og:image:height" content="630">');
    expect(page).toContain('<meta property="article:published_time" content="2025-03-05T07:30:00.000Z">');
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page).toContain(`<link rel="alternate" type="application/rss+xml" title="`);
    expect(page).toContain(`href="${baseUrl}/feed.xml">`);
    expect(page).toContain(`href="${baseUrl}/atom.xml">`);
  });

  it("gives a post without an image a plain summary card", async () => {
    const page = (await get("/pengumuman/vaksinasi-gratis")).text;
    expect(page).toContain('<meta name="twitter:card" content="summary">');
    expect(page).not.toContain("og:image");
  });

  it("never turns a non-web link into a clickable one", async () => {
    const page = (await get("/pengumuman/tautan-berbahaya")).text;
    expect(page).toContain("<h1>Pengumuman tautan-berbahaya</h1>");
    expect(page).not.toContain("javascript:");
  });

  it("answers 404 in Bahasa Indonesia for unknown and for non-public announcements", async () => {
    for (const slug of ["tidak-ada", "masih-draf", "hanya-facebook", "situs-gagal"]) {
      const page = await get(`/pengumuman/${slug}`);
      expect(page.status, slug).toBe(404);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(page.text).toContain("Halaman tidak ditemukan");
    }
  });
});

describe("feeds", () => {
  it("publishes RSS 2.0 with escaped titles, absolute links, RFC 822 dates and the image enclosure", async () => {
    const feed = await get("/feed.xml");
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(feed.headers.get("cache-control")).toBe("public, max-age=20, stale-while-revalidate=20");
    expectWellFormedXml(feed.text);
    expect(feed.text).not.toContain(HOSTILE_TITLE);
    const items = feed.text.match(/<item>[\s\S]*?<\/item>/g) ?? [];
    expect(items).toHaveLength(24);
    const url = `${baseUrl}/pengumuman/banjir-sungai-kapuas`;
    const item = items.find((candidate) => candidate.includes(`<link>${url}</link>`));
    expect(item).toContain(`<title>${ESCAPED_TITLE}</title>`);
    expect(item).toContain(`<guid isPermaLink="true">${url}</guid>`);
    expect(item).toContain("<pubDate>Wed, 05 Mar 2025 07:30:00 GMT</pubDate>");
    expect(item).toContain(`<enclosure url="${baseUrl}/media/abc.jpg" length="1234" type="image/jpeg"/>`);
    // The description is HTML for the reader, escaped once more for the XML.
    expect(item).toContain("<description>&lt;p&gt;Air sungai naik.&lt;br&gt;Warga diminta waspada.&lt;/p&gt;");
    expect(items.some((candidate) => candidate.includes("masih-draf"))).toBe(false);
  });

  it("publishes Atom 1.0 with ids, RFC 3339 dates and the enclosure", async () => {
    const feed = await get("/atom.xml");
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expectWellFormedXml(feed.text);
    expect(feed.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">');
    expect(feed.text).toContain(`<link rel="self" type="application/atom+xml" href="${baseUrl}/atom.xml"/>`);
    const entry = (feed.text.match(/<entry>[\s\S]*?<\/entry>/g) ?? []).find((candidate) =>
      candidate.includes("banjir-sungai-kapuas"),
    );
    expect(entry).toContain(`<title>${ESCAPED_TITLE}</title>`);
    expect(entry).toContain(`<id>${baseUrl}/pengumuman/banjir-sungai-kapuas</id>`);
    expect(entry).toContain("<published>2025-03-05T07:30:00.000Z</published>");
    expect(entry).toContain(`<link rel="enclosure" href="${baseUrl}/media/abc.jpg" length="1234" type="image/jpeg"/>`);
    expect(feed.text).not.toContain("situs-gagal");
  });
});

describe("search engines", () => {
  it("lists the home page and every public announcement in the sitemap", async () => {
    const sitemap = await get("/sitemap.xml");
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expectWellFormedXml(sitemap.text);
    const locations = [...sitemap.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(locations).toContain(`${baseUrl}/`);
    expect(locations).toContain(`${baseUrl}/pengumuman/banjir-sungai-kapuas`);
    expect(locations).toContain(`${baseUrl}/pengumuman/arsip-1`);
    expect(locations).not.toContain(`${baseUrl}/pengumuman/masih-draf`);
    expect(sitemap.text).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}T[\d:.]+Z<\/lastmod>/);
  });

  it("allows the site but not the staff app and API, and points to the sitemap", async () => {
    const robots = await get("/robots.txt");
    expect(robots.status).toBe(200);
    expect(robots.text.split("\n")).toEqual(
      expect.arrayContaining([
        "User-agent: *",
        "Allow: /",
        "Disallow: /app/",
        "Disallow: /api/",
        `Sitemap: ${baseUrl}/sitemap.xml`,
      ]),
    );
  });
});

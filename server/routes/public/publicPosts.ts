import type { Prisma } from "@server/db/client.js";
import { presentPublicPost, type PublicPost } from "@server/presenters/publicPost.js";
import type { Services } from "@server/services.js";
import { PUBLISHED_POST_STATUSES, publicPostWhere, publishedOnWebsite } from "@server/publishing/postStatus.js";

type PublicServices = Pick<Services, "prisma" | "config">;

/** What the site is called and where it lives. */
export type Site = { name: string; baseUrl: string };

const publicPostInclude = {
  unit: { select: { name: true, timezone: true } },
  media: { orderBy: { position: "asc" }, include: { media: true } },
  deliveries: {
    where: publishedOnWebsite,
    orderBy: { publishedAt: "asc" },
    select: { publishedAt: true, textOverride: true },
  },
} satisfies Prisma.PostInclude;

/** The sitemap protocol's limit of URLs in one file. */
const SITEMAP_MAX_URLS = 50_000;

/** The site is named after the root of the unit tree (the kabupaten). */
export async function findSite({ prisma, config }: PublicServices): Promise<Site> {
  const root = await prisma.unit.findFirst({ where: { parentId: null }, orderBy: { createdAt: "asc" } });
  return { name: root?.name ?? config.organisationName, baseUrl: config.publicBaseUrl };
}

/**
 * Public announcements, newest public date first; `page` counts from 1. `siteUnitIds`: only those
 * addressed to these unit sites (a kecamatan's news includes its desa's).
 */
export async function listPublicPosts(
  { prisma, config }: PublicServices,
  { page, pageSize, siteUnitIds }: { page: number; pageSize: number; siteUnitIds?: string[] },
): Promise<{ posts: PublicPost[]; total: number }> {
  const site = siteUnitIds ? { siteUnitId: { in: siteUnitIds } } : {};
  // Ordered through the deliveries, since the public date lives there (the earliest one if a
  // post reached more than one website channel).
  const [order, total] = await Promise.all([
    prisma.delivery.groupBy({
      by: ["postId"],
      where: { ...publishedOnWebsite, post: { status: { in: [...PUBLISHED_POST_STATUSES] }, ...site } },
      _min: { publishedAt: true },
      orderBy: [{ _min: { publishedAt: "desc" } }, { postId: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    prisma.post.count({ where: { ...publicPostWhere, ...site } }),
  ]);
  const rows = await prisma.post.findMany({
    where: { ...publicPostWhere, id: { in: order.map((group) => group.postId) } },
    include: publicPostInclude,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const posts = order
    .flatMap((group) => byId.get(group.postId) ?? [])
    .map((row) => presentPublicPost(row, config.publicBaseUrl));
  return { posts, total };
}

/** The public announcement at this slug, or null when there is none or it is not public. */
export async function findPublicPost({ prisma, config }: PublicServices, slug: string): Promise<PublicPost | null> {
  const row = await prisma.post.findFirst({ where: { ...publicPostWhere, slug }, include: publicPostInclude });
  return row && presentPublicPost(row, config.publicBaseUrl);
}

/** Every public announcement's address and date, for search engines. */
export async function listSitemapEntries({
  prisma,
  config,
}: PublicServices): Promise<Pick<PublicPost, "url" | "publishedAt">[]> {
  const rows = await prisma.post.findMany({
    where: publicPostWhere,
    include: publicPostInclude,
    orderBy: { createdAt: "desc" },
    take: SITEMAP_MAX_URLS,
  });
  return rows.map((row) => presentPublicPost(row, config.publicBaseUrl));
}

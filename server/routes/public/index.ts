import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Services } from "@server/services.js";
import { aspirationRoutes } from "./aspirasi.js";
import { atomFeed, robotsTxt, rssFeed, sitemap } from "./feeds.js";
import { announcementPage, homePage, notFoundPage } from "./pages.js";
import { findPublicPost, findSite, listPublicPosts, listSitemapEntries } from "./publicPosts.js";
import { trackingRoutes } from "./tracking.js";
import { unstorableInput } from "@server/routes/middleware/storableInput.js";
import { sendMessage } from "./citizenPages.js";
import { html } from "@server/text/markup.js";
import { ppidRoutes } from "./ppid/index.js";
import { transparencyRoutes } from "./transparency.js";
import { openDataRoutes } from "./openData.js";
import { sendShareable } from "./pageCache.js";
import { siteSitemapEntries } from "./sites/data.js";
import { unitSiteRoutes } from "./sites/index.js";
import { faviconRoutes } from "./favicon.js";
import { languageChoiceRoutes } from "./language.js";

const HOME_PAGE_SIZE = 20;
const FEED_SIZE = 50;

const homeQuery = z.object({ halaman: z.coerce.number().int().min(1).max(100_000).default(1) });

/** The public website: announcement pages, feeds and what search engines read. */
export function publicSiteRoutes(services: Services): Router {
  const router = Router();
  // A page address or query no page can hold (NUL, broken Unicode): a page saying so, never a 500.
  router.use(async (req, res, next) => {
    if (!unstorableInput(req)) return next();
    await sendMessage(
      services,
      res,
      {
        title: "Alamat tidak valid",
        body: html`<p>Alamat ini berisi karakter yang tidak dikenal. <a href="/">Kembali ke beranda</a>.</p>`,
      },
      400,
    );
  });

  router.use(faviconRoutes());
  router.use(languageChoiceRoutes());

  // Unit sites, and the host names mapped to them, before the main site's pages.
  router.use(unitSiteRoutes(services));

  async function sendNotFound(req: Request, res: Response) {
    sendShareable(res, notFoundPage(await findSite(services), req.locale), { status: 404 });
  }

  router.get("/", async (req, res) => {
    const query = homeQuery.safeParse(req.query);
    if (!query.success) return sendNotFound(req, res);
    const page = query.data.halaman;
    const [site, { posts, total }] = await Promise.all([
      findSite(services),
      listPublicPosts(services, { page, pageSize: HOME_PAGE_SIZE }),
    ]);
    if (page > 1 && posts.length === 0) return sendNotFound(req, res);
    sendShareable(res, homePage(site, { posts, page, pageCount: Math.ceil(total / HOME_PAGE_SIZE) }, req.locale));
  });

  router.get("/pengumuman/:slug", async (req, res) => {
    const [site, post] = await Promise.all([findSite(services), findPublicPost(services, req.params.slug)]);
    if (!post) return sendNotFound(req, res);
    sendShareable(res, announcementPage(site, post, req.locale));
  });

  router.get("/feed.xml", async (_req, res) => {
    const [site, { posts }] = await Promise.all([
      findSite(services),
      listPublicPosts(services, { page: 1, pageSize: FEED_SIZE }),
    ]);
    sendShareable(res, rssFeed(site, posts), { type: "application/rss+xml" });
  });

  router.get("/atom.xml", async (_req, res) => {
    const [site, { posts }] = await Promise.all([
      findSite(services),
      listPublicPosts(services, { page: 1, pageSize: FEED_SIZE }),
    ]);
    sendShareable(res, atomFeed(site, posts), { type: "application/atom+xml" });
  });

  router.get("/sitemap.xml", async (_req, res) => {
    const [site, entries, sites] = await Promise.all([
      findSite(services),
      listSitemapEntries(services),
      siteSitemapEntries(services),
    ]);
    sendShareable(res, sitemap(site, [...entries, ...sites]), { type: "application/xml" });
  });

  router.get("/robots.txt", (_req, res) => {
    sendShareable(res, robotsTxt(services.config.publicBaseUrl), { type: "text/plain" });
  });

  router.use(aspirationRoutes(services));
  router.use(trackingRoutes(services));
  router.use(transparencyRoutes(services));
  router.use(openDataRoutes(services));
  router.use(ppidRoutes(services));

  return router;
}

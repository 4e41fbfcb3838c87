import { Router, type Response } from "express";
import { z } from "zod";
import type { Services } from "../../services.js";
import { aspirationRoutes } from "./aspirasi.js";
import { atomFeed, robotsTxt, rssFeed, sitemap } from "./feeds.js";
import { announcementPage, homePage, notFoundPage } from "./pages.js";
import { findPublicPost, findSite, listPublicPosts, listSitemapEntries } from "./publicPosts.js";
import { trackingRoutes } from "./tracking.js";
import { unstorableInput } from "../middleware/storableInput.js";
import { sendMessage } from "./citizenPages.js";
import { html } from "./markup.js";
import { transparencyRoutes } from "./transparency.js";
import { ppidPublicRoutes } from "./ppid/index.js";

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

  async function sendNotFound(res: Response) {
    send(res, "text/html", notFoundPage(await findSite(services)), 404);
  }

  router.get("/", async (req, res) => {
    const query = homeQuery.safeParse(req.query);
    if (!query.success) return sendNotFound(res);
    const page = query.data.halaman;
    const [site, { posts, total }] = await Promise.all([
      findSite(services),
      listPublicPosts(services, { page, pageSize: HOME_PAGE_SIZE }),
    ]);
    if (page > 1 && posts.length === 0) return sendNotFound(res);
    send(res, "text/html", homePage(site, { posts, page, pageCount: Math.ceil(total / HOME_PAGE_SIZE) }));
  });

  router.get("/pengumuman/:slug", async (req, res) => {
    const [site, post] = await Promise.all([findSite(services), findPublicPost(services, req.params.slug)]);
    if (!post) return sendNotFound(res);
    send(res, "text/html", announcementPage(site, post));
  });

  router.get("/feed.xml", async (_req, res) => {
    const [site, { posts }] = await Promise.all([
      findSite(services),
      listPublicPosts(services, { page: 1, pageSize: FEED_SIZE }),
    ]);
    send(res, "application/rss+xml", rssFeed(site, posts));
  });

  router.get("/atom.xml", async (_req, res) => {
    const [site, { posts }] = await Promise.all([
      findSite(services),
      listPublicPosts(services, { page: 1, pageSize: FEED_SIZE }),
    ]);
    send(res, "application/atom+xml", atomFeed(site, posts));
  });

  router.get("/sitemap.xml", async (_req, res) => {
    const [site, entries] = await Promise.all([findSite(services), listSitemapEntries(services)]);
    send(res, "application/xml", sitemap(site, entries));
  });

  router.get("/robots.txt", (_req, res) => {
    send(res, "text/plain", robotsTxt(services.config.publicBaseUrl));
  });

  router.use(aspirationRoutes(services));
  router.use(trackingRoutes(services));
  router.use(transparencyRoutes(services));
  router.use(ppidPublicRoutes(services));

  return router;
}

// A minute of shared caching: a new announcement shows up quickly, and a crowd reading the
// same page costs the server one render a minute.
function send(res: Response, contentType: string, body: string, status = 200) {
  res
    .status(status)
    .set({ "Content-Type": `${contentType}; charset=utf-8`, "Cache-Control": "public, max-age=60" })
    .send(body);
}

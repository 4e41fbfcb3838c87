import { type Request, type Response, Router } from "express";
import type { Services } from "@server/services.js";
import { staleAfterDays } from "@server/sites/settings.js";
import { sitePath } from "@server/sites/slugs.js";
import { atomFeed, type FeedItem, rssFeed, sitemap } from "@server/routes/public/feeds.js";
import { listPublicPosts } from "@server/routes/public/publicPosts.js";
import { excerpt } from "@server/routes/public/text.js";
import {
  childSites,
  findHostSite,
  findSiteUnit,
  lastUpdates,
  ppidPathOf,
  type PublicEntry,
  type PublicUnit,
  publishedEntries,
} from "./data.js";
import { desaFigures, homeMain } from "./home.js";
import {
  agendaMain,
  budgetMain,
  downloadsMain,
  potentialList,
  potentialMain,
  profileMain,
  projectList,
  projectMain,
} from "./pages.js";
import { entryTitle, photosOf } from "@server/sites/content.js";
import { html } from "@server/text/markup.js";
import { SITE_TEXT } from "./text.js";
import { absolute, linkPreview, SECTIONS, type Section, type SiteView, sectionPath, sitePage } from "./view.js";

// The public unit sites: /kecamatan/<k>, /kecamatan/<k>/<d>, /dinas/<o>, each with its sections,
// feeds and sitemap; and the same site at "/" of a host name admins mapped to it.

const FEEDS = ["feed.xml", "atom.xml", "sitemap.xml"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const FEED_SIZE = 50;
/** Paths of the main site a mapped host still serves as they are. */
const SHARED_PATHS = /^\/(media|pengumuman|aspirasi|lacak|transparansi|ppid|robots\.txt|healthz|readyz)(\/|$|\?)/;

type Where = { unit: PublicUnit; page: Section | "home" | (typeof FEEDS)[number]; id?: string };

/** Reads "<desa>/<section>/<id>" after a kecamatan or OPD slug. */
async function resolve(services: Services, section: "kecamatan" | "dinas", segments: string[]): Promise<Where | null> {
  const [top, ...rest] = segments;
  if (!top) return null;
  const isPage = (segment: string | undefined) =>
    segment === undefined ||
    (SECTIONS as readonly string[]).includes(segment) ||
    (FEEDS as readonly string[]).includes(segment);
  const slugs: [string] | [string, string] = section === "kecamatan" && !isPage(rest[0]) ? [top, rest.shift()!] : [top];
  if (!isPage(rest[0]) || rest.length > 2) return null;
  const unit = await findSiteUnit(services, section, slugs);
  if (!unit) return null;
  return { unit, page: (rest[0] as Where["page"] | undefined) ?? "home", id: rest[1] };
}

export function unitSiteRoutes(services: Services): Router {
  const router = Router();
  const mainHost = new URL(services.config.publicBaseUrl).hostname;

  // A mapped host serves its unit's site at "/": its paths are read as that site's.
  router.use(async (req, res, next) => {
    if (req.hostname === mainHost || SHARED_PATHS.test(req.url)) return next();
    const mapped = await findHostSite(services, req.hostname);
    if (!mapped) return next();
    res.locals.siteHostPath = mapped.path;
    req.url = req.url === "/" || req.url.startsWith("/?") ? mapped.path + req.url.slice(1) : mapped.path + req.url;
    next();
  });

  const handle = (section: "kecamatan" | "dinas") => async (req: Request, res: Response, next: () => void) => {
    const segments = req.path.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
    const where = await resolve(services, section, segments);
    if (!where) return next();
    const [updates, ppidPath] = await Promise.all([
      lastUpdates(services.prisma, [where.unit.id]),
      ppidPathOf(services, where.unit),
    ]);
    const hostPath = (res.locals.siteHostPath as string | undefined) ?? null;
    const view: SiteView = {
      unit: where.unit,
      locale: req.query.lang === "en" ? "en" : "id",
      path: sitePath(where.unit)!,
      origin: hostPath ? `${req.protocol}://${req.host}` : services.config.publicBaseUrl,
      hostPath,
      lastUpdatedAt: updates.get(where.unit.id) ?? null,
      ppidPath,
    };
    const page = await render(services, view, where);
    if (!page) return next();
    res
      .status(200)
      .set({ "Content-Type": `${page.type}; charset=utf-8`, "Cache-Control": "public, max-age=60" })
      .send(page.body);
  };
  router.get(["/kecamatan/*path"], handle("kecamatan"));
  router.get(["/dinas/*path"], handle("dinas"));
  return router;
}

/** The unit and, for a kecamatan, its desa: whose content its feeds and news gather. */
async function familyOf(services: Services, unit: PublicUnit): Promise<{ desa: PublicUnit[]; ids: string[] }> {
  const desa = unit.type === "kecamatan" ? await childSites(services, unit.id) : [];
  return { desa, ids: [unit.id, ...desa.map((d) => d.id)] };
}

async function render(
  services: Services,
  view: SiteView,
  where: Where,
): Promise<{ type: string; body: string } | null> {
  const { unit } = where;
  const text = SITE_TEXT[view.locale];
  const entriesOf = <K extends PublicEntry["kind"]>(kinds: K[], id?: string) =>
    publishedEntries<K>(services, { unitIds: [unit.id], kinds, id });
  const htmlPage = (body: string) => ({ type: "text/html", body });
  switch (where.page) {
    case "home": {
      const family = await familyOf(services, unit);
      const [profile, projects, posts, desaEntries, desaUpdates, days] = await Promise.all([
        entriesOf(["profile"]),
        entriesOf(["project"]),
        listPublicPosts(services, { page: 1, pageSize: 5, siteUnitIds: family.ids }),
        publishedEntries(services, { unitIds: family.desa.map((d) => d.id), kinds: ["project", "budget"] }),
        lastUpdates(
          services.prisma,
          family.desa.map((d) => d.id),
        ),
        staleAfterDays(services.prisma),
      ]);
      const desa = family.desa.map((d) => {
        const at = desaUpdates.get(d.id);
        const daysSinceUpdate = at ? Math.floor((Date.now() - at.getTime()) / DAY_MS) : null;
        return desaFigures(
          d,
          desaEntries.entries.filter((e) => e.unitId === d.id),
          { daysSinceUpdate, stale: daysSinceUpdate === null || daysSinceUpdate >= days },
        );
      });
      const profileEntry = profile.entries[0] ?? null;
      const cover = profileEntry?.content.photos.map((id) => profile.attachments[id]).find(Boolean);
      const description = profileEntry?.content.history
        ? excerpt(profileEntry.content.history)
        : text.description(unit.name);
      return htmlPage(
        sitePage(view, {
          section: null,
          description,
          head: linkPreview(view, { title: unit.name, description, path: view.path, image: cover?.url }),
          main: homeMain(view, {
            profile: profileEntry,
            posts: posts.posts,
            projects: projects.entries.slice(0, 5),
            desa,
            attachments: profile.attachments,
          }),
        }),
      );
    }
    case "profil": {
      const { entries, attachments } = await entriesOf(["profile"]);
      return htmlPage(
        sitePage(view, {
          title: text.sections.profil,
          section: "profil",
          main: profileMain(view, entries[0] ?? null, attachments),
        }),
      );
    }
    case "berita": {
      const family = await familyOf(services, unit);
      const { posts } = await listPublicPosts(services, { page: 1, pageSize: FEED_SIZE, siteUnitIds: family.ids });
      return htmlPage(
        sitePage(view, {
          title: text.sections.berita,
          section: "berita",
          main: html`<h1>${text.sections.berita}</h1>${posts.length === 0 && html`<p>${text.empty}</p>`}<ul>${posts.map((post) => html`<li><a href="${post.url}">${post.title}</a><br>${excerpt(post.body)}</li>`)}</ul>`,
        }),
      );
    }
    case "potensi":
    case "pembangunan": {
      const kind = where.page === "potensi" ? "potential" : "project";
      const { entries, attachments } = await entriesOf([kind], where.id);
      if (where.id) {
        const entry = entries[0];
        if (!entry) return null;
        const title = entryTitle(entry.kind, entry.content);
        const path = sectionPath(view, where.page, entry.id);
        const photo = photosOf(entry.kind, entry.content)
          .map((id) => attachments[id])
          .find(Boolean);
        const description = excerpt(
          "description" in entry.content ? entry.content.description : entry.content.benefits || title,
        );
        const main =
          entry.kind === "potential"
            ? potentialMain(view, entry as PublicEntry<"potential">, attachments)
            : projectMain(view, entry as PublicEntry<"project">, attachments);
        return htmlPage(
          sitePage(view, {
            title,
            description,
            section: where.page,
            canonicalPath: path,
            head: linkPreview(view, { title, description, path, image: photo?.url }),
            main,
          }),
        );
      }
      const main =
        kind === "potential"
          ? potentialList(view, entries as PublicEntry<"potential">[], attachments)
          : projectList(view, entries as PublicEntry<"project">[]);
      return htmlPage(sitePage(view, { title: text.sections[where.page], section: where.page, main }));
    }
    case "apbdes": {
      const { entries, attachments } = await entriesOf(["budget"]);
      return htmlPage(
        sitePage(view, {
          title: text.sections.apbdes,
          section: "apbdes",
          main: budgetMain(view, entries, attachments),
        }),
      );
    }
    case "unduhan": {
      const { entries, attachments } = await entriesOf(["download"]);
      return htmlPage(
        sitePage(view, {
          title: text.sections.unduhan,
          section: "unduhan",
          main: downloadsMain(view, entries, attachments),
        }),
      );
    }
    case "agenda": {
      const { entries } = await entriesOf(["agenda"]);
      return htmlPage(
        sitePage(view, { title: text.sections.agenda, section: "agenda", main: agendaMain(view, entries) }),
      );
    }
    case "feed.xml":
    case "atom.xml": {
      const items = await feedItems(services, view, unit);
      const site = { name: unit.name, baseUrl: absolute(view, view.path) };
      return where.page === "feed.xml"
        ? { type: "application/rss+xml", body: rssFeed(site, items) }
        : { type: "application/atom+xml", body: atomFeed(site, items) };
    }
    case "sitemap.xml": {
      const { entries } = await publishedEntries(services, { unitIds: [unit.id], kinds: ["potential", "project"] });
      const urls = [
        ...SECTIONS.map((section) => ({
          url: absolute(view, sectionPath(view, section)),
          publishedAt: view.lastUpdatedAt ?? new Date(0),
        })),
        ...entries.map((entry) => ({ url: absolute(view, entryPath(view, entry)), publishedAt: entry.publishedAt })),
      ];
      return { type: "application/xml", body: sitemap({ name: unit.name, baseUrl: absolute(view, view.path) }, urls) };
    }
    default:
      return null;
  }
}

function entryPath(view: SiteView, entry: PublicEntry): string {
  return sectionPath(
    view,
    entry.kind === "potential"
      ? "potensi"
      : entry.kind === "project"
        ? "pembangunan"
        : entry.kind === "budget"
          ? "apbdes"
          : entry.kind === "download"
            ? "unduhan"
            : entry.kind === "agenda"
              ? "agenda"
              : "profil",
    entry.kind === "potential" || entry.kind === "project" ? entry.id : undefined,
  );
}

/** The site's news and its (and its desa's) newly published entries, newest first. */
async function feedItems(services: Services, view: SiteView, unit: PublicUnit): Promise<FeedItem[]> {
  const family = await familyOf(services, unit);
  const [{ posts }, { entries, attachments }] = await Promise.all([
    listPublicPosts(services, { page: 1, pageSize: FEED_SIZE, siteUnitIds: family.ids }),
    publishedEntries(services, { unitIds: family.ids, take: FEED_SIZE }),
  ]);
  const names = new Map([unit, ...family.desa].map((u) => [u.id, u]));
  const entryItems = entries.map((entry): FeedItem => {
    const owner = names.get(entry.unitId)!;
    const ownerView: SiteView = {
      ...view,
      unit: owner,
      path: owner.id === unit.id ? view.path : `${view.path}/${owner.slug}`,
    };
    const photoId = photosOf(entry.kind, entry.content)[0];
    const photo = photoId ? attachments[photoId] : undefined;
    return {
      title: `${entryTitle(entry.kind, entry.content)} · ${owner.name}`,
      url: absolute(view, entryPath(ownerView, entry)),
      publishedAt: entry.publishedAt,
      body:
        "description" in entry.content
          ? entry.content.description
          : "benefits" in entry.content
            ? entry.content.benefits
            : "",
      coverImage: photo
        ? {
            kind: "image",
            url: photo.url,
            path: new URL(photo.url).pathname,
            mimeType: photo.mimeType,
            bytes: photo.bytes,
            width: photo.width,
            height: photo.height,
          }
        : null,
      unitName: owner.name,
    };
  });
  return [...posts, ...entryItems]
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
    .slice(0, FEED_SIZE);
}

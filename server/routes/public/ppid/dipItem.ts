import { Router, type Response } from "express";
import { z } from "zod";
import type { Locale } from "@server/i18n/locale.js";
import { sendDipFile } from "@server/ppid/dip/files.js";
import { dayIn } from "@server/ppid/dip/dates.js";
import { dipItemInclude, type DipItemWithRelations } from "@server/ppid/dip/listing.js";
import {
  DIP_PATH,
  dipFileVersionPath,
  dipItemPath,
  EXCEPTED_DIP_PATH,
  REQUEST_FORM_PATH,
} from "@server/ppid/dip/paths.js";
import { isExceptedNow, isOnExceptedList, isPublicNow } from "@server/ppid/dip/visibility.js";
import { announcementPath } from "@server/channels/website.js";
import type { Services } from "@server/services.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { notFoundPage } from "@server/routes/public/pages.js";
import { findSite } from "@server/routes/public/publicPosts.js";
import { excerpt, paragraphs } from "@server/routes/public/text.js";
import { exceptedDetails, send } from "./dip.js";
import { localized, pageLanguage, WORDS } from "./text.js";
import { entryColumns, exemptionEndDay, fileType, formatBytes, formatDay, ppidPage, publicFiles } from "./views.js";

const itemParams = z.object({ id: z.uuid() });
const fileParams = itemParams.extend({ versionId: z.uuid() });

/** One DIP entry's page with its documents (every version), and the downloads. */
export function dipItemRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  /** The entry when the public may see it (on the public or the excepted list), else null. */
  async function visibleItem(id: string): Promise<DipItemWithRelations | null> {
    const item = await prisma.dipItem.findUnique({ where: { id }, include: dipItemInclude });
    return item && (isPublicNow(item) || isOnExceptedList(item)) ? item : null;
  }

  async function sendNotFound(res: Response) {
    send(res, notFoundPage(await findSite(services)), 404);
  }

  router.get(`${DIP_PATH}/:id`, async (req, res) => {
    const params = itemParams.safeParse(req.params);
    const item = params.success ? await visibleItem(params.data.id) : null;
    // Not an entry, or not public (a draft, a withdrawn one): not found, saying nothing more.
    if (!item) return sendNotFound(res);
    const lang = pageLanguage(req);
    const site = await findSite(services);
    send(
      res,
      ppidPage(site, lang, {
        title: item.title,
        description: excerpt(item.summary),
        path: dipItemPath(item.id),
        main: itemMain(item, lang),
      }),
    );
  });

  router.get(`${DIP_PATH}/:id/berkas/:versionId`, async (req, res) => {
    const params = fileParams.safeParse(req.params);
    const item = params.success ? await visibleItem(params.data.id) : null;
    const version =
      item &&
      publicFiles(item)
        .flatMap((file) => file.versions)
        .find((v) => v.id === params.data?.versionId);
    if (!version) return sendNotFound(res);
    // A version never changes; a withdrawn entry stops being served within minutes.
    res.set("Cache-Control", "public, max-age=300");
    if (!(await sendDipFile(services, req, res, version))) await sendNotFound(res);
  });

  return router;
}

function itemMain(item: DipItemWithRelations, lang: Locale): SafeMarkup {
  const t = WORDS[lang];
  const excepted = isExceptedNow(item);
  const end = exemptionEndDay(item);
  const files = publicFiles(item);
  return html`<article>
<h1>${item.title}</h1>
${entryColumns(item, lang)}
<h2>${t.summary}</h2>
${paragraphs(item.summary)}
${item.post && item.post.status !== "withdrawn" && html`<p>${t.fromAnnouncement} <a href="${announcementPath(item.post.slug)}">${item.title}</a></p>`}
${excepted && html`<h2>${t.exceptedList}</h2><p>${t.exceptedNote}</p>${exceptedDetails(item, lang)}`}
${!excepted && item.class === "dikecualikan" && end && html`<p>${t.exceptionEnded(formatDay(end, lang))}</p>`}
<h2>${t.files}</h2>
${files.length === 0 ? html`<p>${t.noFiles}</p>` : html`<ul>${files.map((file) => fileEntry(item, file, lang))}</ul>`}
</article>
<p><a class="tombol" href="${localized(REQUEST_FORM_PATH, lang)}">${t.requestButton}</a></p>
<p><a href="${localized(excepted ? EXCEPTED_DIP_PATH : DIP_PATH, lang)}">${excepted ? t.exceptedList : t.backToList}</a></p>`;
}

function fileEntry(item: DipItemWithRelations, file: DipItemWithRelations["files"][number], lang: Locale): SafeMarkup {
  const t = WORDS[lang];
  const [latest, ...older] = file.versions;
  const link = (version: typeof latest & {}) =>
    html`<a href="${dipFileVersionPath(item.id, version.id)}" download>${t.download} ${file.name}</a> (${fileType(version.mimeType)}, ${formatBytes(version.bytes, lang)}, ${t.version(version.version)}, ${formatDay(dayIn(version.createdAt, item.unit.timezone), lang)})`;
  return html`<li>${file.purpose === "consequence_test" && html`<strong>${t.consequenceTest}:</strong> `}${link(latest!)}
${older.length > 0 && html`<details><summary>${t.olderVersions}</summary><ul>${older.map((version) => html`<li>${link(version)}</li>`)}</ul></details>`}</li>`;
}

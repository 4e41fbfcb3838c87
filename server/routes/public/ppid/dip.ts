import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { Prisma } from "@server/db/client.js";
import type { Locale } from "@server/i18n/locale.js";
import {
  DIP_CLASS_LABELS,
  DIP_CLASSES,
  EXEMPTION_LABELS,
  PUBLIC_DIP_CLASSES,
  type ExemptionLetter,
} from "@server/ppid/dip/codes.js";
import { sendDipExport } from "@server/ppid/dip/export.js";
import { openDataLinks } from "@server/routes/public/openData.js";
import { countDipItems, dipItemIds, loadDipItems, type DipFilters } from "@server/ppid/dip/listing.js";
import { DIP_PATH, EXCEPTED_DIP_PATH, REQUEST_FORM_PATH } from "@server/ppid/dip/paths.js";
import type { Services } from "@server/services.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { findSite } from "@server/routes/public/publicPosts.js";
import { paragraphs } from "@server/routes/public/text.js";
import { localized, pageLanguage, WORDS } from "./text.js";
import { entryCard, exemptionEndDay, formatDay, ppidPage } from "./views.js";

const PAGE_SIZE = 20;
const UNIT_CHOICES_MS = 60_000;
type UnitChoice = { id: string; name: string; code: string | null };

// A form sends its empty fields too: an empty filter is no filter.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
const listQuery = z.object({
  q: optional(z.string().trim().max(200)),
  unit: optional(z.string().trim().max(100)),
  kelas: optional(z.enum(DIP_CLASSES)),
  tahun: optional(z.coerce.number().int().min(2000).max(2099)),
  halaman: optional(z.coerce.number().int().min(1).max(100_000)),
  lang: optional(z.enum(["id", "en"])),
  format: optional(z.enum(["csv", "json"])),
});
type ListQuery = z.infer<typeof listQuery>;

/** The public DIP: the list with search and filters, the excepted list, and both as CSV or JSON. */
export function dipListRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;

  /** The query and the filters it names, or null (after answering 400) when it names nothing that exists. */
  async function readFilters(req: Request, res: Response, audience: "public" | "excepted") {
    const lang = pageLanguage(req);
    const parsed = listQuery.safeParse(req.query);
    const unit = parsed.success && parsed.data.unit ? await findUnit(parsed.data.unit) : undefined;
    // The excepted list has no class to choose; the public list has no excepted class.
    const badClass =
      parsed.success && parsed.data.kelas && (audience === "excepted") !== (parsed.data.kelas === "dikecualikan");
    if (!parsed.success || unit === null || badClass) {
      await sendInvalid(res, lang);
      return null;
    }
    const query = parsed.data;
    const filters: DipFilters = {
      audience,
      unitId: unit?.id,
      class: audience === "public" ? query.kelas : undefined,
      year: query.tahun,
      q: query.q,
    };
    return { lang, query, filters };
  }

  async function findUnit(key: string) {
    const byId = z.uuid().safeParse(key).success ? [{ id: key }] : [];
    return prisma.unit.findFirst({ where: { OR: [{ code: key }, ...byId] }, select: { id: true } });
  }

  async function sendInvalid(res: Response, lang: Locale) {
    const t = WORDS[lang];
    const site = await findSite(services);
    send(
      res,
      ppidPage(site, lang, {
        title: t.invalidAddress,
        description: t.invalidAddressBody,
        path: DIP_PATH,
        main: html`<h1>${t.invalidAddress}</h1><p>${t.invalidAddressBody} <a href="${localized(DIP_PATH, lang)}">${t.dip}</a></p>`,
      }),
      400,
    );
  }

  /**
   * The units that have published entries, for the unit filter; kept for as long as the pages
   * themselves are cached (a minute), as every page of every search shows the same choice.
   */
  let unitChoices: { at: number; units: Promise<UnitChoice[]> } | null = null;
  const unitsWithEntries = () => {
    if (!unitChoices || Date.now() - unitChoices.at > UNIT_CHOICES_MS) {
      const units = prisma.$queryRaw<UnitChoice[]>(Prisma.sql`
        SELECT u."id", u."name", u."code" FROM "Unit" u
        WHERE EXISTS (SELECT 1 FROM "DipItem" i WHERE i."unitId" = u."id" AND i."status" = 'published')
        ORDER BY u."path"`);
      unitChoices = { at: Date.now(), units };
      // A failed read is not kept.
      units.catch(() => (unitChoices = null));
    }
    return unitChoices.units;
  };

  async function listPage(req: Request, res: Response, audience: "public" | "excepted") {
    const read = await readFilters(req, res, audience);
    if (!read) return;
    const { lang, query, filters } = read;
    if (query.format) {
      res.set("Cache-Control", "public, max-age=300");
      return sendDipExport(prisma, res, {
        filters,
        order: "published",
        format: query.format,
        baseUrl: services.config.publicBaseUrl,
      });
    }
    const page = query.halaman ?? 1;
    const now = new Date();
    const [site, total, ids, units] = await Promise.all([
      findSite(services),
      countDipItems(prisma, filters, now),
      // One more than a page: whether there is a next one, when the count stops at its cap.
      dipItemIds(prisma, filters, { order: "published", limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }, now),
      unitsWithEntries(),
    ]);
    const items = await loadDipItems(prisma, ids.slice(0, PAGE_SIZE));
    const t = WORDS[lang];
    const path = audience === "public" ? DIP_PATH : EXCEPTED_DIP_PATH;
    const kept = {
      q: query.q,
      unit: query.unit,
      kelas: audience === "public" ? query.kelas : undefined,
      tahun: query.tahun,
    };
    const pages = {
      page,
      hasNext: ids.length > PAGE_SIZE,
      count: total.more ? null : Math.max(1, Math.ceil(total.count / PAGE_SIZE)),
    };
    const title = audience === "public" ? t.dip : t.exceptedList;
    const main = html`<h1>${title}</h1>
<p>${audience === "public" ? t.dipIntro : t.exceptedIntro}</p>
<p>${audience === "public" ? html`<a href="${localized(EXCEPTED_DIP_PATH, lang)}">${t.exceptedList}</a>` : html`<a href="${localized(DIP_PATH, lang)}">${t.dip}</a>`} · <a href="${localized(path, lang, { ...kept, format: "csv" })}">${t.export} (CSV)</a> · <a href="${localized(path, lang, { ...kept, format: "json" })}">${t.export} (JSON)</a></p>
${filterForm(lang, path, query, units, audience)}
<p role="status">${total.more ? t.moreResults(total.count) : t.results(total.count)}</p>
${items.length === 0 && html`<p>${t.none}</p>`}
${items.map((item) => (audience === "public" ? entryCard(item, lang) : html`${entryCard(item, lang)}${exceptedDetails(item, lang)}`))}
${pager(lang, pages, (halaman) => localized(path, lang, { ...kept, halaman }))}
${audience === "public" && openDataLinks("dip", lang)}
<section class="blok"><h2>${t.notFoundAsk}</h2><p><a class="tombol" href="${localized(REQUEST_FORM_PATH, lang)}">${t.requestButton}</a></p></section>`;
    send(
      res,
      ppidPage(site, lang, {
        title,
        description: audience === "public" ? t.dipIntro : t.exceptedIntro,
        path,
        query: { ...kept, halaman: page > 1 ? page : undefined },
        main,
      }),
    );
  }

  router.get(DIP_PATH, (req, res) => listPage(req, res, "public"));
  router.get(EXCEPTED_DIP_PATH, (req, res) => listPage(req, res, "excepted"));
  return router;
}

/** Previous and next pages; "page 3 of 14", or "page 3" when the count stopped at its cap. */
function pager(
  lang: Locale,
  { page, hasNext, count }: { page: number; hasNext: boolean; count: number | null },
  link: (page: number) => string,
): SafeMarkup {
  const t = WORDS[lang];
  if (page === 1 && !hasNext) return html``;
  const label = count === null ? t.page(page) : t.pageOf(page, count);
  return html`<nav class="pages" aria-label="${label}">
<span>${page > 1 && html`<a href="${link(page - 1)}" rel="prev">${t.previous}</a>`}</span>
<span>${label}</span>
<span>${hasNext && html`<a href="${link(page + 1)}" rel="next">${t.next}</a>`}</span>
</nav>`;
}

function filterForm(
  lang: Locale,
  path: string,
  query: ListQuery,
  units: UnitChoice[],
  audience: "public" | "excepted",
): SafeMarkup {
  const t = WORDS[lang];
  const selected = (value: string | undefined, option: string) => (value === option ? html` selected` : "");
  return html`<form class="saring" role="search" method="get" action="${path}">
${lang === "en" && html`<input type="hidden" name="lang" value="en">`}
<div><label for="saring-q">${t.searchLabel}</label><input id="saring-q" type="search" name="q" value="${query.q ?? ""}" maxlength="200"></div>
<div><label for="saring-unit">${t.unit}</label><select id="saring-unit" name="unit"><option value="">${t.allUnits}</option>${units.map((unit) => html`<option value="${unit.code ?? unit.id}"${selected(query.unit, unit.code ?? unit.id)}>${unit.name}</option>`)}</select></div>
${audience === "public" && html`<div><label for="saring-kelas">${t.dipClass}</label><select id="saring-kelas" name="kelas"><option value="">${t.allClasses}</option>${PUBLIC_DIP_CLASSES.map((dipClass) => html`<option value="${dipClass}"${selected(query.kelas, dipClass)}>${DIP_CLASS_LABELS[dipClass][lang]}</option>`)}</select></div>`}
<div><label for="saring-tahun">${t.year}</label><input id="saring-tahun" type="number" name="tahun" min="2000" max="2099" value="${query.tahun ?? ""}"></div>
<div><button type="submit">${t.search}</button> <a href="${localized(path, lang)}">${t.reset}</a></div>
</form>`;
}

/** On the excepted list: the exemption, its consequence test and its end. */
export function exceptedDetails(item: Parameters<typeof exemptionEndDay>[0], lang: Locale): SafeMarkup {
  const t = WORDS[lang];
  const end = exemptionEndDay(item);
  return html`<dl class="kolom">
<dt>${t.exemption}</dt><dd>${item.exemptionLetter ? html`${t.exemptionArticle(item.exemptionLetter)}: ${EXEMPTION_LABELS[item.exemptionLetter as ExemptionLetter]?.[lang]}` : "—"}</dd>
<dt>${t.consequenceTest}</dt><dd>${item.consequenceTest ? paragraphs(item.consequenceTest) : "—"}</dd>
<dt>${t.exceptedUntil}</dt><dd>${end ? formatDay(end, lang) : "—"}</dd>
</dl>`;
}

// A minute of shared caching, like the other public pages.
export function send(res: Response, body: string, status = 200): void {
  res
    .status(status)
    .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=60" })
    .send(body);
}

import { Router } from "express";
import { z } from "zod";
import { Prisma } from "@server/db/client.js";
import { type PpidChannel, PpidDecision, type PpidRequestStatus } from "@server/db/generated/enums.js";
import type { Locale } from "@server/i18n/locale.js";
import { officeCalendar, type PpidCalendar } from "@server/ppid/calendar.js";
import { REGISTER_PATH, REQUEST_FORM_PATH } from "@server/ppid/dip/paths.js";
import { CHANNEL_LABELS, DECISION_LABELS, STATUS_LABELS } from "@server/ppid/codes.js";
import type { Services } from "@server/services.js";
import { citizenPage } from "@server/routes/public/citizenPages.js";
import { html, trusted } from "@server/text/markup.js";
import { sendShareable } from "@server/routes/public/pageCache.js";
import { findSite, type Site } from "@server/routes/public/publicPosts.js";
import { openDataLinks } from "@server/routes/public/openData.js";
import { formatDay } from "./casePage.js";
import { languageInput, otherLanguageLink } from "./language.js";
import { localized, pageLanguage } from "./text.js";
import { listPpidUnits, ppidUnitLabel } from "./requestForm.js";
import { fill, PPID_TEXT } from "./applicantText.js";

// The public register of requests (Perki 1/2021): every request with how and when it was answered.
// Never personal data: no applicant's name, contact or words; the summary is the one staff wrote.

const PAGE_SIZE = 50;
const registerQuery = z.object({
  tahun: z.coerce.number().int().min(2000).max(2099).optional(),
  ppid: z.uuid().optional(),
  keputusan: z.enum(PpidDecision).optional(),
  halaman: z.coerce.number().int().min(1).max(10_000).default(1),
});
type RegisterQuery = z.infer<typeof registerQuery>;

const TABLE_STYLE = trusted(`<style>
.register{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff;margin:0 0 1rem;font-size:.9rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
form.saring{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 1rem}
form.saring label{font-weight:600}
</style>`);

type RegisterRow = {
  registrationNumber: string;
  receivedAt: Date;
  channel: PpidChannel;
  status: PpidRequestStatus;
  decision: PpidDecision | null;
  decidedAt: Date | null;
  publicSummary: string | null;
  unitName: string;
  objections: number;
};

/**
 * One page of the register and the count of its rows. The page's ids are picked from the index on
 * the time of receipt alone (an index-only scan even for deep pages), then only those 50 rows are read.
 */
export async function registerRows(services: Pick<Services, "prisma">, query: RegisterQuery, calendar: PpidCalendar) {
  const conditions = [Prisma.sql`TRUE`];
  if (query.tahun) {
    const range = calendar.yearRange(query.tahun);
    conditions.push(Prisma.sql`"receivedAt" >= ${range.gte} AND "receivedAt" < ${range.lt}`);
  }
  if (query.ppid) conditions.push(Prisma.sql`"unitId" = ${query.ppid}::uuid`);
  if (query.keputusan) conditions.push(Prisma.sql`"decision" = ${query.keputusan}::"PpidDecision"`);
  const where = Prisma.join(conditions, " AND ");
  const [[counted], rows] = await Promise.all([
    services.prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" FROM "PpidRequest" WHERE ${where}`,
    services.prisma.$queryRaw<RegisterRow[]>`
      SELECT r."registrationNumber", r."receivedAt", r."channel", r."status", r."decision", r."decidedAt", r."publicSummary",
        u."name" AS "unitName",
        (SELECT count(*)::int FROM "PpidObjection" o WHERE o."requestId" = r."id") AS "objections"
      FROM (
        SELECT "id" FROM "PpidRequest" WHERE ${where}
        ORDER BY "receivedAt" DESC, "id" DESC
        LIMIT ${PAGE_SIZE} OFFSET ${(query.halaman - 1) * PAGE_SIZE}
      ) page
      JOIN "PpidRequest" r ON r."id" = page."id"
      JOIN "Unit" u ON u."id" = r."unitId"
      ORDER BY r."receivedAt" DESC, r."id" DESC`,
  ]);
  return { total: counted?.total ?? 0, rows };
}

export function registerRoutes(services: Services): Router {
  const router = Router();
  router.get(REGISTER_PATH, async (req, res) => {
    const lang = pageLanguage(req);
    const query = registerQuery.safeParse(req.query);
    const [site, units, calendar] = await Promise.all([
      findSite(services),
      listPpidUnits(services),
      officeCalendar(services.prisma),
    ]);
    if (!query.success)
      return sendShareable(res, registerPage(site, lang, { halaman: 1 }, units, calendar, { total: 0, rows: [] }), {
        status: 400,
      });
    // The same for every reader: kept by the page cache, emptied by ppid.changed when a request changes.
    sendShareable(
      res,
      registerPage(site, lang, query.data, units, calendar, await registerRows(services, query.data, calendar)),
    );
  });
  return router;
}

function registerPage(
  site: Site,
  lang: Locale,
  query: RegisterQuery,
  units: Awaited<ReturnType<typeof listPpidUnits>>,
  calendar: PpidCalendar,
  { total, rows }: Awaited<ReturnType<typeof registerRows>>,
): string {
  const t = PPID_TEXT[lang];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (page: number) => {
    const filters = { tahun: query.tahun, ppid: query.ppid, keputusan: query.keputusan };
    return localized(REGISTER_PATH, lang, { ...filters, halaman: page });
  };
  const thisYear = Number(calendar.dateOf(new Date()).slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const main = html`${otherLanguageLink(lang, REGISTER_PATH, t.otherLanguage, query.halaman > 1 ? { halaman: query.halaman } : {})}
<h1>${t.registerTitle}</h1>
<p>${t.registerIntro}</p>
<form class="saring" method="get" action="${REGISTER_PATH}">
${languageInput(lang)}
<div><label for="tahun">${t.year}</label><select id="tahun" name="tahun"><option value="">${t.all}</option>${years.map((year) => html`<option value="${year}"${year === query.tahun && html` selected`}>${year}</option>`)}</select></div>
<div><label for="ppid">${t.ppid}</label><select id="ppid" name="ppid"><option value="">${t.all}</option>${units.map((unit) => html`<option value="${unit.id}"${unit.id === query.ppid && html` selected`}>${ppidUnitLabel(unit)}</option>`)}</select></div>
<div><label for="keputusan">${t.decision}</label><select id="keputusan" name="keputusan"><option value="">${t.all}</option>${Object.entries(DECISION_LABELS).map(([code, label]) => html`<option value="${code}"${code === query.keputusan && html` selected`}>${label[lang]}</option>`)}</select></div>
<div><button type="submit">${t.filter}</button></div>
</form>
<p class="meta">${fill(t.pageOf, { page: query.halaman, pages, total: total.toLocaleString(lang === "id" ? "id-ID" : "en-GB") })}</p>
<div class="register"><table>
<thead><tr><th>${t.registrationNumber}</th><th>${t.receivedOn}</th><th>${t.ppid}</th><th>${t.channel}</th><th>${t.summary}</th><th>${t.status}</th><th>${t.decision}</th><th>${t.noticeOn}</th><th class="n">${t.workingDays}</th><th class="n">${t.objection}</th></tr></thead>
<tbody>${
    rows.length === 0
      ? html`<tr><td colspan="10">${t.noRows}</td></tr>`
      : rows.map((row) => {
          const receivedOn = calendar.dateOf(row.receivedAt);
          const decidedOn = row.decidedAt ? calendar.dateOf(row.decidedAt) : null;
          return html`<tr><td>${row.registrationNumber}</td><td>${formatDay(receivedOn, lang)}</td><td>${row.unitName}</td><td>${CHANNEL_LABELS[row.channel][lang]}</td><td>${row.publicSummary ?? t.none}</td><td>${STATUS_LABELS[row.status][lang]}</td><td>${row.decision ? DECISION_LABELS[row.decision][lang] : t.notDecided}</td><td>${decidedOn ? formatDay(decidedOn, lang) : t.none}</td><td class="n">${decidedOn ? calendar.workingDaysBetween(receivedOn, decidedOn) : t.none}</td><td class="n">${row.objections}</td></tr>`;
        })
  }</tbody>
</table></div>
<p class="pages">${query.halaman > 1 ? html`<a href="${link(query.halaman - 1)}">${t.previous}</a>` : html`<span></span>`}${query.halaman < pages ? html`<a href="${link(query.halaman + 1)}">${t.next}</a>` : html`<span></span>`}</p>
${openDataLinks("register-ppid", lang)}
<p><a href="${localized(REQUEST_FORM_PATH, lang)}">${t.formTitle}</a></p>`;
  return citizenPage(site, {
    title: t.registerTitle,
    description: t.registerIntro,
    main: html`${TABLE_STYLE}${main}`,
    lang,
  });
}

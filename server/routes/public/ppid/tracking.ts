import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Locale } from "@server/i18n/locale.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { sendPpidFile } from "@server/ppid/files.js";
import {
  OBJECTION_LETTERS,
  REQUEST_LETTERS,
  objectionLetterExists,
  renderObjectionLetter,
  renderRequestLetter,
  requestLetterExists,
  trackingPath,
} from "@server/ppid/letters.js";
import { REQUEST_FORM_PATH, TRACKING_PATH } from "@server/ppid/dip/paths.js";
import { formatAccessCode, normalizeAccessCode, normalizeRegistrationNumber } from "@server/ppid/numbers.js";
import type { Services } from "@server/services.js";
import { citizenPage, FormView, sendMessage, sendPage } from "@server/routes/public/citizenPages.js";
import { html } from "@server/text/markup.js";
import { findSite, type Site } from "@server/routes/public/publicPosts.js";
import { applicantFiles, type Opened, openCase, sendPdfDownload } from "./access.js";
import { casePage } from "./casePage.js";
import { languageInput, otherLanguageLink } from "./language.js";
import { localized, pageLanguage } from "./text.js";
import { PPID_TEXT } from "./applicantText.js";

type LookupField = "nomor" | "kode";
const CASE = "/ppid/lacak/:nomor/:kode";

/** The applicant's side of a case: the lookup, the case page, its letters and its files. */
export function trackingRoutes(services: Services): Router {
  const router = Router();

  async function renderLookup(
    req: Request,
    res: Response,
    typed: Partial<Record<LookupField, string>>,
    error: string | undefined,
    status: number,
  ) {
    const lang = pageLanguage(req);
    const form = new FormView<LookupField>(typed, error ? { nomor: error } : {}, lang);
    sendPage(res, lookupPage(await findSite(services), lang, form), status);
  }

  /** Runs `then` with the case the address opens, or answers with the lookup page saying why not. */
  async function withCase(req: Request, res: Response, then: (opened: Opened) => Promise<void>) {
    const result = await openCase(services, req);
    if ("opened" in result) return then(result.opened);
    const t = PPID_TEXT[pageLanguage(req)];
    if (result.refused === "too_many")
      return sendMessage(services, res, { title: t.tooManyTitle, body: html`<p>${t.errLookup}</p>` }, 429);
    return renderLookup(req, res, { nomor: String(req.params.nomor ?? "") }, t.errLookup, 404);
  }

  router.get(TRACKING_PATH, async (req, res) => {
    const nomor = typeof req.query.nomor === "string" ? req.query.nomor : "";
    const kode = typeof req.query.kode === "string" ? req.query.kode : "";
    if (!nomor.trim() && !kode.trim()) return renderLookup(req, res, {}, undefined, 200);
    const number = normalizeRegistrationNumber(nomor);
    const code = normalizeAccessCode(kode);
    if (!number || !code) return renderLookup(req, res, { nomor }, PPID_TEXT[pageLanguage(req)].errLookup, 400);
    res.redirect(303, localized(trackingPath(number, formatAccessCode(code)), pageLanguage(req)));
  });

  router.get(CASE, (req, res) =>
    withCase(req, res, async (opened) => {
      const calendar = await officeCalendar(services.prisma);
      const notices = {
        justFiled: req.query.baru === "1",
        objectionFiled: typeof req.query.keberatan === "string" ? req.query.keberatan.slice(0, 30) : undefined,
        surveyed: req.query.survei === "1",
      };
      sendPage(res, casePage(await findSite(services), pageLanguage(req), opened, calendar, new Date(), notices));
    }),
  );

  const letterParam = z.enum(REQUEST_LETTERS);
  router.get(`${CASE}/surat/:letter`, (req, res) =>
    withCase(req, res, async ({ request }) => {
      const letter = letterParam.safeParse(req.params.letter);
      if (!letter.success || !requestLetterExists(request, letter.data)) return void res.status(404).end();
      const { filename, pdf } = await renderRequestLetter(services, request, letter.data, { withAccessCode: true });
      sendPdfDownload(res, filename, pdf);
    }),
  );

  const objectionLetterParam = z.enum(OBJECTION_LETTERS);
  router.get(`${CASE}/keberatan/:keberatan/surat/:letter`, (req, res) =>
    withCase(req, res, async ({ request }) => {
      const objection = request.objections.find((o) => o.registrationNumber === req.params.keberatan);
      const letter = objectionLetterParam.safeParse(req.params.letter);
      if (!objection || !letter.success || !objectionLetterExists(objection, letter.data))
        return void res.status(404).end();
      const { filename, pdf } = await renderObjectionLetter(services, request, objection, letter.data, {
        withAccessCode: true,
      });
      sendPdfDownload(res, filename, pdf);
    }),
  );

  router.get(`${CASE}/berkas/:fileId`, (req, res) =>
    withCase(req, res, async ({ request }) => {
      const file = applicantFiles(request).find((candidate) => candidate.id === req.params.fileId);
      if (!file) return void res.status(404).end();
      if (!(await sendPpidFile(services, req, res, file))) res.status(404).end();
    }),
  );

  return router;
}

function lookupPage(site: Site, lang: Locale, form: FormView<LookupField>): string {
  const t = PPID_TEXT[lang];
  const main = html`${otherLanguageLink(lang, TRACKING_PATH, t.otherLanguage)}
<h1>${t.lookupTitle}</h1>
<p>${t.lookupIntro}</p>
${form.summary(["nomor", "kode"])}
<form method="get" action="${TRACKING_PATH}">
${languageInput(lang)}
${form.field("nomor", { label: t.registrationNumber, hint: "PPID-2026-00042" }, (attributes) => html`<input type="text" ${attributes} value="${form.value("nomor")}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" required>`)}
${form.field("kode", { label: t.accessCode, hint: "ABCD-EFGH-JKLM" }, (attributes) => html`<input type="text" ${attributes} value="" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="30" required>`)}
<p><button type="submit">${t.lookupSubmit}</button></p>
</form>
<p><a href="${localized(REQUEST_FORM_PATH, lang)}">${t.formTitle}</a></p>`;
  return citizenPage(site, { title: t.lookupTitle, description: t.lookupIntro, main, lang });
}

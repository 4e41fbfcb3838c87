import express, { Router, type Request, type Response } from "express";
import { releaseFormToken, spendFormToken } from "@server/auth/formTokens.js";
import { submitPpidSurvey } from "@server/commands/ppidDecisions.js";
import { fileObjection } from "@server/commands/ppidObjections.js";
import { APPLICANT_ORIGIN } from "@server/commands/ppidRequests.js";
import { AppError } from "@server/errors.js";
import type { Locale } from "@server/i18n/locale.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { OBJECTION_REASONS, type ObjectionReason } from "@server/ppid/codes.js";
import { objectionWindows, type ObjectionWindow } from "@server/ppid/deadlines.js";
import { TRACKING_PATH } from "@server/ppid/dip/paths.js";
import { PPID_LIMITS as L } from "@server/ppid/limits.js";
import type { Services } from "@server/services.js";
import { citizenPage, FormView, sendMessage, sendPage } from "@server/routes/public/citizenPages.js";
import { checkPurposeToken, formTokenExpiry, issuePurposeToken } from "@server/routes/public/formTokens.js";
import { html } from "@server/text/markup.js";
import { findSite } from "@server/routes/public/publicPosts.js";
import { type Opened, openCase } from "./access.js";
import { formatDay } from "./casePage.js";
import { localized, pageLanguage } from "./text.js";
import { plain, readForm } from "./requestFields.js";
import { PPID_TEXT, type PpidText } from "./applicantText.js";

const CASE = "/ppid/lacak/:nomor/:kode";
const OBJECTION_PURPOSE = "ppid-keberatan";
const SURVEY_PURPOSE = "ppid-survei";

type ObjectionField = "alasan" | "kasus" | "kuasa";
type SurveyField = "nilai" | "tepat_waktu" | "sesuai" | "saran";

/** The applicant's objection form and satisfaction survey, opened by the case's number and code. */
export function objectionFormRoutes(services: Services): Router {
  const router = Router();
  // Checkboxes of one name arrive as an array: read with extended parsing, then as plain strings.
  const formBody = express.urlencoded({ extended: true, limit: "50kb", parameterLimit: 30 });

  async function opened(req: Request, res: Response): Promise<Opened | null> {
    const result = await openCase(services, req);
    if ("opened" in result) return result.opened;
    res.redirect(303, localized(TRACKING_PATH, pageLanguage(req)));
    return null;
  }

  async function page(
    req: Request,
    res: Response,
    body: (t: PpidText, lang: Locale) => ReturnType<typeof html>,
    title: keyof PpidText,
    status = 200,
  ) {
    const lang = pageLanguage(req);
    const t = PPID_TEXT[lang];
    sendPage(
      res,
      citizenPage(await findSite(services), { title: t[title], description: t[title], main: body(t, lang), lang }),
      status,
    );
  }

  async function objectionPage(
    req: Request,
    res: Response,
    open: Opened,
    form: { values?: Record<string, string>; errors?: Partial<Record<ObjectionField, string>>; chosen?: string[] },
    status = 200,
  ) {
    const windows = objectionWindows(open.request, new Date(), await officeCalendar(services.prisma)).filter(
      (w) => w.open,
    );
    const token = issuePurposeToken(services.hasher, OBJECTION_PURPOSE);
    await page(
      req,
      res,
      (t, lang) =>
        objectionFormMarkup(
          t,
          lang,
          open,
          windows,
          new FormView(form.values, form.errors, lang),
          form.chosen ?? [],
          token,
        ),
      "objectTitle",
      status,
    );
  }

  router.get(`${CASE}/keberatan`, async (req, res) => {
    const open = await opened(req, res);
    if (open) await objectionPage(req, res, open, {});
  });

  router.post(`${CASE}/keberatan`, formBody, async (req, res) => {
    const open = await opened(req, res);
    if (!open) return;
    const lang = pageLanguage(req);
    const t = PPID_TEXT[lang];
    // A body that is not a form (JSON, nothing) reads as an empty form.
    const raw: Record<string, unknown> = typeof req.body === "object" && req.body !== null ? req.body : {};
    const chosen = [raw.alasan]
      .flat()
      .filter((value): value is string => typeof value === "string" && value in OBJECTION_REASONS);
    const values = readForm(raw, ["kasus", "kuasa", "token", "situs"] as const);
    const token = checkPurposeToken(services.hasher, OBJECTION_PURPOSE, values.token);
    if (values.situs || token === "forged")
      return sendMessage(services, res, { title: t.refusedTitle, body: html`<p>${t.refusedBody}</p>` }, 403);
    const statement = plain(values.kasus);
    const errors: Partial<Record<ObjectionField, string>> = {};
    if (token !== "ok") errors.kasus = token === "too_fast" ? t.noticeTooFast : t.noticeExpired;
    if (chosen.length === 0) errors.alasan = t.errReasons;
    if (statement.length < L.statement.min || statement.length > L.statement.max) errors.kasus = t.errStatement;
    if (values.kuasa.trim().length > L.name.max) errors.kuasa = t.errName;
    if (Object.keys(errors).length > 0)
      return objectionPage(req, res, open, { values, errors, chosen }, token === "too_fast" ? 429 : 400);
    if (!(await spendFormToken(services.prisma, values.token, formTokenExpiry(values.token))))
      return objectionPage(req, res, open, { values, chosen, errors: { kasus: t.noticeUsed } }, 409);
    try {
      const { objection } = await fileObjection(services, {
        origin: { ...APPLICANT_ORIGIN, ip: req.ip, requestId: String(req.id) },
        requestId: open.request.id,
        channel: "web",
        objection: { reasons: chosen as ObjectionReason[], statement, representativeName: values.kuasa.trim() || null },
      });
      res.redirect(303, localized(open.base, lang, { keberatan: objection.registrationNumber }));
    } catch (error) {
      await releaseFormToken(services.prisma, values.token);
      // A reason that closed or does not apply: the form again, saying so.
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return objectionPage(req, res, open, { values, chosen, errors: { alasan: error.messageIn(lang) } }, error.status);
    }
  });

  router.get(`${CASE}/survei`, async (req, res) => {
    const open = await opened(req, res);
    if (!open) return;
    const token = issuePurposeToken(services.hasher, SURVEY_PURPOSE);
    await page(
      req,
      res,
      (t, lang) => surveyMarkup(t, lang, open, new FormView<SurveyField>({}, {}, lang), token),
      "surveyTitle",
    );
  });

  router.post(`${CASE}/survei`, formBody, async (req, res) => {
    const open = await opened(req, res);
    if (!open) return;
    const lang = pageLanguage(req);
    const t = PPID_TEXT[lang];
    const values = readForm(req.body, ["nilai", "tepat_waktu", "sesuai", "saran", "token"] as const);
    if (checkPurposeToken(services.hasher, SURVEY_PURPOSE, values.token) === "forged")
      return sendMessage(services, res, { title: t.refusedTitle, body: html`<p>${t.refusedBody}</p>` }, 403);
    const satisfaction = Number(values.nilai);
    if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
      const token = issuePurposeToken(services.hasher, SURVEY_PURPOSE);
      return page(
        req,
        res,
        (text, lang) =>
          surveyMarkup(text, lang, open, new FormView<SurveyField>(values, { nilai: t.errRating }, lang), token),
        "surveyTitle",
        400,
      );
    }
    await submitPpidSurvey(services, {
      origin: { ...APPLICANT_ORIGIN, ip: req.ip, requestId: String(req.id) },
      requestId: open.request.id,
      survey: {
        satisfaction,
        timely: values.tepat_waktu === "ya",
        asRequested: values.sesuai === "ya",
        comment: plain(values.saran).slice(0, L.note.max) || null,
      },
    }).catch((error: unknown) => {
      // Answered already, or not decided yet: nothing to record, the case page says where it stands.
      if (!(error instanceof AppError) || error.status >= 500) throw error;
    });
    res.redirect(303, localized(open.base, lang, { survei: 1 }));
  });

  return router;
}

function objectionFormMarkup(
  t: PpidText,
  lang: Locale,
  { base, request }: Opened,
  windows: ObjectionWindow[],
  form: FormView<ObjectionField>,
  chosen: string[],
  token: string,
) {
  return html`<h1>${t.objectTitle}</h1>
<p class="nomor">${request.registrationNumber}</p>
<p>${t.objectIntro}</p>
${form.summary(["alasan", "kasus", "kuasa"])}
${
  windows.length === 0
    ? html`<p>${t.objectNone}</p>`
    : html`<form method="post" action="${localized(`${base}/keberatan`, lang)}">
<fieldset id="isian-alasan"><legend>${t.objectReasons}</legend>
${form.error("alasan")}
${windows.map((w) => html`<div class="centang"><input type="checkbox" id="alasan-${w.reason}" name="alasan" value="${w.reason}"${chosen.includes(w.reason) && html` checked`}><label for="alasan-${w.reason}">${w.reason}. ${OBJECTION_REASONS[w.reason][lang]} (${t.objectUntil} ${formatDay(w.filingEndsOn, lang)})</label></div>`)}
</fieldset>
${form.field("kasus", { label: t.statement, hint: t.statementHint }, (attributes) => html`<textarea ${attributes} rows="8" minlength="${L.statement.min}" maxlength="${L.statement.max}" required>${form.value("kasus")}</textarea>`)}
${form.field("kuasa", { label: t.representative }, (attributes) => html`<input type="text" ${attributes} value="${form.value("kuasa")}" maxlength="${L.name.max}">`)}
<div class="tersembunyi" aria-hidden="true"><label for="isian-situs">${t.honeypot}</label><input type="text" id="isian-situs" name="situs" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="token" value="${token}">
<p><button type="submit">${t.objectSubmit}</button></p>
</form>`
}
<p><a href="${localized(base, lang)}">${t.caseTitle} ${request.registrationNumber}</a></p>`;
}

function surveyMarkup(
  t: PpidText,
  lang: Locale,
  { base, request }: Opened,
  form: FormView<SurveyField>,
  token: string,
) {
  const yesNo = (name: SurveyField, label: string) =>
    html`<fieldset><legend>${label}</legend>${(["ya", "tidak"] as const).map((value) => html`<div class="centang"><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${value === "ya" && html` checked`}><label for="${name}-${value}">${value === "ya" ? t.yes : t.no}</label></div>`)}</fieldset>`;
  return html`<h1>${t.surveyTitle}</h1>
<p class="nomor">${request.registrationNumber}</p>
<p>${t.surveyIntro}</p>
${form.summary(["nilai"])}
<form method="post" action="${localized(`${base}/survei`, lang)}">
<fieldset id="isian-nilai"><legend>${t.satisfaction}</legend>
${form.error("nilai")}
${[1, 2, 3, 4, 5].map((value) => html`<div class="centang"><input type="radio" id="nilai-${value}" name="nilai" value="${value}"><label for="nilai-${value}">${value}</label></div>`)}
</fieldset>
${yesNo("tepat_waktu", t.timely)}
${yesNo("sesuai", t.asRequested)}
${form.field("saran", { label: t.comment }, (attributes) => html`<textarea ${attributes} rows="4" maxlength="${L.note.max}">${form.value("saran")}</textarea>`)}
<input type="hidden" name="token" value="${token}">
<p><button type="submit">${t.surveySubmit}</button></p>
</form>`;
}

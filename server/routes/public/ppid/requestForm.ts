import express, { Router, type Request, type Response } from "express";
import { releaseFormToken, spendFormToken } from "@server/auth/formTokens.js";
import { APPLICANT_ORIGIN, createPpidRequest } from "@server/commands/ppidRequests.js";
import type { Locale } from "@server/i18n/locale.js";
import {
  ACCESS_METHOD_LABELS,
  APPLICANT_TYPE_LABELS,
  COPY_FORM_LABELS,
  DELIVERY_LABELS,
  IDENTITY_TYPE_LABELS,
  type Bilingual,
} from "@server/ppid/codes.js";
import { REGISTER_PATH, REQUEST_FORM_PATH, TRACKING_PATH } from "@server/ppid/dip/paths.js";
import { trackingPath } from "@server/ppid/letters.js";
import { PPID_LIMITS as L } from "@server/ppid/limits.js";
import type { Services } from "@server/services.js";
import {
  citizenPage,
  FormView,
  refuseWhenOverLimit,
  sendMessage,
  sendPage,
} from "@server/routes/public/citizenPages.js";
import { checkPurposeToken, formTokenExpiry, issuePurposeToken } from "@server/routes/public/formTokens.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { findSite, type Site } from "@server/routes/public/publicPosts.js";
import { otherLanguageLink } from "./language.js";
import { localized, pageLanguage } from "./text.js";
import {
  type FieldErrors,
  type FormValues,
  HONEYPOT,
  REQUEST_FIELDS,
  type RequestField,
  readRequestForm,
  validateRequestForm,
} from "./requestFields.js";
import { PPID_TEXT, type PpidText } from "./applicantText.js";

export const REQUEST_FORM_PURPOSE = "ppid-permohonan";
const REQUEST_LIMIT = { name: "ppid-permohonan", limit: 5, windowMs: 60 * 60_000 };

type PpidUnitChoice = { id: string; name: string; ppidLevel: string | null };

/** The PPIDs a request may be addressed to: the Utama first. */
export async function listPpidUnits(services: Pick<Services, "prisma">): Promise<PpidUnitChoice[]> {
  const units = await services.prisma.unit.findMany({
    where: { ppidLevel: { not: null }, active: true },
    select: { id: true, name: true, ppidLevel: true },
    orderBy: { name: "asc" },
  });
  return units.sort((a, b) => Number(b.ppidLevel === "utama") - Number(a.ppidLevel === "utama"));
}

export const ppidUnitLabel = (unit: PpidUnitChoice) =>
  `${unit.ppidLevel === "utama" ? "PPID Utama" : "PPID Pelaksana"} — ${unit.name}`;

/** The website's form for requests of public information, with a receipt and a tracking page at once. */
export function requestFormRoutes(services: Services): Router {
  const router = Router();
  const formBody = express.urlencoded({ extended: false, limit: "100kb", parameterLimit: 50 });

  async function renderForm(
    req: Request,
    res: Response,
    form: { values?: Partial<FormValues>; errors?: FieldErrors; notice?: string },
    status = 200,
  ) {
    const lang = pageLanguage(req);
    const [site, units] = await Promise.all([findSite(services), listPpidUnits(services)]);
    const values = { ditujukan: units[0]?.id ?? "", ...form.values };
    const view = new FormView<RequestField>(values, form.errors, lang);
    const token = issuePurposeToken(services.hasher, REQUEST_FORM_PURPOSE);
    sendPage(res, requestFormPage(site, lang, { view, units, token, notice: form.notice }), status);
  }

  router.get(REQUEST_FORM_PATH, (req, res) => renderForm(req, res, {}));

  router.post(REQUEST_FORM_PATH, formBody, async (req, res) => {
    const lang = pageLanguage(req);
    const t = PPID_TEXT[lang];
    const values = readRequestForm(req.body);
    const token = checkPurposeToken(services.hasher, REQUEST_FORM_PURPOSE, values.token);
    if (values[HONEYPOT] || token === "forged")
      return sendMessage(
        services,
        res,
        {
          title: t.refusedTitle,
          body: html`<p>${t.refusedBody} <a href="${localized(REQUEST_FORM_PATH, lang)}">${t.formTitle}</a></p>`,
        },
        403,
      );
    if (token === "too_fast") return renderForm(req, res, { values, notice: t.noticeTooFast }, 429);
    if (token === "expired") return renderForm(req, res, { values, notice: t.noticeExpired }, 400);
    const units = await listPpidUnits(services);
    const checked = validateRequestForm(
      values,
      units.map((unit) => unit.id),
      t,
    );
    if (!checked.ok) return renderForm(req, res, { values, errors: checked.errors }, 400);
    // One request per form: a resubmitted or replayed form files nothing more.
    if (!(await spendFormToken(services.prisma, values.token, formTokenExpiry(values.token))))
      return renderForm(req, res, { values, notice: t.noticeUsed }, 409);
    // Counted only for requests about to be filed, so correcting mistakes costs nothing.
    if (await refuseWhenOverLimit(services, req, res, REQUEST_LIMIT)) return;
    const { request, accessCode } = await createPpidRequest(services, {
      origin: { ...APPLICANT_ORIGIN, ip: req.ip, requestId: String(req.id) },
      input: checked.input,
      channel: "web",
      unitId: checked.unitId,
    }).catch(async (error: unknown) => {
      await releaseFormToken(services.prisma, values.token);
      throw error;
    });
    res.redirect(303, localized(trackingPath(request.registrationNumber, accessCode), lang, { baru: 1 }));
  });

  return router;
}

function options<T extends string>(labels: Record<T, Bilingual>, lang: Locale, selected: string): SafeMarkup[] {
  return (Object.entries(labels) as [T, Bilingual][]).map(
    ([value, label]) => html`<option value="${value}"${value === selected && html` selected`}>${label[lang]}</option>`,
  );
}

function requestFormPage(
  site: Site,
  lang: Locale,
  form: { view: FormView<RequestField>; units: PpidUnitChoice[]; token: string; notice?: string },
): string {
  const t: PpidText = PPID_TEXT[lang];
  const { view } = form;
  const select = (name: RequestField, label: string, choices: SafeMarkup[], hint?: string) =>
    view.field(
      name,
      { label, hint },
      (attributes) => html`<select ${attributes} required><option value="">${t.choose}</option>${choices}</select>`,
    );
  const text = (
    name: RequestField,
    label: string,
    extra: {
      hint?: string;
      max: number;
      type?: string;
      required?: boolean;
      autocomplete?: string;
      also?: RequestField;
    },
  ) =>
    view.field(
      name,
      { label, hint: extra.hint, alsoDescribedBy: extra.also },
      (attributes) =>
        html`<input type="${extra.type ?? "text"}" ${attributes} value="${view.value(name)}" maxlength="${extra.max}"${extra.autocomplete && html` autocomplete="${extra.autocomplete}"`}${extra.required !== false && html` required`}>`,
    );
  const area = (name: RequestField, label: string, limits: { min: number; max: number }, hint?: string) =>
    view.field(
      name,
      { label, hint },
      (attributes) =>
        html`<textarea ${attributes} rows="6" minlength="${limits.min}" maxlength="${limits.max}" required>${view.value(name)}</textarea>`,
    );
  const main = html`${otherLanguageLink(lang, REQUEST_FORM_PATH, t.otherLanguage)}
<h1>${t.formTitle}</h1>
<p>${t.formIntro}</p>
<p><a href="${localized(TRACKING_PATH, lang)}">${t.trackLink}</a> · <a href="${localized(REGISTER_PATH, lang)}">${t.formRegisterLink}</a></p>
${form.notice && html`<div class="ringkasan" role="alert"><p>${form.notice}</p></div>`}
${view.summary(REQUEST_FIELDS)}
<form method="post" action="${localized(REQUEST_FORM_PATH, lang)}">
<fieldset>
<legend>${t.applicantLegend}</legend>
<p class="petunjuk">${t.applicantHint}</p>
${select("jenis_pemohon", t.applicantType, options(APPLICANT_TYPE_LABELS, lang, view.value("jenis_pemohon")))}
${text("nama", t.name, { max: L.name.max, autocomplete: "name" })}
${select("jenis_identitas", t.identityType, options(IDENTITY_TYPE_LABELS, lang, view.value("jenis_identitas")))}
${text("nomor_identitas", t.identityNumber, { max: 60, hint: t.identityHint, autocomplete: "off" })}
${text("pekerjaan", t.occupation, { max: L.occupation.max, required: false })}
${view.field("alamat", { label: t.address }, (attributes) => html`<textarea ${attributes} rows="3" maxlength="${L.address.max}" required>${view.value("alamat")}</textarea>`)}
<fieldset>
<legend>${t.contactLegend}</legend>
<p class="petunjuk">${t.contactHint}</p>
${view.error("kontak")}
${text("telepon", t.phone, { max: L.phone.max, type: "tel", required: false, autocomplete: "tel", also: "kontak" })}
${text("email", t.email, { max: L.email.max, type: "email", required: false, autocomplete: "email", also: "kontak" })}
</fieldset>
</fieldset>
<fieldset>
<legend>${t.requestLegend}</legend>
${select(
  "ditujukan",
  t.addressedTo,
  form.units.map(
    (unit) =>
      html`<option value="${unit.id}"${unit.id === view.value("ditujukan") && html` selected`}>${ppidUnitLabel(unit)}</option>`,
  ),
  t.addressedHint,
)}
${area("informasi", t.information, L.information, t.informationHint)}
${area("tujuan", t.purpose, L.purpose)}
${select("cara", t.accessMethod, options(ACCESS_METHOD_LABELS, lang, view.value("cara")))}
${view.field("salinan", { label: t.copyForm }, (attributes) => html`<select ${attributes}><option value="">${t.choose}</option>${options(COPY_FORM_LABELS, lang, view.value("salinan"))}</select>`)}
${select("pengiriman", t.delivery, options(DELIVERY_LABELS, lang, view.value("pengiriman")))}
</fieldset>
<fieldset>
${view.checkbox("setuju", t.consent, "ya")}
</fieldset>
<div class="tersembunyi" aria-hidden="true"><label for="isian-${HONEYPOT}">${t.honeypot}</label><input type="text" id="isian-${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="token" value="${form.token}">
<p><button type="submit">${t.submit}</button></p>
</form>`;
  return citizenPage(site, { title: t.formTitle, description: t.formIntro, main, lang });
}

import { Router } from "express";
import type { PpidProfile } from "@server/db/generated/client.js";
import type { Locale } from "@server/i18n/locale.js";
import { DIP_PATH, EXCEPTED_DIP_PATH, PPID_PATH, ppidProfilePath, REQUEST_FORM_PATH } from "@server/ppid/dip/paths.js";
import type { Services } from "@server/services.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { findSite } from "@server/routes/public/publicPosts.js";
import { paragraphs } from "@server/routes/public/text.js";
import { send } from "./dip.js";
import { DEFAULT_PROCEDURES, localized, pageLanguage, WORDS } from "./text.js";
import { ppidPage } from "./views.js";

type PpidUnit = { id: string; name: string; code: string | null; ppidLevel: "utama" | "pelaksana" | null };

/** The PPID's public profile: the PPID Utama's at /ppid, each PPID Pelaksana's at /ppid/<unit code>. */
export function ppidProfileRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;
  const ppidUnits = (level: "utama" | "pelaksana") =>
    prisma.unit.findMany({
      where: { ppidLevel: level, active: true },
      include: { ppidProfile: true },
      orderBy: { name: "asc" },
    });

  router.get(PPID_PATH, async (req, res) => {
    const lang = pageLanguage(req);
    const [site, [utama], pelaksana] = await Promise.all([
      findSite(services),
      ppidUnits("utama"),
      ppidUnits("pelaksana"),
    ]);
    const t = WORDS[lang];
    const main = utama
      ? profileMain(utama, utama.ppidProfile, lang, pelaksana)
      : html`<h1>${t.ppid}</h1><p>${t.noPpid}</p>${dipLinks(lang)}`;
    send(
      res,
      ppidPage(site, lang, {
        title: utama ? t.ppidOf(utama.name) : t.ppid,
        description: `${t.ppid} ${site.name}`,
        path: PPID_PATH,
        main,
      }),
    );
  });

  // Other PPID pages (/ppid/dip, the request form) are routes of their own: only a PPID Pelaksana's code answers here.
  router.get(`${PPID_PATH}/:code`, async (req, res, next) => {
    const unit = await prisma.unit.findFirst({
      where: { code: req.params.code, ppidLevel: "pelaksana", active: true },
      include: { ppidProfile: true },
    });
    if (!unit) return next();
    const lang = pageLanguage(req);
    const site = await findSite(services);
    send(
      res,
      ppidPage(site, lang, {
        title: WORDS[lang].ppidOf(unit.name),
        description: `${WORDS[lang].ppid} ${unit.name}`,
        path: ppidProfilePath(unit),
        main: profileMain(unit, unit.ppidProfile, lang, []),
      }),
    );
  });

  return router;
}

function dipLinks(lang: Locale, unit?: PpidUnit): SafeMarkup {
  const t = WORDS[lang];
  const filter = unit?.ppidLevel === "pelaksana" ? { unit: unit.code ?? unit.id } : {};
  return html`<section class="blok"><h2>${t.dip}</h2><p>${t.dipIntro}</p>
<p><a href="${localized(DIP_PATH, lang, filter)}">${t.dip}</a> · <a href="${localized(EXCEPTED_DIP_PATH, lang, filter)}">${t.exceptedList}</a></p></section>`;
}

function profileMain(unit: PpidUnit, profile: PpidProfile | null, lang: Locale, pelaksana: PpidUnit[]): SafeMarkup {
  const t = WORDS[lang];
  const notYet = html`<p>${t.notPublishedYet}</p>`;
  const section = (title: string, text: string | undefined, fallback: SafeMarkup = notYet) =>
    html`<section class="blok"><h2>${title}</h2>${text ? paragraphs(text) : fallback}</section>`;
  return html`<h1>${t.ppidOf(unit.name)}</h1>
<p>${unit.ppidLevel === "utama" ? t.utama : t.pelaksana} · ${t.ppid}</p>
${section(t.about, profile?.about)}
<section class="blok"><h2>${t.howToRequest}</h2>${paragraphs(profile?.requestProcedure ?? DEFAULT_PROCEDURES[lang].request)}
<p><a class="tombol" href="${localized(REQUEST_FORM_PATH, lang)}">${t.requestButton}</a></p></section>
${section(t.howToObject, profile?.objectionProcedure ?? DEFAULT_PROCEDURES[lang].objection)}
${section(t.serviceStandard, profile?.serviceStandard)}
${section(t.serviceHours, profile?.serviceHours)}
<section class="blok"><h2>${t.contact}</h2>${
    profile
      ? html`<dl class="kolom"><dt>${t.address}</dt><dd>${profile.address}</dd>
${profile.phone && html`<dt>${t.phone}</dt><dd><a href="tel:${profile.phone.replace(/[^0-9+]/g, "")}">${profile.phone}</a></dd>`}
${profile.email && html`<dt>${t.email}</dt><dd><a href="mailto:${profile.email}">${profile.email}</a></dd>`}</dl>`
      : notYet
  }</section>
${dipLinks(lang, unit)}
${pelaksana.length > 0 && html`<section class="blok"><h2>${t.pelaksanaList}</h2><ul>${pelaksana.map((other) => html`<li><a href="${localized(ppidProfilePath(other), lang)}">${t.ppidOf(other.name)}</a></li>`)}</ul></section>`}`;
}

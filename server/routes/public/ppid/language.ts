import { Router, type Request } from "express";
import type { Locale } from "../../../i18n/locale.js";

// The PPID pages speak Bahasa Indonesia or English: the visitor's choice (a cookie set by the
// language link), else their browser's preference. Every page links to the other language.

const COOKIE = "siar_bahasa";
const ONE_YEAR_MS = 365 * 24 * 60 * 60_000;

export function languageOf(req: Request): Locale {
  const chosen = req.cookies?.[COOKIE];
  return chosen === "en" || chosen === "id" ? chosen : req.locale;
}

/** The language link's target: back to the page it was on (a PPID page only, never elsewhere). */
export function languageSwitchPath(to: Locale, back: string): string {
  return `/ppid/bahasa?ke=${to}&kembali=${encodeURIComponent(back)}`;
}

const SAFE_BACK = /^\/ppid\/[\w./-]*$/;

export function languageRoutes(): Router {
  const router = Router();
  router.get("/ppid/bahasa", (req, res) => {
    const to = req.query.ke === "en" ? "en" : "id";
    const back =
      typeof req.query.kembali === "string" && SAFE_BACK.test(req.query.kembali)
        ? req.query.kembali
        : "/ppid/permohonan";
    res.cookie(COOKIE, to, { maxAge: ONE_YEAR_MS, sameSite: "lax", httpOnly: true, secure: req.secure });
    res.redirect(303, back);
  });
  return router;
}

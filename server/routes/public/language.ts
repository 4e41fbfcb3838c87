import { Router } from "express";
import { z } from "zod";
import { LANGUAGE_COOKIE } from "@server/i18n/locale.js";

const choice = z.object({
  ke: z.enum(["id", "en"]),
  // Only a path on this site: never a redirect elsewhere.
  kembali: z
    .string()
    .regex(/^\/(?![/\\])/)
    .max(2000)
    .catch("/"),
});

const YEAR_MS = 365 * 24 * 3600_000;

/**
 * GET /bahasa?ke=en&kembali=/path: a visitor's language choice, kept in a cookie that every later
 * page follows (before the browser's Accept-Language), then back to the page they were on.
 * A page's own ?lang= (as the PPID pages use) comes before both.
 */
export function languageChoiceRoutes(): Router {
  const router = Router();
  router.get("/bahasa", (req, res) => {
    const parsed = choice.safeParse(req.query);
    if (!parsed.success) return res.redirect(303, "/");
    res.cookie(LANGUAGE_COOKIE, parsed.data.ke, { sameSite: "lax", secure: req.secure, path: "/", maxAge: YEAR_MS });
    // Back with ?lang= too: the page as the browser kept it (public, max-age) was in the other language.
    const base = "http://siar.invalid";
    const parsedBack = new URL(parsed.data.kembali, base);
    // Never another host, not even as "//host" after the URL parser has normalised the path.
    const back = parsedBack.origin === base && !parsedBack.pathname.startsWith("//") ? parsedBack : new URL("/", base);
    back.searchParams.set("lang", parsed.data.ke);
    res.set("Cache-Control", "no-store").redirect(303, `${back.pathname}${back.search}`);
  });
  return router;
}

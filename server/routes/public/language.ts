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
 */
export function languageChoiceRoutes(): Router {
  const router = Router();
  router.get("/bahasa", (req, res) => {
    const parsed = choice.safeParse(req.query);
    if (!parsed.success) return res.redirect(303, "/");
    res.cookie(LANGUAGE_COOKIE, parsed.data.ke, { sameSite: "lax", secure: req.secure, path: "/", maxAge: YEAR_MS });
    res.set("Cache-Control", "no-store").redirect(303, parsed.data.kembali);
  });
  return router;
}

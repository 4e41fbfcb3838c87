import { Router } from "express";

// Siar's mark (a broadcast signal), drawn as paths so it needs no font; the public site and the
// staff app both point at it.
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5cad"/><circle cx="10" cy="22" r="3" fill="#fff"/><path d="M8 13a11 11 0 0 1 11 11M8 6a18 18 0 0 1 18 18" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>`;

export const FAVICON_PATH = "/favicon.svg";

/** /favicon.svg, and /favicon.ico (which browsers ask for on their own) sent on to it. */
export function faviconRoutes(): Router {
  const router = Router();
  router.get(FAVICON_PATH, (_req, res) => {
    res.set({ "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" }).send(FAVICON_SVG);
  });
  router.get("/favicon.ico", (_req, res) => res.redirect(301, FAVICON_PATH));
  return router;
}

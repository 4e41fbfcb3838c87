import fs from "node:fs";
import path from "node:path";
import express from "express";

export const WEB_DIST = path.resolve(import.meta.dirname, "../../web/dist");
const ASSETS = path.join(WEB_DIST, "assets");

/** Vite names every file under assets/ by its content's hash: a new build gives new names, so they never change. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/**
 * A hashed asset as the build precompressed it (web/vite.config.ts): brotli when the browser
 * takes it, gzip otherwise, plain as the last resort; cached for a year.
 */
function precompressedAssets(): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let file: string;
    try {
      file = path.join(ASSETS, path.normalize(decodeURIComponent(req.path)));
    } catch {
      return next(); // a malformed escape: express.static answers it
    }
    if (!file.startsWith(`${ASSETS}${path.sep}`)) return next();
    const offered = ENCODINGS.filter((encoding) => fs.existsSync(file + encoding.suffix));
    if (offered.length === 0) return next();
    res.vary("Accept-Encoding");
    // Our preference (brotli is smaller), among what the browser accepts at all.
    const encoding = offered.find((candidate) => req.acceptsEncodings(candidate.name) === candidate.name);
    if (!encoding) return next();
    res.type(path.extname(file));
    res.setHeader("Content-Encoding", encoding.name);
    res.sendFile(file + encoding.suffix, { cacheControl: false, headers: { "Cache-Control": IMMUTABLE } }, (error) => {
      if (error && !res.headersSent) next();
    });
  };
}

/** The built React app: its assets, and index.html for every client-side route. */
export function staffApp(): express.Router {
  const router = express.Router();
  router.use("/assets", precompressedAssets());
  router.use(
    "/assets",
    express.static(ASSETS, { index: false, setHeaders: (res) => res.setHeader("Cache-Control", IMMUTABLE) }),
  );
  // A missing script is a 404, not the app's page (which a browser would try to run as a script).
  router.use("/assets", (_req, res) => void res.status(404).type("text/plain").send("Not found"));
  router.use(express.static(WEB_DIST, { index: false, maxAge: "1h" }));
  router.get("/{*path}", (_req, res) => {
    const index = path.join(WEB_DIST, "index.html");
    if (!fs.existsSync(index)) {
      res.status(503).type("text/plain").send("The web app is not built yet: run `npm run build`.");
      return;
    }
    // Always asked again, so a new build's asset names reach the browser at once.
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}

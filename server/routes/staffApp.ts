import fs from "node:fs";
import path from "node:path";
import express from "express";

export const WEB_DIST = path.resolve(import.meta.dirname, "../../web/dist");

/** The built React app: its assets, and index.html for every client-side route. */
export function staffApp(): express.Router {
  const router = express.Router();
  router.use(express.static(WEB_DIST, { index: false, maxAge: "1h" }));
  router.get("/{*path}", (_req, res) => {
    const index = path.join(WEB_DIST, "index.html");
    if (!fs.existsSync(index)) {
      res.status(503).type("text/plain").send("The web app is not built yet: run `npm run build`.");
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}

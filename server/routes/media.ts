import express, { Router } from "express";
import { mediaDir } from "@server/media/storage.js";
import { ensureVariant, parseVariantKey, variantKey } from "@server/media/variants.js";
import type { Services } from "@server/services.js";

// A file's name never changes meaning (originals have random names, variants are named after
// them), so browsers and proxies may keep every file for a year without asking again.
const IMMUTABLE = { immutable: true, maxAge: "365d" } as const;

/**
 * Uploaded media are public: the website shows them and Instagram fetches them by URL. A resized
 * variant that does not exist yet (an image uploaded before variants, or one whose variants are
 * still being made) is made on its first request and kept.
 */
export function mediaRoutes(services: Services): Router {
  const router = Router();
  const dir = mediaDir(services);
  router.use(express.static(dir, { index: false, ...IMMUTABLE }));
  router.get("/:file", async (req, res, next) => {
    const wanted = parseVariantKey(req.params.file);
    if (!wanted || !(await ensureVariant(dir, wanted.storageKey, wanted.variant))) return next();
    res.sendFile(variantKey(wanted.storageKey, wanted.variant), { root: dir, ...IMMUTABLE });
  });
  return router;
}

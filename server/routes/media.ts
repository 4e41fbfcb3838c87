import { Router } from "express";
import { mediaKey } from "@server/media/storage.js";
import { ensureVariant, parseVariantKey } from "@server/media/variants.js";
import type { Services } from "@server/services.js";
import { fileStore } from "@server/storage/fileStore.js";
import { sendStored } from "@server/storage/serve.js";

// A file's name never changes meaning (originals have random names, variants are named after
// them), so browsers and proxies may keep every file for a year without asking again.
const IMMUTABLE = { cacheControl: "public, max-age=31536000, immutable" };
/** The names Siar gives public files: random hex, an extension, and a variant's or rendition's suffixes. */
const MEDIA_NAME = /^[0-9a-f]{32}(\.[a-z0-9]{2,5})+$/;

/**
 * Uploaded media are public: the website shows them and Instagram fetches them by URL. They are
 * read from the store (the data folder or the bucket), which is never itself public. A resized
 * variant that does not exist yet (an image uploaded before variants, or one whose variants are
 * still being made) is made on its first request and kept.
 */
export function mediaRoutes(services: Services): Router {
  const router = Router();
  const store = fileStore(services.config);
  router.get("/:file", async (req, res, next) => {
    const name = req.params.file;
    if (!MEDIA_NAME.test(name) || name.endsWith(".tmp")) return next();
    if (await sendStored(req, res, store, mediaKey(name), IMMUTABLE)) return;
    const wanted = parseVariantKey(name);
    if (!wanted || !(await ensureVariant(store, wanted.storageKey, wanted.variant))) return next();
    if (!(await sendStored(req, res, store, mediaKey(name), IMMUTABLE))) next();
  });
  return router;
}

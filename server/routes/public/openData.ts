import { type Response, Router } from "express";
import { z } from "zod";
import { toCsv } from "@server/metrics/csv.js";
import { downloadPath, OPEN_DATA_FORMATS, openDataCatalogue, type OpenDataFormat } from "@server/openData/catalogue.js";
import { datasetsModified, registerRows, transparencyRows, type DatasetId } from "@server/openData/datasets.js";
import { sendDipExport } from "@server/ppid/dip/export.js";
import type { Services } from "@server/services.js";
import type { Locale } from "@server/i18n/locale.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { findSite } from "./publicPosts.js";

// Open data at stable addresses: /data.json (the catalogue) and /data/<dataset>.<csv|json>.
// Anyone may read them; proxies may keep them five minutes, as the DIP's own export.

const CACHE = "public, max-age=300";
/** How long this process reuses a dataset's rows: twelve months of figures are two dozen queries. */
const ROWS_KEPT_MS = 60_000;
const download = z.object({
  dataset: z.enum(["transparansi", "dip", "register-ppid"]),
  format: z.enum(Object.keys(OPEN_DATA_FORMATS) as [OpenDataFormat, ...OpenDataFormat[]]),
});

const LINK_WORDS = {
  id: { download: "Unduh sebagai data terbuka", catalogue: "katalog data", licence: "lisensi CC BY 4.0" },
  en: { download: "Download as open data", catalogue: "data catalogue", licence: "CC BY 4.0 licence" },
};

/** The download links a public page shows under what it lists. */
export function openDataLinks(id: DatasetId, lang: Locale = "id"): SafeMarkup {
  const t = LINK_WORDS[lang];
  return html`<p class="meta data-terbuka">${t.download}: <a href="${downloadPath(id, "csv")}" download>CSV</a> · <a href="${downloadPath(id, "json")}" download>JSON</a> · <a href="/data.json">${t.catalogue}</a> (${t.licence})</p>`;
}

export function openDataRoutes(services: Services): Router {
  const router = Router();
  const { prisma } = services;
  const kept = new Map<DatasetId, { at: number; modified: number | null; rows: Promise<Record<string, unknown>[]> }>();
  /**
   * The rows of a dataset as of its last change `modified`, read at most once a minute per process;
   * a failed read is not kept. Rows read before a later change are read again: the download's
   * Last-Modified promises that change.
   */
  const rowsOf = (id: "transparansi" | "register-ppid", modified: Date | null) => {
    const hit = kept.get(id);
    const changed = modified?.getTime() ?? null;
    if (hit && hit.modified === changed && Date.now() - hit.at < ROWS_KEPT_MS) return hit.rows;
    const rows = id === "transparansi" ? transparencyRows(prisma) : registerRows(prisma);
    kept.set(id, { at: Date.now(), modified: changed, rows });
    rows.catch(() => kept.delete(id));
    return rows;
  };

  router.get("/data.json", async (_req, res) => {
    res.set("Cache-Control", CACHE).json(await openDataCatalogue(prisma, await findSite(services)));
  });

  router.get("/data/:file", async (req, res, next) => {
    const [dataset, format] = req.params.file.split(".", 2);
    const parsed = download.safeParse({ dataset, format });
    if (!parsed.success) return next();
    const { dataset: id, format: as } = parsed.data;
    const modified = (await datasetsModified(prisma))[id];
    res.set("Cache-Control", CACHE);
    if (modified) res.set("Last-Modified", modified.toUTCString());
    // The client's copy is of the last change: nothing to send (the DIP streams past the page cache's own check).
    if (req.fresh) return res.status(304).end();
    if (id === "dip") {
      // The public DIP's own export (/ppid/dip?format=): the published entries of the public classes.
      return sendDipExport(prisma, res, {
        filters: { audience: "public" },
        order: "published",
        format: as,
        baseUrl: services.config.publicBaseUrl,
      });
    }
    sendRows(res, id, as, await rowsOf(id, modified), modified);
  });

  return router;
}

function sendRows(
  res: Response,
  id: DatasetId,
  format: OpenDataFormat,
  rows: Record<string, unknown>[],
  modified: Date | null,
) {
  res.set({
    "Content-Type": `${OPEN_DATA_FORMATS[format].mediaType}; charset=utf-8`,
    "Content-Disposition": `attachment; filename="${id}.${format}"`,
  });
  if (format === "csv") return res.send(toCsv(rows));
  res.send(
    JSON.stringify({ generatedAt: new Date().toISOString(), modified: modified?.toISOString() ?? null, data: rows }),
  );
}

import type { PrismaClient } from "@server/db/client.js";
import { DATASETS, datasetsModified } from "./datasets.js";

// The catalogue at /data.json in the shape CKAN-based portals harvest (Satu Data Indonesia's
// portals run CKAN, whose DCAT harvester reads the US Project Open Data / DCAT-US 1.1 schema).

/** Every dataset's licence: free reuse with attribution, as Satu Data asks of open data. */
export const OPEN_DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/";
export const OPEN_DATA_FORMATS = {
  csv: { mediaType: "text/csv", format: "CSV" },
  json: { mediaType: "application/json", format: "JSON" },
} as const;
export type OpenDataFormat = keyof typeof OPEN_DATA_FORMATS;

export const downloadPath = (id: string, format: OpenDataFormat) => `/data/${id}.${format}`;

/** The catalogue; the contact is the PPID Utama's e-mail address when its profile gives one. */
export async function openDataCatalogue(prisma: PrismaClient, site: { name: string; baseUrl: string }) {
  const [modified, utama] = await Promise.all([
    datasetsModified(prisma),
    prisma.ppidProfile.findFirst({ where: { unit: { ppidLevel: "utama" } }, select: { email: true } }),
  ]);
  const publisher = { "@type": "org:Organization", name: site.name };
  const contactPoint = {
    "@type": "vcard:Contact",
    fn: `PPID ${site.name}`,
    ...(utama?.email ? { hasEmail: `mailto:${utama.email}` } : {}),
  };
  return {
    "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
    "@id": `${site.baseUrl}/data.json`,
    "@type": "dcat:Catalog",
    conformsTo: "https://project-open-data.cio.gov/v1.1/schema",
    describedBy: "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
    dataset: DATASETS.map((dataset) => ({
      "@type": "dcat:Dataset",
      title: dataset.title,
      description: dataset.description,
      keyword: dataset.keyword,
      // The newest change of the records behind it; a dataset with no record yet has none to give.
      ...(modified[dataset.id] ? { modified: modified[dataset.id]!.toISOString() } : {}),
      publisher,
      contactPoint,
      identifier: `${site.baseUrl}/data/${dataset.id}`,
      accessLevel: "public",
      license: OPEN_DATA_LICENSE,
      language: ["id"],
      landingPage: site.baseUrl + dataset.landingPage,
      distribution: (Object.keys(OPEN_DATA_FORMATS) as OpenDataFormat[]).map((format) => ({
        "@type": "dcat:Distribution",
        title: `${dataset.title} (${OPEN_DATA_FORMATS[format].format})`,
        downloadURL: site.baseUrl + downloadPath(dataset.id, format),
        mediaType: OPEN_DATA_FORMATS[format].mediaType,
        format: OPEN_DATA_FORMATS[format].format,
      })),
    })),
  };
}

import type { Response } from "express";
import type { PrismaClient } from "@server/db/client.js";
import { toCsv } from "@server/metrics/csv.js";
import { dateColumnDay, dayIn } from "./dates.js";
import { everyDipItem, type DipFilters, type DipItemWithRelations, type DipOrder } from "./listing.js";
import { dipFileVersionPath, dipItemPath } from "./paths.js";
import { effectiveClass, isExceptedNow } from "./visibility.js";

// The DIP as CSV or JSON: the columns of the list, each document's latest version as a link,
// and nothing about who keeps it (no staff names, accounts or upload records).

export type DipExportFormat = "csv" | "json";

/** One entry as an export row; `withStatus` adds the status staff filter by. */
export function dipExportRow(item: DipItemWithRelations, baseUrl: string, { withStatus = false } = {}) {
  const now = new Date();
  const excepted = isExceptedNow(item, now);
  const files = item.files
    .filter((file) => !file.removedAt && file.versions.length > 0)
    // An excepted entry's information stays closed; its consequence test is public.
    .filter((file) => !excepted || file.purpose === "consequence_test")
    .map((file) => {
      const latest = file.versions[0]!;
      return {
        name: file.name,
        purpose: file.purpose,
        version: latest.version,
        type: latest.mimeType,
        bytes: latest.bytes,
        url: baseUrl + dipFileVersionPath(item.id, latest.id),
      };
    });
  return {
    id: item.id,
    unit: item.unit.name,
    unitCode: item.unit.code,
    body: item.body,
    class: effectiveClass(item, now),
    title: item.title,
    summary: item.summary,
    responsibleOfficial: item.responsibleOfficial,
    madeOn: dateColumnDay(item.madeOn),
    year: item.year,
    period: item.period,
    formats: item.formats.join(" "),
    retention: item.retention,
    exemptionLetter: item.class === "dikecualikan" ? item.exemptionLetter : null,
    consequenceTest: item.class === "dikecualikan" ? item.consequenceTest : null,
    exemptionEndsOn:
      item.class === "dikecualikan" && item.exemptionEndsAt ? dayIn(item.exemptionEndsAt, item.unit.timezone) : null,
    ...(withStatus ? { status: item.status } : {}),
    publishedAt: item.publishedAt?.toISOString() ?? null,
    url: baseUrl + dipItemPath(item.id),
    files,
  };
}

/** Writes every matching entry as CSV (one file per row, as "name <url>" joined by " | ") or JSON, in batches. */
export async function sendDipExport(
  prisma: PrismaClient,
  res: Response,
  {
    filters,
    order,
    format,
    baseUrl,
    withStatus,
  }: { filters: DipFilters; order: DipOrder; format: DipExportFormat; baseUrl: string; withStatus?: boolean },
): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 10);
  res.set({
    "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    "Content-Disposition": `attachment; filename="daftar-informasi-publik-${stamp}.${format}"`,
  });
  let first = true;
  if (format === "json") res.write(`{"generatedAt":${JSON.stringify(new Date().toISOString())},"data":[`);
  for await (const items of everyDipItem(prisma, filters, order)) {
    const rows = items.map((item) => dipExportRow(item, baseUrl, { withStatus }));
    if (format === "json") {
      res.write(`${first ? "" : ","}${rows.map((row) => JSON.stringify(row)).join(",")}`);
    } else {
      const csv = toCsv(
        rows.map(({ files, ...row }) => ({
          ...row,
          files: files.map((file) => `${file.name} <${file.url}>`).join(" | "),
        })),
      );
      // Every batch has the same columns: the header once.
      res.write(first ? csv : csv.slice(csv.indexOf("\r\n") + 2));
    }
    first = false;
  }
  if (format === "json") res.write("]}");
  else if (first) res.write(`${CSV_COLUMNS.join(",")}\r\n`);
  res.end();
}

/** The header of an export with no rows. */
const CSV_COLUMNS = [
  "id",
  "unit",
  "unitCode",
  "body",
  "class",
  "title",
  "summary",
  "responsibleOfficial",
  "madeOn",
  "year",
  "period",
  "formats",
  "retention",
  "exemptionLetter",
  "consequenceTest",
  "exemptionEndsOn",
  "publishedAt",
  "url",
  "files",
];

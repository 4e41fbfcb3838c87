import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type Origin } from "@server/audit/record.js";
import type { SiteDocument } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import { mediaKey } from "@server/media/storage.js";
import type { Services } from "@server/services.js";
import { fileStore } from "@server/storage/fileStore.js";

// Files offered for download on a unit site: PDFs only (a report, a regulation), checked by their
// bytes, stored beside the media under a random name.

export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export function looksLikePdf(body: Buffer): boolean {
  return body.length > 8 && body.subarray(0, 5).toString("latin1") === "%PDF-";
}

export async function storeSiteDocument(
  services: Pick<Services, "prisma" | "config">,
  origin: Origin,
  upload: { unitId: string; name: string; body: Buffer },
): Promise<SiteDocument> {
  if (!looksLikePdf(upload.body)) throw new AppError("unsupported_document_file", { field: "file" });
  const storageKey = `${randomBytes(16).toString("hex")}.pdf`;
  await fileStore(services.config).put(mediaKey(storageKey), upload.body, "application/pdf");
  return services.prisma.$transaction(async (tx) => {
    const document = await tx.siteDocument.create({
      data: {
        unitId: upload.unitId,
        uploadedById: origin.actor?.id ?? null,
        mimeType: "application/pdf",
        bytes: upload.body.length,
        sha256: createHash("sha256").update(upload.body).digest("hex"),
        storageKey,
        originalName: upload.name.slice(0, 200),
      },
    });
    await recordAudit(tx, origin, {
      action: "site_document.upload",
      targetType: "SiteDocument",
      targetId: document.id,
      unitId: upload.unitId,
      changes: { bytes: document.bytes, originalName: document.originalName },
    });
    return document;
  });
}

import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { DipFilePurpose } from "@server/db/generated/enums.js";
import { AppError } from "@server/errors.js";
import { writeDipFile, type DipFileType } from "@server/ppid/dip/files.js";
import type { DipItemWithRelations } from "@server/ppid/dip/listing.js";
import type { Services } from "@server/services.js";
import { assertPublishable, loadDipItem } from "./dipItems.js";

// The documents of a DIP entry. An upload to an existing document is its next version; earlier
// versions stay stored and listed. A document taken off its entry is never served publicly again.

export type DipUpload = { mimeType: DipFileType; originalName: string; body: Buffer };

type FileTarget = { origin: ActingOrigin; itemId: string; upload: DipUpload };

/**
 * Writes the upload, then records it as version `version` of a document (made by `document` in
 * the same transaction), with its audit record; the written file is removed if recording fails.
 */
async function recordVersion(
  services: Services,
  { origin, itemId, upload }: FileTarget,
  document: (tx: Prisma.TransactionClient) => Promise<{
    fileId: string;
    name: string;
    version: number;
  }>,
): Promise<DipItemWithRelations> {
  const written = await writeDipFile(services, upload);
  try {
    const item = await services.prisma.$transaction(async (tx) => {
      const item = await loadDipItem(tx, itemId);
      const { fileId, name, version } = await document(tx);
      const stored = await tx.dipFileVersion.create({
        data: {
          fileId,
          version,
          mimeType: written.mimeType,
          bytes: written.bytes,
          sha256: written.sha256,
          storageKey: written.storageKey,
          originalName: written.originalName,
          uploadedById: origin.actor.id,
        },
      });
      await tx.dipItem.update({ where: { id: itemId }, data: { updatedAt: new Date() } });
      await recordAudit(tx, origin, {
        action: "dip_file.upload",
        targetType: "DipItem",
        targetId: itemId,
        unitId: item.unitId,
        changes: { fileId, name, version, versionId: stored.id, mimeType: written.mimeType, bytes: written.bytes },
      });
      return loadDipItem(tx, itemId);
    });
    services.events.emit("ppid.changed", { unitId: item.unitId });
    return item;
  } catch (error) {
    await written.discard();
    throw error;
  }
}

/** A new document on an entry, with its first version. */
export function addDipFile(
  services: Services,
  target: FileTarget & { name: string; purpose: DipFilePurpose },
): Promise<DipItemWithRelations> {
  return recordVersion(services, target, async (tx) => {
    const file = await tx.dipFile.create({
      data: { itemId: target.itemId, name: target.name, purpose: target.purpose },
    });
    return { fileId: file.id, name: file.name, version: 1 };
  });
}

/** The next version of a document of the entry. */
export function addDipFileVersion(
  services: Services,
  target: FileTarget & { fileId: string },
): Promise<DipItemWithRelations> {
  return recordVersion(services, target, async (tx) => {
    const file = await tx.dipFile.findFirst({
      where: { id: target.fileId, itemId: target.itemId, removedAt: null },
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    });
    if (!file) throw new AppError("not_found", { field: "fileId" });
    return { fileId: file.id, name: file.name, version: (file.versions[0]?.version ?? 0) + 1 };
  });
}

/** Takes a document off its entry; its versions stay stored for the record, never served publicly. */
export async function removeDipFile(
  services: Services,
  { origin, itemId, fileId }: { origin: ActingOrigin; itemId: string; fileId: string },
): Promise<DipItemWithRelations> {
  const removed = await services.prisma.$transaction(async (tx) => {
    const item = await loadDipItem(tx, itemId);
    const file = item.files.find((candidate) => candidate.id === fileId && !candidate.removedAt);
    if (!file) throw new AppError("not_found", { field: "fileId" });
    await tx.dipFile.update({ where: { id: fileId }, data: { removedAt: new Date() } });
    await tx.dipItem.update({ where: { id: itemId }, data: { updatedAt: new Date() } });
    await recordAudit(tx, origin, {
      action: "dip_file.remove",
      targetType: "DipItem",
      targetId: itemId,
      unitId: item.unitId,
      changes: { fileId, name: file.name, versions: file.versions.length },
    });
    const after = await loadDipItem(tx, itemId);
    // A published excepted entry keeps a consequence test: its last test document cannot go alone.
    if (after.status === "published") assertPublishable(after);
    return after;
  });
  services.events.emit("ppid.changed", { unitId: removed.unitId });
  return removed;
}

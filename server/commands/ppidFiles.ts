import type { ActingOrigin } from "@server/audit/record.js";
import { AppError } from "@server/errors.js";
import type { PpidCase } from "@server/ppid/cases.js";
import { writePpidFile } from "@server/ppid/files.js";
import type { Services } from "@server/services.js";
import { auditCase, caseOperation } from "./ppidRequests.js";

export type FileUpload = {
  origin: ActingOrigin;
  requestId: string;
  name: string;
  body: Buffer;
  /** The applicant may download it. */
  shared: boolean;
  /** Uploading a redacted copy: the original it was made from, and what was blacked out and why. */
  redactedFromId?: string;
  redactionNote?: string;
};

/**
 * Attaches a file to the case. A redacted copy goes beside its original, which from then on is
 * never shared with the applicant (it is withdrawn if it was).
 */
export async function attachPpidFile(services: Services, upload: FileUpload): Promise<PpidCase> {
  const written = await writePpidFile(services, upload.body, upload.name);
  try {
    return await caseOperation(services, upload.requestId, async (tx, request) => {
      if (upload.redactedFromId) {
        const original = request.files.find((file) => file.id === upload.redactedFromId);
        if (!original) throw new AppError("not_found", { field: "redactedFromId" });
        if (original.redactedFromId) throw new AppError("ppid_redact_original_only", { field: "redactedFromId" });
        if (!upload.redactionNote?.trim())
          throw new AppError("ppid_decision_details_required", { field: "redactionNote" });
        if (original.shared) await tx.ppidFile.update({ where: { id: original.id }, data: { shared: false } });
      }
      const file = await tx.ppidFile.create({
        data: {
          requestId: request.id,
          redactedFromId: upload.redactedFromId ?? null,
          redactionNote: upload.redactedFromId ? upload.redactionNote!.trim() : null,
          shared: upload.shared,
          uploadedById: upload.origin.actor.id,
          mimeType: written.mimeType,
          originalName: upload.name.slice(0, 200),
          bytes: written.bytes,
          sha256: written.sha256,
          storageKey: written.storageKey,
        },
      });
      await auditCase(tx, upload.origin, request, upload.redactedFromId ? "file_redacted" : "file_attached", {
        fileId: file.id,
        redactedFromId: file.redactedFromId,
        shared: file.shared,
        mimeType: file.mimeType,
        bytes: file.bytes,
        sha256: file.sha256,
      });
    });
  } catch (error) {
    await written.discard();
    throw error;
  }
}

/** Shares a file with the applicant or withdraws it; an original with a redacted copy stays withheld. */
export async function sharePpidFile(
  services: Services,
  input: { origin: ActingOrigin; requestId: string; fileId: string; shared: boolean },
): Promise<PpidCase> {
  return caseOperation(services, input.requestId, async (tx, request) => {
    const file = request.files.find((candidate) => candidate.id === input.fileId);
    if (!file) throw new AppError("not_found", { field: "fileId" });
    const hasRedactedCopy = request.files.some((candidate) => candidate.redactedFromId === file.id);
    if (input.shared && hasRedactedCopy) throw new AppError("ppid_original_withheld", { field: "shared" });
    await tx.ppidFile.update({ where: { id: file.id }, data: { shared: input.shared } });
    await auditCase(tx, input.origin, request, "file_shared", {
      fileId: file.id,
      shared: { from: file.shared, to: input.shared },
    });
  });
}

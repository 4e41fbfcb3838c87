import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import type { Request, Response } from "express";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import { fileStore, putAhead, storeKey } from "@server/storage/fileStore.js";
import { sendStored } from "@server/storage/serve.js";

// The files a request's information is delivered in. Staff upload them, the applicant downloads
// what is shared through the secret link; they are kept outside the public /media folder and
// always served as downloads, never rendered by the browser in Siar's origin.

export const PPID_FILE_MAX_BYTES = 25 * 1024 * 1024;

type FileType = { mimeType: string; extension: string };

const ZIP_DOCUMENTS: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
};
const TEXT_DOCUMENTS: Record<string, string> = { csv: "text/csv", txt: "text/plain" };

const startsWith = (body: Buffer, bytes: number[]) => bytes.every((byte, i) => body[i] === byte);

/**
 * The file's type, recognised from its bytes (and, for formats that are ZIP archives or plain
 * text, its name's extension); anything else is refused.
 */
export function recognizeFile(body: Buffer, name: string): FileType {
  const extension = path.extname(name).slice(1).toLowerCase();
  if (body.length === 0) throw new AppError("ppid_file_unsupported", { field: "file" });
  if (body.subarray(0, 5).toString("latin1") === "%PDF-") return { mimeType: "application/pdf", extension: "pdf" };
  if (startsWith(body, [0x89, 0x50, 0x4e, 0x47])) return { mimeType: "image/png", extension: "png" };
  if (startsWith(body, [0xff, 0xd8, 0xff])) return { mimeType: "image/jpeg", extension: "jpg" };
  if (startsWith(body, [0x50, 0x4b, 0x03, 0x04]) && ZIP_DOCUMENTS[extension])
    return { mimeType: ZIP_DOCUMENTS[extension], extension };
  if (TEXT_DOCUMENTS[extension] && !body.includes(0) && body.toString("utf8").isWellFormed())
    return { mimeType: TEXT_DOCUMENTS[extension], extension };
  throw new AppError("ppid_file_unsupported", { field: "file" });
}

const ppidFileKey = (storageKey: string) => storeKey("ppid-files", storageKey);

/** A file written under a random name before the transaction that records it; `discard` undoes the write. */
export type WrittenFile = FileType & {
  storageKey: string;
  bytes: number;
  sha256: string;
  discard(): Promise<void>;
};

export async function writePpidFile(
  services: Pick<Services, "config">,
  body: Buffer,
  name: string,
): Promise<WrittenFile> {
  const type = recognizeFile(body, name);
  const storageKey = `${randomBytes(16).toString("hex")}.${type.extension}`;
  const discard = await putAhead(fileStore(services.config), ppidFileKey(storageKey), body, type.mimeType);
  return { ...type, storageKey, bytes: body.length, sha256: createHash("sha256").update(body).digest("hex"), discard };
}

/** Sends a stored file as a download under its original name; false (nothing sent) when the store has no such file. */
export async function sendPpidFile(
  services: Pick<Services, "config">,
  req: Request,
  res: Response,
  file: { storageKey: string; mimeType: string; originalName: string },
): Promise<boolean> {
  res.attachment(file.originalName);
  return sendStored(req, res, fileStore(services.config), ppidFileKey(file.storageKey), {
    contentType: file.mimeType,
    cacheControl: "private, no-store",
  });
}

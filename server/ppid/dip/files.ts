import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import type { Request, Response } from "express";
import sharp from "sharp";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import { fileStore, putAhead, storeKey } from "@server/storage/fileStore.js";
import { sendStored } from "@server/storage/serve.js";

// The documents of the DIP: PDFs, spreadsheets and images, recognised by their bytes (whatever
// their name or declared type), stored under random names outside the public /media folder and
// served only through routes that check their entry may be seen.

/** The file types a DIP document may have, with the extension it is stored under. */
export const DIP_FILE_TYPES = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "text/csv": "csv",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
} as const;
export type DipFileType = keyof typeof DIP_FILE_TYPES;
export const DIP_FILE_MIME_TYPES = Object.keys(DIP_FILE_TYPES) as DipFileType[];
/** A year's budget book or a scanned decree fits; a video does not belong in the DIP. */
export const DIP_FILE_MAX_BYTES = 25 * 1024 * 1024;

const SHARP_FORMATS: Partial<Record<DipFileType, string>> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
};
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Whether the bytes are what the declared type says (a ZIP named .xlsx must hold a workbook). */
async function contentMatches(type: DipFileType, body: Buffer): Promise<boolean> {
  switch (type) {
    case "application/pdf":
      return body.subarray(0, 5).toString("latin1") === "%PDF-";
    case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
      return body.subarray(0, 4).equals(ZIP_SIGNATURE) && body.includes("xl/workbook.xml");
    case "application/vnd.oasis.opendocument.spreadsheet":
      // ODF stores its type uncompressed as the first entry, named "mimetype".
      return (
        body.subarray(0, 4).equals(ZIP_SIGNATURE) &&
        body.subarray(30, 38).toString("latin1") === "mimetype" &&
        body.subarray(38, 84).toString("latin1") === type
      );
    case "application/vnd.ms-excel":
      return body.subarray(0, 8).equals(OLE_SIGNATURE);
    case "text/csv":
      return isPlainText(body);
    default: {
      const metadata = await sharp(body, { limitInputPixels: 100_000_000 })
        .metadata()
        .catch(() => null);
      return !!metadata && metadata.format === SHARP_FORMATS[type] && !!metadata.width;
    }
  }
}

/** UTF-8 text without NUL or other binary control characters. */
function isPlainText(body: Buffer): boolean {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing binary control characters is the point.
    return !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  } catch {
    return false;
  }
}

/** The declared type, as a DIP file type, or a 415 naming what is accepted. */
export function dipFileType(contentType: string | undefined): DipFileType {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!(type in DIP_FILE_TYPES)) throw new AppError("unsupported_dip_file", { field: "file" });
  return type as DipFileType;
}

/** A version's file in the store (only the base name of what is recorded: nothing can point elsewhere). */
export function dipFileKey(storageKey: string): string {
  return storeKey("dip-files", path.basename(storageKey));
}

/** A checked upload written under a random name, not yet recorded; `discard` removes it if recording fails. */
export type WrittenDipFile = {
  mimeType: DipFileType;
  bytes: number;
  sha256: string;
  storageKey: string;
  originalName: string;
  discard(): Promise<void>;
};

/** Checks an upload's bytes against its type and writes it, before the transaction that records it. */
export async function writeDipFile(
  services: Pick<Services, "config">,
  upload: { mimeType: DipFileType; originalName: string; body: Buffer },
): Promise<WrittenDipFile> {
  if (upload.body.length === 0 || !(await contentMatches(upload.mimeType, upload.body)))
    throw new AppError("unreadable_media_file", { field: "file" });
  const storageKey = `${randomBytes(16).toString("hex")}.${DIP_FILE_TYPES[upload.mimeType]}`;
  const discard = await putAhead(fileStore(services.config), dipFileKey(storageKey), upload.body, upload.mimeType);
  return {
    mimeType: upload.mimeType,
    bytes: upload.body.length,
    sha256: createHash("sha256").update(upload.body).digest("hex"),
    storageKey,
    originalName: safeFileName(upload.originalName, DIP_FILE_TYPES[upload.mimeType]),
    discard,
  };
}

/** A name to offer for download: no path, no control characters, with the extension of its type. */
export function safeFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters never belong in a file name.
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
    .trim()
    .slice(0, 150);
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "dokumen";
  return `${stem}.${extension}`;
}

/**
 * Sends a stored version as a download that no browser renders as a page of this site; false
 * (nothing sent) when the store does not have its file (a data folder restored without its documents).
 */
export async function sendDipFile(
  services: Pick<Services, "config">,
  req: Request,
  res: Response,
  version: { storageKey: string; mimeType: string; originalName: string; sha256: string },
): Promise<boolean> {
  const ascii = version.originalName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  res.set({
    "Content-Type": version.mimeType,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(version.originalName)}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    ETag: `"${version.sha256}"`,
  });
  // The public page sets its own caching; staff downloads are checked again each time.
  const cacheControl = res.get("Cache-Control") ?? "public, max-age=0";
  const sent = await sendStored(req, res, fileStore(services.config), dipFileKey(version.storageKey), {
    contentType: version.mimeType,
    cacheControl,
  });
  if (!sent) res.removeHeader("Content-Disposition");
  return sent;
}

/**
 * Citizens' voice notes, videos and documents (WhatsApp media other than photos): recognised from
 * their bytes whatever name or type they claim, refused above the size limit, kept outside the
 * public /media folder and served to staff only, like the web form's photos.
 */
import { randomBytes } from "node:crypto";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import { fileStore, putAhead, storeKey } from "@server/storage/fileStore.js";

/** The Cloud API's own limit for audio and video; documents a citizen sends are rarely larger. */
export const CITIZEN_FILE_MAX_BYTES = 16 * 1024 * 1024;

export type CitizenFileKind = "audio" | "video" | "document";
export type CitizenFile = { storageKey: string; mimeType: string; bytes: number };

const ascii = (body: Buffer, start: number, end: number) => body.subarray(start, end).toString("latin1");

/** The MIME type read from the first bytes, or null for anything Siar does not keep. */
export function sniffCitizenFile(body: Buffer): { mimeType: string; extension: string; kind: CitizenFileKind } | null {
  if (ascii(body, 0, 4) === "OggS") return { mimeType: "audio/ogg", extension: "ogg", kind: "audio" };
  if (ascii(body, 0, 6) === "#!AMR\n") return { mimeType: "audio/amr", extension: "amr", kind: "audio" };
  if (ascii(body, 0, 3) === "ID3" || (body[0] === 0xff && ((body[1] ?? 0) & 0xe0) === 0xe0))
    return { mimeType: "audio/mpeg", extension: "mp3", kind: "audio" };
  if (ascii(body, 4, 8) === "ftyp") {
    const brand = ascii(body, 8, 12);
    if (brand.startsWith("M4A")) return { mimeType: "audio/mp4", extension: "m4a", kind: "audio" };
    if (brand.startsWith("3gp")) return { mimeType: "video/3gpp", extension: "3gp", kind: "video" };
    return { mimeType: "video/mp4", extension: "mp4", kind: "video" };
  }
  if (ascii(body, 0, 5) === "%PDF-") return { mimeType: "application/pdf", extension: "pdf", kind: "document" };
  return null;
}

export function citizenFileKey(storageKey: string): string {
  return storeKey("citizen-files", storageKey);
}

/**
 * Keeps one file under a random name when its bytes are a type Siar accepts for that kind
 * (a document must be a PDF; voice notes and videos any audio or video, as phones mix containers).
 */
export async function writeCitizenFile(
  services: Pick<Services, "config">,
  kind: CitizenFileKind,
  body: Buffer,
): Promise<CitizenFile & { discard(): Promise<void> }> {
  if (body.length > CITIZEN_FILE_MAX_BYTES) throw new AppError("payload_too_large", { field: "berkas" });
  const sniffed = sniffCitizenFile(body);
  const fits = sniffed && (sniffed.kind === "document") === (kind === "document");
  if (!sniffed || !fits) throw new AppError("unsupported_media_file", { field: "berkas" });
  const storageKey = `${randomBytes(16).toString("hex")}.${sniffed.extension}`;
  const discard = await putAhead(fileStore(services.config), citizenFileKey(storageKey), body, sniffed.mimeType);
  return { storageKey, mimeType: sniffed.mimeType, bytes: body.length, discard };
}

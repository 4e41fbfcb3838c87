import { AppError } from "@server/errors.js";
import {
  CITIZEN_PHOTO_MAX_BYTES,
  reencodeCitizenPhoto,
  writeCitizenPhoto,
  type WrittenCitizenPhoto,
} from "@server/media/storage.js";
import type { Services } from "@server/services.js";
import type { EmailAttachment } from "./message.js";

/** An attachment as the timeline lists it; `kept: false` says why it was not stored. */
export type ListedAttachment = {
  name: string;
  type: string;
  bytes: number;
  kept: boolean;
  reason?: "type" | "size" | "unreadable" | "one_photo";
};
export type KeptAttachments = { photos: WrittenCitizenPhoto[]; listed: ListedAttachment[] };

/**
 * Stores an e-mail's photo the way the aspiration form stores one: checked by its bytes (JPEG,
 * PNG or WebP) and size, re-encoded to its pixels only (no EXIF position survives), written
 * outside the public media folder and served to staff only. Other files are listed, not kept:
 * a document or an executable from an unknown sender is not something Siar opens or serves.
 */
export async function keepAttachments(
  services: Pick<Services, "config">,
  attachments: EmailAttachment[],
): Promise<KeptAttachments> {
  const kept: KeptAttachments = { photos: [], listed: [] };
  for (const attachment of attachments) {
    const listed = { name: attachment.filename, type: attachment.contentType, bytes: attachment.content.length };
    if (!attachment.contentType.startsWith("image/")) kept.listed.push({ ...listed, kept: false, reason: "type" });
    else if (attachment.content.length > CITIZEN_PHOTO_MAX_BYTES)
      kept.listed.push({ ...listed, kept: false, reason: "size" });
    else if (kept.photos.length > 0) kept.listed.push({ ...listed, kept: false, reason: "one_photo" });
    else {
      try {
        kept.photos.push(await writeCitizenPhoto(services, await reencodeCitizenPhoto(attachment.content)));
        kept.listed.push({ ...listed, kept: true });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        kept.listed.push({
          ...listed,
          kept: false,
          reason: error.code === "unsupported_media_file" ? "type" : "unreadable",
        });
      }
    }
  }
  return kept;
}

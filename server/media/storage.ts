import { createHash, randomBytes } from "node:crypto";
import sharp from "sharp";
import { recordAudit, type Origin } from "@server/audit/record.js";
import { IMAGE_TYPES, VIDEO_TYPES } from "@server/channels/rules.js";
import type { Prisma } from "@server/db/client.js";
import type { MediaAsset } from "@server/db/generated/client.js";
import { AppError } from "@server/errors.js";
import type { Services } from "@server/services.js";
import { fileStore, putAhead, storeKey } from "@server/storage/fileStore.js";
import { makeVariants, orientedSize } from "./variants.js";

/** A public file's key in the store: served at /media/<storageKey>. */
export function mediaKey(storageKey: string): string {
  return storeKey("media", storageKey);
}

/** Where a stored file is served, relative to the site: pages link their images this way. */
export function mediaPath(storageKey: string): string {
  return `/media/${storageKey}`;
}

export function mediaUrl(publicBaseUrl: string, storageKey: string): string {
  return publicBaseUrl + mediaPath(storageKey);
}

/** Instagram accepts only JPEG images; PNG and WebP uploads get a JPEG rendition beside them. */
export function instagramRenditionKey(asset: Pick<MediaAsset, "storageKey" | "mimeType">): string {
  return asset.mimeType === "image/jpeg" ? asset.storageKey : `${asset.storageKey}.jpg`;
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
};
const SHARP_FORMATS: Record<string, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp" };

export type Upload = {
  unitId: string;
  mimeType: string;
  originalName: string;
  body: Buffer;
  /** Video dimensions as the browser read them; images are measured here. */
  declaredWidth?: number;
  declaredHeight?: number;
};

/** An MP4/QuickTime file starts with an "ftyp" box at offset 4. */
function looksLikeVideo(body: Buffer): boolean {
  return body.length > 12 && body.subarray(4, 8).toString("latin1") === "ftyp";
}

/**
 * Checks that the bytes are what the type claims (citizens' and staff's files alike are
 * untrusted), stores them under a random name and records the asset.
 */
export async function storeUpload(services: Services, origin: Origin, upload: Upload): Promise<MediaAsset> {
  const isImage = (IMAGE_TYPES as readonly string[]).includes(upload.mimeType);
  const isVideo = (VIDEO_TYPES as readonly string[]).includes(upload.mimeType);
  if (!isImage && !isVideo) throw new AppError("unsupported_media_file", { field: "media" });
  if (upload.body.length === 0) throw new AppError("unreadable_media_file", { field: "media" });

  let width: number | null = null;
  let height: number | null = null;
  if (isImage) {
    const metadata = await sharp(upload.body)
      .metadata()
      .catch(() => null);
    if (!metadata || metadata.format !== SHARP_FORMATS[upload.mimeType] || !metadata.width || !metadata.height) {
      throw new AppError("unreadable_media_file", { field: "media" });
    }
    // Phone photos carry their rotation in EXIF; the platforms show the rotated size.
    ({ width, height } = orientedSize(metadata));
  } else {
    if (!looksLikeVideo(upload.body)) throw new AppError("unreadable_media_file", { field: "media" });
    width = upload.declaredWidth ?? null;
    height = upload.declaredHeight ?? null;
  }

  const store = fileStore(services.config);
  const storageKey = `${randomBytes(16).toString("hex")}.${EXTENSIONS[upload.mimeType]}`;
  await store.put(mediaKey(storageKey), upload.body, upload.mimeType);
  if (isImage && upload.mimeType !== "image/jpeg") {
    const rendition = await sharp(upload.body)
      .rotate()
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 90 })
      .toBuffer();
    await store.put(mediaKey(`${storageKey}.jpg`), rendition, "image/jpeg");
  }
  if (isImage) makeVariantsInBackground(services, storageKey, width!, upload.body);

  return services.prisma.$transaction(async (tx) => {
    const asset = await tx.mediaAsset.create({
      data: {
        unitId: upload.unitId,
        uploadedById: origin.actor?.id ?? null,
        kind: isImage ? "image" : "video",
        mimeType: upload.mimeType,
        bytes: upload.body.length,
        width,
        height,
        sha256: createHash("sha256").update(upload.body).digest("hex"),
        storageKey,
        originalName: upload.originalName.slice(0, 200),
      },
    });
    await recordAudit(tx, origin, {
      action: "media.upload",
      targetType: "MediaAsset",
      targetId: asset.id,
      unitId: upload.unitId,
      changes: { mimeType: asset.mimeType, bytes: asset.bytes, originalName: asset.originalName },
    });
    return asset;
  });
}

/** The page sizes of a new image, made after the upload answers; a variant still missing then is made when first asked for. */
function makeVariantsInBackground(services: Services, storageKey: string, width: number, original: Buffer): void {
  void makeVariants(fileStore(services.config), storageKey, width, original).catch((error: unknown) =>
    services.logger.warn({ err: error, storageKey }, "image variants not made; each is made when first requested"),
  );
}

// ---------------------------------------------------------------- citizens' photos

/** What the aspiration form accepts, recognised from the file's bytes, whatever its name or declared type. */
const CITIZEN_PHOTO_FORMATS = ["jpeg", "png", "webp"];
export const CITIZEN_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
// A phone photo has about 12-50 million pixels; a small file claiming far more is a decompression bomb.
const CITIZEN_PHOTO_MAX_PIXELS = 100_000_000;
// Enough to read a street sign; smaller files for staff to open.
const CITIZEN_PHOTO_MAX_SIDE = 2560;

export type CitizenPhoto = { body: Buffer; width: number; height: number };

/**
 * Re-encodes a citizen's photo as a JPEG of its pixels only: EXIF (with the phone's GPS
 * position), XMP, ICC and comments do not survive. Throws when it is not a JPEG, PNG or WebP.
 */
export async function reencodeCitizenPhoto(upload: Buffer): Promise<CitizenPhoto> {
  const metadata = await sharp(upload, { limitInputPixels: CITIZEN_PHOTO_MAX_PIXELS })
    .metadata()
    .catch(() => null);
  if (!metadata) throw new AppError("unreadable_media_file", { field: "foto" });
  if (!CITIZEN_PHOTO_FORMATS.includes(metadata.format)) throw new AppError("unsupported_media_file", { field: "foto" });
  const { data, info } = await sharp(upload, { limitInputPixels: CITIZEN_PHOTO_MAX_PIXELS })
    .rotate()
    .resize({ width: CITIZEN_PHOTO_MAX_SIDE, height: CITIZEN_PHOTO_MAX_SIDE, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 85 })
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw new AppError("unreadable_media_file", { field: "foto" });
    });
  return { body: data, width: info.width, height: info.height };
}

/** Citizens' photos are personal data: kept outside the public /media folder, served to staff only. */
export function citizenPhotoKey(storageKey: string): string {
  return storeKey("citizen-photos", storageKey);
}

/** A re-encoded photo written under a random name, not yet recorded. */
export type WrittenCitizenPhoto = CitizenPhoto & { storageKey: string; discard(): Promise<void> };

/**
 * Writes a re-encoded photo under a random name, before the transaction that records it
 * (recordCitizenPhoto); `discard` removes it again when that transaction fails, so that no
 * citizen's photo stays stored without a record to find, show or delete it by.
 */
export async function writeCitizenPhoto(
  services: Pick<Services, "config">,
  photo: CitizenPhoto,
): Promise<WrittenCitizenPhoto> {
  const storageKey = `${randomBytes(16).toString("hex")}.jpg`;
  const store = fileStore(services.config);
  const discard = await putAhead(store, citizenPhotoKey(storageKey), photo.body, "image/jpeg");
  return { ...photo, storageKey, discard };
}

/** Records a written photo, inside the caller's transaction. */
export async function recordCitizenPhoto(
  tx: Prisma.TransactionClient,
  origin: Origin,
  unitId: string,
  photo: WrittenCitizenPhoto,
): Promise<MediaAsset> {
  const asset = await tx.mediaAsset.create({
    data: {
      unitId,
      uploadedById: null,
      kind: "image",
      mimeType: "image/jpeg",
      bytes: photo.body.length,
      width: photo.width,
      height: photo.height,
      sha256: createHash("sha256").update(photo.body).digest("hex"),
      storageKey: photo.storageKey,
      originalName: "foto-warga.jpg",
    },
  });
  await recordAudit(tx, origin, {
    action: "media.upload",
    targetType: "MediaAsset",
    targetId: asset.id,
    unitId,
    changes: { mimeType: asset.mimeType, bytes: asset.bytes, source: "aspiration_form" },
  });
  return asset;
}

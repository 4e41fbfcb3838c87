import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { recordAudit, type Origin } from "../audit/record.js";
import { IMAGE_TYPES, VIDEO_TYPES } from "../channels/rules.js";
import type { MediaAsset } from "../db/generated/client.js";
import { AppError } from "../errors.js";
import type { Services } from "../services.js";

export function mediaDir(services: Pick<Services, "config">): string {
  return path.join(services.config.dataDir, "media");
}

export function mediaUrl(publicBaseUrl: string, storageKey: string): string {
  return `${publicBaseUrl}/media/${storageKey}`;
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
    const metadata = await sharp(upload.body).metadata().catch(() => null);
    if (!metadata || metadata.format !== SHARP_FORMATS[upload.mimeType] || !metadata.width || !metadata.height) {
      throw new AppError("unreadable_media_file", { field: "media" });
    }
    // Phone photos carry their rotation in EXIF; the platforms show the rotated size.
    const rotated = (metadata.orientation ?? 1) >= 5;
    width = rotated ? metadata.height : metadata.width;
    height = rotated ? metadata.width : metadata.height;
  } else {
    if (!looksLikeVideo(upload.body)) throw new AppError("unreadable_media_file", { field: "media" });
    width = upload.declaredWidth ?? null;
    height = upload.declaredHeight ?? null;
  }

  const dir = mediaDir(services);
  fs.mkdirSync(dir, { recursive: true });
  const storageKey = `${randomBytes(16).toString("hex")}.${EXTENSIONS[upload.mimeType]}`;
  fs.writeFileSync(path.join(dir, storageKey), upload.body);
  if (isImage && upload.mimeType !== "image/jpeg") {
    await sharp(upload.body).rotate().flatten({ background: "#ffffff" }).jpeg({ quality: 90 }).toFile(path.join(dir, `${storageKey}.jpg`));
  }

  return services.prisma.$transaction(async (tx) => {
    const asset = await tx.mediaAsset.create({
      data: {
        unitId: upload.unitId,
        uploadedById: origin.actor!.id,
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

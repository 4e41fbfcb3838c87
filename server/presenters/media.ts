import type { MediaAsset } from "../db/generated/client.js";
import { mediaUrl } from "../media/storage.js";
import type { Services } from "../services.js";

export function presentMedia(services: Pick<Services, "config">, media: MediaAsset) {
  return {
    id: media.id,
    kind: media.kind,
    mimeType: media.mimeType,
    bytes: media.bytes,
    width: media.width,
    height: media.height,
    url: mediaUrl(services.config.publicBaseUrl, media.storageKey),
    originalName: media.originalName,
  };
}

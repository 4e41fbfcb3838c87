import type { MediaAsset } from "@server/db/generated/client.js";
import { mediaUrl } from "@server/media/storage.js";
import type { Services } from "@server/services.js";

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

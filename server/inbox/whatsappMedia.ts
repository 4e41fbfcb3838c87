/**
 * Citizens' WhatsApp photos, voice notes, videos and documents, brought into Siar's storage: the
 * webhook gives only a media id;
 * GET /{media-id} answers a short-lived URL, fetched with the token
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#download-media).
 * The photo goes through the web form's checks (JPEG, PNG or WebP read from its bytes, at most
 * 10 MB, re-encoded without metadata) and is kept as the item's staff-only photo; other media
 * are recognised from their bytes (citizenFiles.ts) and recorded on the attachment, staff only.
 */
import { request } from "undici";
import type { Origin } from "@server/audit/record.js";
import { ChannelError } from "@server/channels/adapter.js";
import { GraphClient } from "@server/channels/graph.js";
import { targetOf } from "@server/channels/target.js";
import { WHATSAPP } from "@server/channels/whatsapp.js";
import { AppError } from "@server/errors.js";
import { CITIZEN_FILE_MAX_BYTES, type CitizenFile, writeCitizenFile } from "@server/media/citizenFiles.js";
import {
  CITIZEN_PHOTO_MAX_BYTES,
  recordCitizenPhoto,
  reencodeCitizenPhoto,
  writeCitizenPhoto,
} from "@server/media/storage.js";
import type { Services } from "@server/services.js";

const SYSTEM: Origin = { actor: null, label: "system (WhatsApp media)" };
/** A claim lasts this long: a process that dies mid-download leaves the photo to the next run. */
const CLAIM_MINUTES = 5;
const MEDIA_PREFIX = "whatsapp-media:";

type Attachment = { type: string; url: string; failed?: string; file?: CitizenFile };

/** Claims items whose first attachment is WhatsApp media not yet fetched (SKIP LOCKED: processes share the work). */
async function claimMedia(services: Services, limit: number): Promise<string[]> {
  const rows = await services.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "InboxItem" SET "attachments" = jsonb_set("attachments", '{0,claimedAt}', to_jsonb(now()::text))
    WHERE "id" IN (
      SELECT "id" FROM "InboxItem"
      WHERE "source" = 'whatsapp_message' AND "attachments"->0->>'url' LIKE 'whatsapp-media:%'
        AND (("attachments"->0->>'type' = 'image' AND "photoId" IS NULL)
          OR ("attachments"->0->>'type' IN ('audio', 'video', 'document') AND "attachments"->0->'file' IS NULL))
        AND "attachments"->0->>'failed' IS NULL
        AND ("attachments"->0->>'claimedAt' IS NULL
          OR ("attachments"->0->>'claimedAt')::timestamptz < now() - make_interval(mins => ${CLAIM_MINUTES}))
      ORDER BY "receivedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING "id"::text AS id`;
  return rows.map((row) => row.id);
}

/** Fetches the bytes of one WhatsApp media, refusing more than `maxBytes`. */
async function mediaBytes(services: Services, channelId: string, mediaId: string, maxBytes: number): Promise<Buffer> {
  const channel = await services.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
  const target = targetOf(services, channel);
  const info = await GraphClient.forTarget(WHATSAPP, target, "accessToken").get<{ url: string; file_size?: number }>(
    mediaId,
  );
  if ((info.file_size ?? 0) > maxBytes) throw new AppError("payload_too_large", { field: "berkas" });
  const response = await request(info.url, {
    headers: { authorization: `Bearer ${target.credentials.accessToken}` },
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new ChannelError("transient", `whatsapp:media_${response.statusCode}`, "WhatsApp: media not available");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new AppError("payload_too_large", { field: "berkas" });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Keeps a photo as the item's re-encoded photo (a MediaAsset), in one transaction with the item. */
async function keepPhoto(services: Services, item: { id: string; unitId: string }, body: Buffer) {
  const photo = await writeCitizenPhoto(services, await reencodeCitizenPhoto(body));
  try {
    await services.prisma.$transaction(async (tx) => {
      const asset = await recordCitizenPhoto(tx, SYSTEM, item.unitId, photo);
      await tx.inboxItem.update({ where: { id: item.id }, data: { photoId: asset.id } });
    });
  } catch (error) {
    await photo.discard();
    throw error;
  }
}

/** Keeps a voice note, video or document as is, recorded on the item's first attachment. */
async function keepFile(services: Services, itemId: string, kind: "audio" | "video" | "document", body: Buffer) {
  const written = await writeCitizenFile(services, kind, body);
  const { discard, ...file } = written;
  try {
    await services.prisma.$executeRaw`
      UPDATE "InboxItem" SET "attachments" = jsonb_set("attachments", '{0,file}', ${JSON.stringify(file)}::jsonb)
      WHERE "id" = ${itemId}::uuid`;
  } catch (error) {
    await discard();
    throw error;
  }
}

/** Brings one claimed media in; a refusal (type, size) is written on the attachment and never tried again. */
async function fetchMedia(services: Services, itemId: string): Promise<void> {
  const item = await services.prisma.inboxItem.findUniqueOrThrow({
    where: { id: itemId },
    include: { channel: { select: { unitId: true } } },
  });
  const attachments = item.attachments as Attachment[];
  const mediaId = attachments[0]?.url.startsWith(MEDIA_PREFIX) ? attachments[0].url.slice(MEDIA_PREFIX.length) : null;
  if (!mediaId || !item.channelId || !item.channel) return;
  const kind = attachments[0]!.type;
  try {
    if (kind === "image") {
      const body = await mediaBytes(services, item.channelId, mediaId, CITIZEN_PHOTO_MAX_BYTES);
      await keepPhoto(services, { id: itemId, unitId: item.unitId ?? item.channel.unitId }, body);
    } else if (kind === "audio" || kind === "video" || kind === "document") {
      await keepFile(
        services,
        itemId,
        kind,
        await mediaBytes(services, item.channelId, mediaId, CITIZEN_FILE_MAX_BYTES),
      );
    }
  } catch (error) {
    // A transient failure (network, 5xx) is left claimed and tried again when the claim runs out.
    if (error instanceof ChannelError && error.failure === "transient") return;
    const reason = error instanceof AppError || error instanceof ChannelError ? error.code : "unreadable";
    await services.prisma.$executeRaw`
      UPDATE "InboxItem" SET "attachments" = jsonb_set("attachments", '{0,failed}', to_jsonb(${reason}::text))
      WHERE "id" = ${itemId}::uuid`;
  }
}

/** Brings in the WhatsApp media waiting; returns how many items were claimed. */
export async function fetchWhatsAppMedia(services: Services, limit = 10): Promise<number> {
  const ids = await claimMedia(services, limit);
  for (const id of ids) await fetchMedia(services, id);
  return ids.length;
}

/**
 * Citizens' WhatsApp photos, brought into Siar's storage: the webhook gives only a media id;
 * GET /{media-id} answers a short-lived URL, fetched with the token
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#download-media).
 * The photo goes through the web form's checks (JPEG, PNG or WebP read from its bytes, at most
 * 10 MB, re-encoded without metadata) and is kept as the item's staff-only photo.
 */
import { request } from "undici";
import type { Origin } from "@server/audit/record.js";
import { ChannelError } from "@server/channels/adapter.js";
import { GraphClient } from "@server/channels/graph.js";
import { targetOf } from "@server/channels/target.js";
import { WHATSAPP } from "@server/channels/whatsapp.js";
import { AppError } from "@server/errors.js";
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

type Attachment = { type: string; url: string; failed?: string };

/** Claims items whose first attachment is a WhatsApp photo not yet fetched (SKIP LOCKED: processes share the work). */
async function claimPhotos(services: Services, limit: number): Promise<string[]> {
  const rows = await services.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "InboxItem" SET "attachments" = jsonb_set("attachments", '{0,claimedAt}', to_jsonb(now()::text))
    WHERE "id" IN (
      SELECT "id" FROM "InboxItem"
      WHERE "source" = 'whatsapp_message' AND "photoId" IS NULL AND "attachments"->0->>'type' = 'image'
        AND "attachments"->0->>'failed' IS NULL
        AND ("attachments"->0->>'claimedAt' IS NULL
          OR ("attachments"->0->>'claimedAt')::timestamptz < now() - make_interval(mins => ${CLAIM_MINUTES}))
      ORDER BY "receivedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING "id"::text AS id`;
  return rows.map((row) => row.id);
}

/** Fetches the bytes of one WhatsApp media, refusing more than the web form's limit. */
async function mediaBytes(services: Services, channelId: string, mediaId: string): Promise<Buffer> {
  const channel = await services.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
  const target = targetOf(services, channel);
  const info = await GraphClient.forTarget(WHATSAPP, target, "accessToken").get<{ url: string; file_size?: number }>(
    mediaId,
  );
  if ((info.file_size ?? 0) > CITIZEN_PHOTO_MAX_BYTES) throw new AppError("payload_too_large", { field: "foto" });
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
    if (size > CITIZEN_PHOTO_MAX_BYTES) throw new AppError("payload_too_large", { field: "foto" });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Brings one claimed photo in; a refusal (type, size) is written on the attachment and never tried again. */
async function fetchPhoto(services: Services, itemId: string): Promise<void> {
  const item = await services.prisma.inboxItem.findUniqueOrThrow({
    where: { id: itemId },
    include: { channel: { select: { unitId: true } } },
  });
  const attachments = item.attachments as Attachment[];
  const mediaId = attachments[0]?.url.startsWith(MEDIA_PREFIX) ? attachments[0].url.slice(MEDIA_PREFIX.length) : null;
  if (!mediaId || !item.channelId || !item.channel) return;
  let written: ReturnType<typeof writeCitizenPhoto> | null = null;
  try {
    written = writeCitizenPhoto(
      services,
      await reencodeCitizenPhoto(await mediaBytes(services, item.channelId, mediaId)),
    );
    const photo = written;
    await services.prisma.$transaction(async (tx) => {
      const asset = await recordCitizenPhoto(tx, SYSTEM, item.unitId ?? item.channel!.unitId, photo);
      await tx.inboxItem.update({ where: { id: itemId }, data: { photoId: asset.id } });
    });
  } catch (error) {
    written?.discard();
    // A transient failure (network, 5xx) is left claimed and tried again when the claim runs out.
    if (error instanceof ChannelError && error.failure === "transient") return;
    const reason = error instanceof AppError || error instanceof ChannelError ? error.code : "unreadable";
    await services.prisma.$executeRaw`
      UPDATE "InboxItem" SET "attachments" = jsonb_set("attachments", '{0,failed}', to_jsonb(${reason}::text))
      WHERE "id" = ${itemId}::uuid`;
  }
}

/** Brings in the WhatsApp photos waiting; returns how many items were claimed. */
export async function fetchWhatsAppPhotos(services: Services, limit = 10): Promise<number> {
  const ids = await claimPhotos(services, limit);
  for (const id of ids) await fetchPhoto(services, id);
  return ids.length;
}

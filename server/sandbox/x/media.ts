/**
 * Chunked media upload through the v2 endpoints twitter-api-v2 1.29 uses: initialize, append
 * (multipart, one segment per call), finalize, then STATUS polling while a video is processed.
 * https://docs.x.com/x-api/media/quickstart/media-upload-chunked
 */
import { z } from "zod";
import type { XMedia } from "@server/sandbox/state";
import { xProblems } from "./problems";
import { userIdOf, type XContext, type XRoute } from "./route";

const MB = 1024 * 1024;
/** Size limits per media type, as the upload docs list them. */
const MAX_BYTES: Record<string, number> = {
  "image/jpeg": 5 * MB,
  "image/png": 5 * MB,
  "image/webp": 5 * MB,
  "image/gif": 15 * MB,
  "video/mp4": 512 * MB,
  "video/quicktime": 512 * MB,
};
const EXPIRES_AFTER_SECS = 86_400;

/** Leading bytes of each image format, so an upload that is not what it claims is refused. */
const SIGNATURES: Record<string, (data: Buffer) => boolean> = {
  "image/jpeg": (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff,
  "image/png": (d) => d.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  "image/gif": (d) => d.subarray(0, 4).toString("latin1") === "GIF8",
  "image/webp": (d) =>
    d.subarray(0, 4).toString("latin1") === "RIFF" && d.subarray(8, 12).toString("latin1") === "WEBP",
};

const initializeSchema = z.object({
  media_type: z.string(),
  total_bytes: z.coerce.number().int().positive(),
  media_category: z
    .enum(["tweet_image", "tweet_gif", "tweet_video", "amplify_video", "dm_image", "dm_gif", "dm_video", "subtitles"])
    .optional(),
  additional_owners: z.union([z.string(), z.array(z.string())]).optional(),
  shared: z.boolean().optional(),
});

function mediaOf(ctx: XContext, id: string): XMedia {
  const media = ctx.state.x.media.get(id);
  const expired = media && ctx.state.now() - media.createdAt > EXPIRES_AFTER_SECS * 1000;
  if (!media || media.ownerId !== userIdOf(ctx) || expired) {
    throw xProblems.invalidRequest([{ parameters: { id: [id] }, message: "The media id is invalid or has expired" }]);
  }
  return media;
}

function describe(ctx: XContext, media: XMedia) {
  const ageSecs = Math.floor((ctx.state.now() - media.createdAt) / 1000);
  return { id: media.id, media_key: media.mediaKey, expires_after_secs: EXPIRES_AFTER_SECS - ageSecs };
}

function processingInfo(media: XMedia) {
  if (!media.mediaType.startsWith("video/")) return undefined;
  return media.pendingPolls > 0
    ? { state: "in_progress", check_after_secs: 1, progress_percent: 50 }
    : { state: "succeeded", progress_percent: 100 };
}

function initialize(ctx: XContext) {
  const parsed = initializeSchema.safeParse(ctx.body.fields);
  if (!parsed.success)
    throw xProblems.invalidRequest(
      parsed.error.issues.map((i) => ({ message: `$.${i.path.join(".")}: ${i.message}` })),
    );
  const { media_type, total_bytes, media_category } = parsed.data;
  const maxBytes = MAX_BYTES[media_type];
  if (!maxBytes)
    throw xProblems.invalidRequest([
      { parameters: { media_type: [media_type] }, message: `media_type ${media_type} is not supported` },
    ]);
  if (total_bytes > maxBytes)
    throw xProblems.invalidRequest([
      { parameters: { total_bytes: [String(total_bytes)] }, message: `File size exceeds ${maxBytes} bytes.` },
    ]);

  const id = ctx.state.nextId("xMedia", 1850000000000500000n);
  const media: XMedia = {
    id,
    mediaKey: `${media_type.startsWith("video/") ? 7 : media_type === "image/gif" ? 16 : 3}_${id}`,
    ownerId: userIdOf(ctx)!,
    mediaType: media_type,
    category: media_category ?? (media_type.startsWith("video/") ? "tweet_video" : "tweet_image"),
    totalBytes: total_bytes,
    chunks: new Map(),
    finalized: false,
    pendingPolls: ctx.state.config.xVideoProcessingPolls,
    createdAt: ctx.state.now(),
  };
  ctx.state.x.media.set(id, media);
  return { body: { data: describe(ctx, media) } };
}

function append(ctx: XContext) {
  const media = mediaOf(ctx, ctx.req.params.id as string);
  if (media.finalized) throw xProblems.invalidRequest([{ message: "The media has already been finalized" }]);
  const segment = Number(ctx.body.fields.segment_index);
  const chunk =
    ctx.body.files.media?.data ??
    (typeof ctx.body.fields.media === "string" ? Buffer.from(ctx.body.fields.media, "base64") : undefined);
  if (!Number.isInteger(segment) || segment < 0 || segment > 999) {
    throw xProblems.invalidRequest([
      {
        parameters: { segment_index: [String(ctx.body.fields.segment_index)] },
        message: "segment_index must be an integer between 0 and 999",
      },
    ]);
  }
  if (!chunk || chunk.length === 0)
    throw xProblems.invalidRequest([{ parameters: { media: [] }, message: "media is required" }]);
  media.chunks.set(segment, chunk);
  return { body: { data: { expires_at: Math.floor(media.createdAt / 1000) + EXPIRES_AFTER_SECS } } };
}

function finalize(ctx: XContext) {
  const media = mediaOf(ctx, ctx.req.params.id as string);
  const data = Buffer.concat([...media.chunks.entries()].sort(([a], [b]) => a - b).map(([, chunk]) => chunk));
  if (data.length !== media.totalBytes) {
    throw xProblems.invalidRequest([
      { message: `File size mismatch: expected ${media.totalBytes} bytes, received ${data.length}` },
    ]);
  }
  const signature = SIGNATURES[media.mediaType];
  if (signature && !signature(data)) throw xProblems.invalidRequest([{ message: "media type unrecognized." }]);
  media.finalized = true;
  const processing = processingInfo(media);
  return {
    body: {
      data: { ...describe(ctx, media), size: media.totalBytes, ...(processing ? { processing_info: processing } : {}) },
    },
  };
}

function status(ctx: XContext) {
  if (ctx.query.command !== "STATUS" || !ctx.query.media_id) {
    throw xProblems.invalidRequest([
      {
        parameters: { command: [ctx.query.command ?? ""] },
        message: "command must be STATUS and media_id is required",
      },
    ]);
  }
  const media = mediaOf(ctx, ctx.query.media_id);
  const processing = processingInfo(media);
  if (media.pendingPolls > 0) media.pendingPolls--;
  return { body: { data: { ...describe(ctx, media), ...(processing ? { processing_info: processing } : {}) } } };
}

export const mediaRoutes: XRoute[] = [
  {
    method: "post",
    path: "/2/media/upload/initialize",
    endpoint: "POST /2/media/upload/initialize",
    userContextOnly: true,
    handle: initialize,
  },
  {
    method: "post",
    path: "/2/media/upload/:id/append",
    endpoint: "POST /2/media/upload/:id/append",
    userContextOnly: true,
    handle: append,
  },
  {
    method: "post",
    path: "/2/media/upload/:id/finalize",
    endpoint: "POST /2/media/upload/:id/finalize",
    userContextOnly: true,
    handle: finalize,
  },
  { method: "get", path: "/2/media/upload", endpoint: "GET /2/media/upload", userContextOnly: true, handle: status },
];

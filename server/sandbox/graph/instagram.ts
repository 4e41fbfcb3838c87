/**
 * Instagram professional account nodes (Instagram API with Facebook Login).
 * https://developers.facebook.com/docs/instagram-platform/content-publishing
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies
 * https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { fetchMedia } from "@server/sandbox/mediaFetch";
import type {
  GraphComment,
  IgAccount,
  IgContainer,
  IgContainerStatus,
  IgMedia,
  SandboxState,
  SocialActor,
} from "@server/sandbox/state";
import { GraphError, graphErrors } from "./errors";
import { selectFields } from "./fields";
import { insightsEdge, type InsightsMetric } from "./insights";
import { type BoundNode, type GraphContext, graphTime, messageParams, validateParams } from "./node";
import { createdWithin, cursorPage } from "./paging";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Content publishing docs: a container not published within 24 hours expires. */
const CONTAINER_LIFETIME_MS = DAY_MS;
const CAPTION_MAX_LENGTH = 2200;
const CAPTION_MAX_HASHTAGS = 30;
const CAPTION_MAX_MENTIONS = 20;

export function resolveInstagramNode(state: SandboxState, id: string): BoundNode | undefined {
  const account = state.graph.igAccounts.get(id);
  if (account) return igUserNode(account);
  const container = state.graph.igContainers.get(id);
  if (container) return containerNode(state, container);
  const media = state.graph.igMedia.get(id);
  if (media) return mediaNode(state, media);
  const comment = state.graph.comments.get(id);
  if (comment?.platform === "instagram") return commentNode(state, comment);
  return undefined;
}

const igError = (message: string, code: number, subcode: number, userTitle: string, userMessage: string) =>
  new GraphError(400, {
    message,
    type: "OAuthException",
    code,
    error_subcode: subcode,
    is_transient: false,
    error_user_title: userTitle,
    error_user_msg: userMessage,
  });

// ---------- IG User ----------

function igUserNode(account: IgAccount): BoundNode {
  return {
    typeName: "IGUser",
    ownerPageId: account.pageId,
    read: ({ state, params }) =>
      selectFields(
        {
          id: account.id,
          username: account.username,
          name: account.name,
          media_count: [...state.graph.igMedia.values()].filter((m) => m.igUserId === account.id).length,
          followers_count: 12840,
        },
        params.fields,
        "IGUser",
        ["id"],
      ),
    edges: {
      media: { get: (ctx) => listMedia(ctx, account), post: (ctx) => createContainer(ctx, account) },
      media_publish: { post: (ctx) => publishContainer(ctx, account) },
      content_publishing_limit: { get: (ctx) => publishingLimit(ctx, account) },
    },
  };
}

// Schemas are built once: zod compiles each one, which costs more than parsing a request with it.
const publishParams = z.object({ creation_id: z.string().min(1) });
const mediaListParams = z.object({ since: z.coerce.number().int().optional() });

const containerParams = z.object({
  image_url: z.url().optional(),
  video_url: z.url().optional(),
  media_type: z.enum(["IMAGE", "VIDEO", "REELS"]).optional(),
  caption: z.string().optional(),
});

function createContainer(ctx: GraphContext, account: IgAccount): { id: string } {
  const params = validateParams(containerParams, ctx.params);
  const mediaType = params.media_type ?? (params.video_url ? "VIDEO" : "IMAGE");
  const mediaUrl = mediaType === "IMAGE" ? params.image_url : params.video_url;
  if (!mediaUrl) {
    throw graphErrors.invalidParameter(
      mediaType === "IMAGE" ? "The parameter image_url is required" : "The parameter video_url is required",
    );
  }
  checkCaption(params.caption);
  const container: IgContainer = {
    id: ctx.state.nextId("igContainer", 17890000000000000n),
    igUserId: account.id,
    mediaType,
    mediaUrl,
    caption: params.caption,
    createdTime: ctx.state.now(),
    statusPolls: 0,
  };
  ctx.state.graph.igContainers.set(container.id, container);
  // Instagram downloads the media asynchronously; the container's status reports the outcome.
  void fetchMedia(mediaUrl, mediaType === "IMAGE" ? "image" : "video", ctx.state.config.mediaFetchTimeoutMs).then(
    (result) => {
      container.fetchResult = result.ok ? { ok: true } : { ok: false, reason: result.reason };
    },
  );
  return { id: container.id };
}

function checkCaption(caption: string | undefined): void {
  if (!caption) return;
  if (caption.length > CAPTION_MAX_LENGTH)
    throw graphErrors.invalidParameter(`The caption must be at most ${CAPTION_MAX_LENGTH} characters`);
  if ((caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > CAPTION_MAX_HASHTAGS)
    throw graphErrors.invalidParameter(`The caption may contain at most ${CAPTION_MAX_HASHTAGS} hashtags`);
  if ((caption.match(/@[\w.]+/g) ?? []).length > CAPTION_MAX_MENTIONS)
    throw graphErrors.invalidParameter(`The caption may contain at most ${CAPTION_MAX_MENTIONS} @ tags`);
}

export function containerStatus(
  state: SandboxState,
  container: IgContainer,
): { code: IgContainerStatus; text: string } {
  if (container.publishedMediaId) return { code: "PUBLISHED", text: "Published" };
  if (state.now() - container.createdTime > CONTAINER_LIFETIME_MS)
    return { code: "EXPIRED", text: "Expired: the container was not published within 24 hours" };
  if (!container.fetchResult) return { code: "IN_PROGRESS", text: "In Progress: the media is being downloaded" };
  if (!container.fetchResult.ok) return { code: "ERROR", text: `Error: ${container.fetchResult.reason}` };
  if (container.statusPolls <= state.config.igContainerPollsBeforeFinished)
    return { code: "IN_PROGRESS", text: "In Progress: the media is being processed" };
  return { code: "FINISHED", text: "Finished: Media has been uploaded and it is ready to be published." };
}

function containerNode(state: SandboxState, container: IgContainer): BoundNode {
  return {
    typeName: "IGContainer",
    ownerPageId: state.graph.igAccounts.get(container.igUserId)!.pageId,
    read: ({ params }) => {
      container.statusPolls++;
      const status = containerStatus(state, container);
      return selectFields(
        { id: container.id, status_code: status.code, status: status.text },
        params.fields,
        "IGContainer",
        ["id"],
      );
    },
    edges: {},
  };
}

function publishedInLastDay(state: SandboxState, account: IgAccount): number[] {
  const now = state.now();
  const times = (state.graph.igPublishTimes.get(account.id) ?? []).filter((time) => now - time < DAY_MS);
  state.graph.igPublishTimes.set(account.id, times);
  return times;
}

function publishContainer(ctx: GraphContext, account: IgAccount): { id: string } {
  const { creation_id } = validateParams(publishParams, ctx.params);
  const { state } = ctx;
  if (publishedInLastDay(state, account).length >= state.config.igPublishingQuota) {
    throw igError(
      "Application request limit reached",
      9,
      2207042,
      "Publishing limit reached",
      "You reached maximum number of posts that is allowed to be published by Content Publishing API.",
    );
  }
  const container = state.graph.igContainers.get(creation_id);
  if (!container || container.igUserId !== account.id)
    throw graphErrors.invalidParameter("The parameter creation_id is not a valid media container ID");
  const status = containerStatus(state, container).code;
  if (status === "EXPIRED") {
    throw igError(
      "The media has expired",
      -2,
      2207020,
      "Media expired",
      "The media you are trying to access has expired. Please try to upload again.",
    );
  }
  if (status === "ERROR") {
    throw igError(
      "Media download has failed",
      9004,
      2207052,
      "Media download failed",
      "The media could not be fetched from this URI. The media URI doesn't meet our requirements.",
    );
  }
  if (status === "PUBLISHED") throw graphErrors.invalidParameter("The media container has already been published");
  if (status !== "FINISHED") {
    throw igError(
      "Media ID is not available",
      9007,
      2207027,
      "Media not ready for publishing",
      "The media is not ready for publishing, please wait for a moment",
    );
  }
  const media: IgMedia = {
    id: state.nextId("igMedia", 17900000000000000n),
    igUserId: account.id,
    containerId: container.id,
    caption: container.caption,
    mediaType: container.mediaType === "IMAGE" ? "IMAGE" : "VIDEO",
    mediaProductType: container.mediaType === "REELS" ? "REELS" : "FEED",
    mediaUrl: container.mediaUrl,
    shortcode: "",
    timestamp: state.now(),
  };
  media.shortcode = createHash("sha1").update(media.id).digest("base64url").slice(0, 11);
  container.publishedMediaId = media.id;
  state.graph.igMedia.set(media.id, media);
  state.graph.igPublishTimes.get(account.id)!.push(state.now());
  return { id: media.id };
}

function publishingLimit(ctx: GraphContext, account: IgAccount) {
  const { since } = validateParams(mediaListParams, ctx.params);
  const times = publishedInLastDay(ctx.state, account).filter((time) => since === undefined || time >= since * 1000);
  const usage = {
    quota_usage: times.length,
    config: { quota_total: ctx.state.config.igPublishingQuota, quota_duration: DAY_MS / 1000 },
  };
  return { data: [selectFields(usage, ctx.params.fields, "ContentPublishingLimit", ["quota_usage"])] };
}

/** Newest first, narrowed by since/until when given. */
function listMedia(ctx: GraphContext, account: IgAccount) {
  const inRange = createdWithin(ctx.params);
  const media = [...ctx.state.graph.igMedia.values()]
    .filter((m) => m.igUserId === account.id && inRange(m.timestamp))
    .reverse();
  return cursorPage(media, ctx.params, ctx.url, (m) =>
    selectFields(mediaFields(ctx.state, m), ctx.params.fields, "IGMedia", ["id"]),
  );
}

// ---------- IG Media ----------

function mediaFields(state: SandboxState, media: IgMedia): Record<string, unknown> {
  const account = state.graph.igAccounts.get(media.igUserId)!;
  return {
    id: media.id,
    caption: media.caption,
    media_type: media.mediaType,
    media_product_type: media.mediaProductType,
    media_url: media.mediaUrl,
    permalink: `https://www.instagram.com/p/${media.shortcode}/`,
    shortcode: media.shortcode,
    timestamp: graphTime(media.timestamp),
    username: account.username,
    owner: { id: account.id },
    like_count: state.engagementOf(media.id).likes,
    comments_count: commentsCount(state, media),
  };
}

/** Comments the sandbox holds plus those only counted (set by tests, grown in demo mode). */
const commentsCount = (state: SandboxState, media: IgMedia) =>
  [...state.graph.comments.values()].filter((c) => c.objectId === media.id).length +
  state.engagementOf(media.id).comments;

/** Metrics retired for every version on 21 April 2025 (IG Media Insights reference). */
const RETIRED_MEDIA_METRICS = [
  "impressions",
  "plays",
  "clips_replays_count",
  "ig_reels_aggregated_all_plays_count",
  "video_views",
];

function mediaInsights(state: SandboxState, media: IgMedia): Record<string, InsightsMetric> {
  const engagement = () => state.engagementOf(media.id);
  return {
    views: {
      title: "Views",
      description: "The number of times the media was played or displayed.",
      value: () => engagement().views,
    },
    reach: {
      title: "Accounts reached",
      description: "The number of unique accounts that have seen the media at least once.",
      value: () => engagement().reach,
    },
    likes: { title: "Likes", description: "The number of likes on the media.", value: () => engagement().likes },
    comments: {
      title: "Comments",
      description: "The number of comments on the media.",
      value: () => commentsCount(state, media),
    },
    shares: { title: "Shares", description: "The number of shares of the media.", value: () => engagement().shares },
    saved: { title: "Saved", description: "The number of saves of the media.", value: () => engagement().saves },
    total_interactions: {
      title: "Interactions",
      description: "Likes, saves, comments and shares on the media, minus unlikes, unsaves and deleted comments.",
      value: () => engagement().likes + engagement().saves + commentsCount(state, media) + engagement().shares,
    },
  };
}

function mediaNode(state: SandboxState, media: IgMedia): BoundNode {
  const account = state.graph.igAccounts.get(media.igUserId)!;
  return {
    typeName: "IGMedia",
    ownerPageId: account.pageId,
    read: ({ params }) => selectFields(mediaFields(state, media), params.fields, "IGMedia", ["id"]),
    edges: {
      comments: {
        get: (ctx) => listIgComments(ctx, media.id, undefined),
        post: (ctx) => {
          const { message } = validateParams(messageParams, ctx.params);
          return {
            id: addInstagramComment(state, {
              mediaId: media.id,
              text: message,
              from: { id: account.id, username: account.username },
            }).id,
          };
        },
      },
      insights: { get: (ctx) => insightsEdge(ctx, media.id, mediaInsights(state, media), RETIRED_MEDIA_METRICS) },
    },
  };
}

// ---------- IG Comment ----------

const IG_COMMENT_DEFAULT_FIELDS = ["id", "text", "timestamp"];
const REPLIES_FIELD_LIMIT = 25;

function igCommentFields(state: SandboxState, comment: GraphComment): Record<string, unknown> {
  const media = state.graph.igMedia.get(comment.objectId);
  const replies = comment.parentId ? [] : [...state.graph.comments.values()].filter((c) => c.parentId === comment.id);
  return {
    // As a field, the replies edge answers its first page (oldest first), with paging when there are more.
    replies: {
      data: replies.slice(0, REPLIES_FIELD_LIMIT).map((reply) => igCommentFields(state, reply)),
      ...(replies.length > REPLIES_FIELD_LIMIT ? { paging: { next: `/${comment.id}/replies` } } : {}),
    },
    id: comment.id,
    text: comment.message,
    timestamp: graphTime(comment.createdTime),
    username: comment.from.username,
    from: { id: comment.from.id, username: comment.from.username },
    like_count: 0,
    hidden: false,
    parent_id: comment.parentId,
    media: { id: comment.objectId, media_product_type: media?.mediaProductType ?? "FEED" },
  };
}

function commentNode(state: SandboxState, comment: GraphComment): BoundNode {
  const media = state.graph.igMedia.get(comment.objectId)!;
  const account = state.graph.igAccounts.get(media.igUserId)!;
  return {
    typeName: "IGComment",
    ownerPageId: account.pageId,
    read: ({ params }) =>
      selectFields(igCommentFields(state, comment), params.fields, "IGComment", IG_COMMENT_DEFAULT_FIELDS),
    remove: () => {
      state.graph.comments.delete(comment.id);
      return { success: true };
    },
    edges: {
      replies: {
        get: (ctx) => listIgComments(ctx, comment.objectId, comment.id),
        post: (ctx) => {
          // Replies docs: you can only reply to top-level comments.
          if (comment.parentId)
            throw graphErrors.invalidParameter(
              "Replies can only be made to top-level comments; this comment is itself a reply",
            );
          const { message } = validateParams(messageParams, ctx.params);
          const reply = addInstagramComment(state, {
            mediaId: comment.objectId,
            parentId: comment.id,
            text: message,
            from: { id: account.id, username: account.username },
          });
          return { id: reply.id };
        },
      },
    },
  };
}

/** IG comment edges list newest first. */
function listIgComments(ctx: GraphContext, mediaId: string, parentId: string | undefined) {
  const comments = [...ctx.state.graph.comments.values()]
    .filter((c) => c.objectId === mediaId && c.parentId === parentId)
    .reverse();
  return cursorPage(comments, ctx.params, ctx.url, (c) =>
    selectFields(igCommentFields(ctx.state, c), ctx.params.fields, "IGComment", IG_COMMENT_DEFAULT_FIELDS),
  );
}

export function addInstagramComment(
  state: SandboxState,
  input: { mediaId: string; parentId?: string; text: string; from: SocialActor },
): GraphComment {
  const comment: GraphComment = {
    id: state.nextId("igComment", 17950000000000000n),
    platform: "instagram",
    objectId: input.mediaId,
    parentId: input.parentId,
    message: input.text,
    from: input.from,
    createdTime: state.now(),
  };
  state.graph.comments.set(comment.id, comment);
  return comment;
}

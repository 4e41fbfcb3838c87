/**
 * Facebook Page nodes: Page, Post (feed and photo posts), Video, Comment, Conversation.
 * https://developers.facebook.com/docs/pages-api/posts
 * https://developers.facebook.com/docs/video-api/guides/publishing, /docs/graph-api/reference/page/videos,
 * /docs/graph-api/reference/video, /docs/video-api/guides/insights, /docs/video-api/reference/error-codes
 * https://developers.facebook.com/docs/graph-api/reference/page/feed
 * https://developers.facebook.com/docs/graph-api/reference/object/comments
 * https://developers.facebook.com/docs/messenger-platform/conversations
 * Engagement fields: https://developers.facebook.com/docs/graph-api/reference/post (shares),
 * https://developers.facebook.com/docs/graph-api/reference/object/reactions and /object/comments (summary).
 */
import { z } from "zod";
import { fetchMedia } from "@server/sandbox/mediaFetch";
import type {
  Conversation,
  FbPage,
  FbPhoto,
  FbPost,
  FbVideo,
  GraphComment,
  PageMessage,
  SandboxState,
  SocialActor,
} from "@server/sandbox/state";
import { GraphError, graphErrors } from "./errors";
import { fieldModifiers, selectFields } from "./fields";
import { insightsEdge, type InsightsMetric } from "./insights";
import {
  type BoundNode,
  type GraphContext,
  graphBoolean,
  graphTime,
  jsonParam,
  messageParams,
  validateParams,
} from "./node";
import { subscribedAppsEdge } from "./pageSubscriptions";
import { createdWithin, cursorPage } from "./paging";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Page feed reference: a scheduled post must go live between 10 minutes and 75 days from the request. */
const SCHEDULE_MIN_MS = 10 * MINUTE_MS;
const SCHEDULE_MAX_MS = 75 * DAY_MS;
/** Messenger standard messaging window for messaging_type RESPONSE. */
const MESSAGING_WINDOW_MS = DAY_MS;

export function isLive(post: FbPost, now: number): boolean {
  return post.published || (post.scheduledPublishTime !== undefined && post.scheduledPublishTime * 1000 <= now);
}

export function resolveFacebookNode(state: SandboxState, id: string): BoundNode | undefined {
  const page = state.graph.pages.get(id);
  if (page) return pageNode(page);
  const post = state.graph.posts.get(id) ?? state.graph.posts.get(state.graph.photos.get(id) ?? "");
  if (post) return postNode(post);
  const video = state.graph.videos.get(id);
  if (video) return videoNode(video);
  const comment = state.graph.comments.get(id);
  if (comment?.platform === "facebook") return commentNode(comment);
  const conversation = state.graph.conversations.get(id);
  if (conversation) return conversationNode(conversation);
  return undefined;
}

// ---------- Page ----------

function pageNode(page: FbPage): BoundNode {
  return {
    typeName: "Page",
    ownerPageId: page.id,
    read: ({ params }) =>
      selectFields(
        {
          id: page.id,
          name: page.name,
          category: page.category,
          link: `https://www.facebook.com/${page.id}`,
          instagram_business_account: { id: page.igUserId },
        },
        params.fields,
        "Page",
        ["id", "name"],
      ),
    edges: {
      feed: {
        get: (ctx) => listPosts(ctx, page, (post, now) => isLive(post, now)),
        post: (ctx) => createFeedPost(ctx, page),
      },
      published_posts: { get: (ctx) => listPosts(ctx, page, (post, now) => isLive(post, now)) },
      scheduled_posts: {
        get: (ctx) =>
          listPosts(ctx, page, (post, now) => !isLive(post, now) && post.scheduledPublishTime !== undefined),
      },
      photos: { post: (ctx) => createPhotoPost(ctx, page) },
      videos: { get: (ctx) => listVideos(ctx, page), post: (ctx) => createVideo(ctx, page) },
      conversations: { get: (ctx) => listConversations(ctx, page) },
      messages: { post: (ctx) => sendPageMessage(ctx, page) },
      subscribed_apps: subscribedAppsEdge(page),
    },
  };
}

const scheduledTime = z
  .union([z.coerce.number().int().positive(), z.iso.datetime({ offset: true })])
  .transform((value) => (typeof value === "number" ? value : Math.floor(Date.parse(value) / 1000)));

// Schemas are built once: zod compiles each one, which costs more than parsing a request with it.
const videoListParams = z.object({ type: z.enum(["uploaded", "tagged"]).optional() });
const videoEditParams = z.object({ description: z.string().optional(), name: z.string().optional() });
const conversationListParams = z.object({
  platform: z.enum(["messenger", "instagram"]).optional(),
  user_id: z.string().optional(),
});

const feedPostParams = z.object({
  message: z.string().optional(),
  link: z.url().optional(),
  published: graphBoolean.optional(),
  scheduled_publish_time: scheduledTime.optional(),
  attached_media: jsonParam(z.array(jsonParam(z.object({ media_fbid: z.string().min(1) })))).optional(),
});

/** attached_media arrives as a JSON array, or from forms as attached_media[0]={"media_fbid":"..."}, attached_media[1]=... */
function withAttachedMediaList(params: Record<string, unknown>): Record<string, unknown> {
  const indexed = Object.keys(params)
    .map((key) => /^attached_media\[(\d+)\]$/.exec(key))
    .filter((match) => match !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  if (indexed.length === 0) return params;
  return { ...params, attached_media: indexed.map((match) => params[match[0]]) };
}

function createFeedPost(ctx: GraphContext, page: FbPage): { id: string } {
  const params = validateParams(feedPostParams, withAttachedMediaList(ctx.params));
  const photos = (params.attached_media ?? []).map(({ media_fbid }, index) => {
    const photo = ctx.state.graph.unpublishedPhotos.get(media_fbid);
    if (!photo || photo.pageId !== page.id)
      throw graphErrors.invalidParameter(`attached_media[${index}] is not an unpublished photo of this Page`);
    return photo;
  });
  if (!params.message && !params.link && photos.length === 0)
    throw graphErrors.invalidParameter("Missing message or attachment");
  const post = newPost(ctx.state, page, publicationOf(ctx.state, params));
  post.message = params.message;
  post.link = params.link;
  for (const photo of photos) attachPhoto(ctx.state, post, photo);
  return { id: post.id };
}

function attachPhoto(state: SandboxState, post: FbPost, photo: FbPhoto): void {
  state.graph.unpublishedPhotos.delete(photo.id);
  state.graph.photos.set(photo.id, post.id);
  post.photos.push(photo);
}

/** Validates published / scheduled_publish_time as the Page feed reference describes. */
function publicationOf(state: SandboxState, params: { published?: boolean; scheduled_publish_time?: number }) {
  const published = params.published ?? true;
  if (params.scheduled_publish_time === undefined) return { published };
  if (published) throw graphErrors.invalidParameter("You cannot specify a scheduled publish time on a published post");
  const delay = params.scheduled_publish_time * 1000 - state.now();
  if (delay < SCHEDULE_MIN_MS || delay > SCHEDULE_MAX_MS)
    throw graphErrors.invalidParameter("The specified scheduled publish time is invalid.");
  return { published, scheduledPublishTime: params.scheduled_publish_time };
}

function newPost(
  state: SandboxState,
  page: FbPage,
  publication: { published: boolean; scheduledPublishTime?: number },
  id?: string,
): FbPost {
  const now = state.now();
  const post: FbPost = {
    id: id ?? `${page.id}_${state.nextId("fbPost", 122100000000000000n)}`,
    pageId: page.id,
    ...publication,
    photos: [],
    createdTime: now,
    updatedTime: now,
  };
  state.graph.posts.set(post.id, post);
  return post;
}

const photoParams = z.object({
  url: z.url().optional(),
  caption: z.string().optional(),
  message: z.string().optional(),
  published: graphBoolean.optional(),
  scheduled_publish_time: scheduledTime.optional(),
});

/**
 * POST /{page-id}/photos: Meta downloads `url` (or takes the uploaded `source`) and rejects non-images with #324.
 * published=false without a schedule uploads a photo that is not posted, to be attached with attached_media.
 * https://developers.facebook.com/docs/pages-api/posts#publish-a-multi-photo-post
 */
async function createPhotoPost(ctx: GraphContext, page: FbPage): Promise<{ id: string; post_id?: string }> {
  const params = validateParams(photoParams, ctx.params);
  const source = ctx.files.source;
  if (!params.url && !source)
    throw new GraphError(400, { message: "(#324) Requires upload file", type: "OAuthException", code: 324 });
  const photoUrl = params.url ?? `attachment://${source!.filename}`;
  const valid = params.url
    ? (await fetchMedia(params.url, "image", ctx.state.config.mediaFetchTimeoutMs)).ok
    : source!.contentType.startsWith("image/") && source!.data.length > 0;
  if (!valid)
    throw new GraphError(400, { message: "(#324) Missing or invalid image file", type: "OAuthException", code: 324 });

  const publication = publicationOf(ctx.state, params);
  const photo: FbPhoto = { id: ctx.state.nextId("fbPhoto", 122099000000000000n), pageId: page.id, url: photoUrl };
  if (!publication.published && publication.scheduledPublishTime === undefined) {
    ctx.state.graph.unpublishedPhotos.set(photo.id, photo);
    return { id: photo.id };
  }
  const post = newPost(ctx.state, page, publication);
  post.message = params.caption ?? params.message;
  attachPhoto(ctx.state, post, photo);
  return { id: photo.id, post_id: post.id };
}

/** Newest first, narrowed by since/until when given. */
function listPosts(ctx: GraphContext, page: FbPage, include: (post: FbPost, now: number) => boolean) {
  const now = ctx.state.now();
  const inRange = createdWithin(ctx.params);
  const posts = [...ctx.state.graph.posts.values()]
    .filter((post) => post.pageId === page.id && include(post, now) && inRange(post.createdTime))
    .reverse();
  return cursorPage(posts, ctx.params, ctx.url, (post) =>
    selectFields(postFields(ctx.state, post, ctx.params.fields), ctx.params.fields, "Post", POST_DEFAULT_FIELDS),
  );
}

// ---------- Post ----------

const POST_DEFAULT_FIELDS = ["id", "message", "created_time"];
/** An edge asked for as a field answers its first page, of Graph's default size. */
const EDGE_FIELD_PAGE_SIZE = 25;

/**
 * The comments and reactions fields list their first page (`limit(0)` for none), with a summary
 * of the total when asked for `summary(true)` or `summary(total_count)`. Reactions are counted,
 * not modelled one by one, so their list is empty.
 */
function countedEdge(
  requested: unknown,
  name: string,
  items: () => Record<string, unknown>[],
  totalCount: number,
  summaryExtras: Record<string, unknown>,
) {
  const { limit, summary } = fieldModifiers(requested, name);
  const data = items().slice(0, limit === undefined ? EDGE_FIELD_PAGE_SIZE : Number(limit) || 0);
  return {
    data,
    ...(summary === "true" || summary === "total_count"
      ? { summary: { total_count: totalCount, ...summaryExtras } }
      : {}),
  };
}

function postFields(state: SandboxState, post: FbPost, requested: unknown): Record<string, unknown> {
  const page = state.graph.pages.get(post.pageId)!;
  const number = post.id.split("_")[1];
  const engagement = () => state.engagementOf(post.id);
  return {
    id: post.id,
    message: post.message,
    link: post.link,
    created_time: graphTime(post.createdTime),
    updated_time: graphTime(post.updatedTime),
    from: { id: page.id, name: page.name },
    is_published: isLive(post, state.now()),
    scheduled_publish_time: post.scheduledPublishTime,
    permalink_url: `https://www.facebook.com/${page.id}/posts/${number}`,
    full_picture: post.photos[0]?.url,
    // Getters: engagement is worked out only for the posts and fields asked for.
    get reactions() {
      return countedEdge(requested, "reactions", () => [], engagement().likes, { viewer_reaction: "NONE" });
    },
    get comments() {
      const comments = [...state.graph.comments.values()].filter((c) => c.objectId === post.id && !c.parentId);
      const listed = () =>
        comments.map((c) => selectFields(commentFields(state, c), undefined, "Comment", COMMENT_DEFAULT_FIELDS));
      return countedEdge(requested, "comments", listed, comments.length + engagement().comments, {
        order: "ranked",
        can_comment: true,
      });
    },
    // Graph leaves `shares` out of a post nobody has shared.
    get shares() {
      return engagement().shares > 0 ? { count: engagement().shares } : undefined;
    },
  };
}

function postNode(post: FbPost): BoundNode {
  return {
    typeName: "Post",
    ownerPageId: post.pageId,
    read: ({ state, params }) =>
      selectFields(postFields(state, post, params.fields), params.fields, "Post", POST_DEFAULT_FIELDS),
    update: ({ state, params }) => {
      const { message } = validateParams(messageParams, params);
      post.message = message;
      post.updatedTime = state.now();
      return { success: true };
    },
    remove: ({ state }) => removePost(state, post),
    edges: {
      comments: { get: (ctx) => listComments(ctx, post.id), post: (ctx) => replyAsPage(ctx, post.id, undefined) },
      insights: { get: (ctx) => insightsEdge(ctx, post.id, postInsights(ctx.state, post), RETIRED_POST_METRICS) },
    },
  };
}

/** A post goes with its photos, its video and its comments; deleting a video deletes its post the same way. */
function removePost(state: SandboxState, post: FbPost) {
  state.graph.posts.delete(post.id);
  for (const photo of post.photos) state.graph.photos.delete(photo.id);
  if (post.videoId) state.graph.videos.delete(post.videoId);
  for (const comment of state.graph.comments.values())
    if (comment.objectId === post.id) state.graph.comments.delete(comment.id);
  return { success: true };
}

/**
 * Post metrics Meta has withdrawn (deprecated-metrics page and the Pages API changelog): the unique
 * impressions on 15 June 2025, the impressions themselves on 15 November 2025 in favour of views.
 * https://developers.facebook.com/documentation/pages-api/changelog/
 */
const RETIRED_POST_METRICS = [
  "post_impressions_unique",
  "post_impressions_paid_unique",
  "post_impressions_fan_unique",
  "post_impressions_organic_unique",
  "post_impressions_viral_unique",
  "post_impressions_nonviral_unique",
  "post_impressions",
  "post_impressions_paid",
  "post_impressions_fan",
  "post_impressions_organic",
  "post_impressions_viral",
  "post_impressions_nonviral",
];

function postInsights(state: SandboxState, post: FbPost): Record<string, InsightsMetric> {
  const engagement = () => state.engagementOf(post.id);
  return {
    post_media_view: {
      title: "Lifetime Post Views",
      description: "Lifetime: The number of times your post was on screen, not including time on screen by mistake.",
      value: () => engagement().views,
    },
    post_total_media_view_unique: {
      title: "Lifetime Post Total Media Viewers",
      description: "Lifetime: The number of people who saw your Page's post.",
      value: () => engagement().reach,
    },
  };
}

// ---------- Video ----------

const videoParams = z.object({
  file_url: z.url(),
  title: z.string().optional(),
  description: z.string().optional(),
});

/** Video API error codes page: the session could not get the file, or the file is no video Meta can play. */
const videoUploadProblem = () =>
  new GraphError(400, {
    message: "There was a problem uploading your video file. Please try again with another file.",
    type: "GraphException",
    code: 6000,
  });
const unsupportedVideoFormat = () =>
  new GraphError(400, {
    message: "(#352) Sorry, the video file you selected is in a format that we don't support.",
    type: "OAuthException",
    code: 352,
  });

/**
 * POST /{page-id}/videos with file_url: Meta downloads the file and publishes it on the Page,
 * answering only the video id. The video also shows in the feed, as the post {page-id}_{video-id}
 * whose message is the description.
 */
async function createVideo(ctx: GraphContext, page: FbPage): Promise<{ id: string }> {
  const params = validateParams(videoParams, ctx.params);
  const fetched = await fetchMedia(params.file_url, "video", ctx.state.config.mediaFetchTimeoutMs);
  if (!fetched.ok) throw fetched.wrongType ? unsupportedVideoFormat() : videoUploadProblem();

  const id = ctx.state.nextId("fbVideo", 1089000000000000n);
  const post = newPost(ctx.state, page, { published: true }, `${page.id}_${id}`);
  post.message = params.description;
  post.videoId = id;
  const video: FbVideo = {
    id,
    pageId: page.id,
    postId: post.id,
    title: params.title,
    fileUrl: params.file_url,
    contentType: fetched.contentType,
    bytes: fetched.bytes,
    createdTime: post.createdTime,
  };
  ctx.state.graph.videos.set(id, video);
  return { id };
}

/** GET /{page-id}/videos: the Page's uploaded videos, newest first (type=tagged: videos it is tagged in, none here). */
function listVideos(ctx: GraphContext, page: FbPage) {
  const { type = "uploaded" } = validateParams(videoListParams, ctx.params);
  const inRange = createdWithin(ctx.params);
  const videos =
    type === "tagged"
      ? []
      : [...ctx.state.graph.videos.values()]
          .filter((video) => video.pageId === page.id && inRange(video.createdTime))
          .reverse();
  return cursorPage(videos, ctx.params, ctx.url, (video) =>
    selectFields(videoFields(ctx.state, video, ctx.params.fields), ctx.params.fields, "Video", VIDEO_DEFAULT_FIELDS),
  );
}

const VIDEO_DEFAULT_FIELDS = ["id", "description", "updated_time"];

/**
 * The Video node shares its post's description, comments and reactions. It has no `shares`
 * field (shares are listed one by one on its sharedposts edge, not modelled here).
 */
function videoFields(state: SandboxState, video: FbVideo, requested: unknown): Record<string, unknown> {
  const post = state.graph.posts.get(video.postId)!;
  const page = state.graph.pages.get(video.pageId)!;
  const postFieldsOf = () => postFields(state, post, requested);
  return {
    id: video.id,
    title: video.title,
    description: post.message,
    created_time: graphTime(video.createdTime),
    updated_time: graphTime(post.updatedTime),
    from: { id: page.id, name: page.name },
    // A path on www.facebook.com, as Graph has answered it for videos (the adapter takes a full URL too).
    permalink_url: `/${page.id}/videos/${video.id}/`,
    published: true,
    status: { video_status: "ready" },
    get reactions() {
      return postFieldsOf().reactions;
    },
    get comments() {
      return postFieldsOf().comments;
    },
  };
}

function videoNode(video: FbVideo): BoundNode {
  return {
    typeName: "Video",
    ownerPageId: video.pageId,
    read: ({ state, params }) =>
      selectFields(videoFields(state, video, params.fields), params.fields, "Video", VIDEO_DEFAULT_FIELDS),
    // https://developers.facebook.com/docs/graph-api/reference/video#Updating: description and name (the title).
    update: ({ state, params }) => {
      const { description, name } = validateParams(videoEditParams, params);
      if (description === undefined && name === undefined)
        throw graphErrors.invalidParameter("The parameter description or name is required");
      const post = state.graph.posts.get(video.postId)!;
      if (description !== undefined) post.message = description;
      if (name !== undefined) video.title = name;
      post.updatedTime = state.now();
      return { success: true };
    },
    remove: ({ state }) => removePost(state, state.graph.posts.get(video.postId)!),
    edges: {
      comments: {
        get: (ctx) => listComments(ctx, video.postId),
        post: (ctx) => replyAsPage(ctx, video.postId, undefined),
      },
      video_insights: {
        get: (ctx) => insightsEdge(ctx, video.id, videoInsights(ctx.state, video), [], "video_insights"),
      },
    },
  };
}

function videoInsights(state: SandboxState, video: FbVideo): Record<string, InsightsMetric> {
  const engagement = () => state.engagementOf(video.postId);
  return {
    total_video_views: {
      title: "Lifetime Total Video Views",
      description: "Lifetime: How many times the video was watched for 3 seconds or to its end, whichever came first.",
      value: () => engagement().views,
    },
    total_video_views_unique: {
      title: "Lifetime Unique Video Views",
      description: "Lifetime: How many people watched the video for 3 seconds or to its end, whichever came first.",
      value: () => engagement().reach,
    },
  };
}

// ---------- Comment ----------

const COMMENT_DEFAULT_FIELDS = ["created_time", "from", "message", "id"];

function commentFields(state: SandboxState, comment: GraphComment): Record<string, unknown> {
  const replies = [...state.graph.comments.values()].filter((c) => c.parentId === comment.id).length;
  return {
    id: comment.id,
    message: comment.message,
    from: comment.from,
    created_time: graphTime(comment.createdTime),
    parent: comment.parentId ? { id: comment.parentId } : undefined,
    comment_count: replies,
    can_comment: true,
    object: { id: comment.objectId },
    permalink_url: `https://www.facebook.com/${comment.objectId.replace("_", "/posts/")}?comment_id=${comment.id}`,
  };
}

function commentNode(comment: GraphComment): BoundNode {
  return {
    typeName: "Comment",
    ownerPageId: comment.objectId.split("_")[0]!,
    read: ({ state, params }) =>
      selectFields(commentFields(state, comment), params.fields, "Comment", COMMENT_DEFAULT_FIELDS),
    update: ({ params }) => {
      comment.message = validateParams(messageParams, params).message;
      return { success: true };
    },
    remove: ({ state }) => {
      state.graph.comments.delete(comment.id);
      return { success: true };
    },
    edges: {
      comments: {
        get: (ctx) => listComments(ctx, comment.objectId, comment.id),
        // Facebook threads are one level deep: a reply to a reply joins the top-level thread.
        post: (ctx) => replyAsPage(ctx, comment.objectId, comment.parentId ?? comment.id),
      },
    },
  };
}

const commentListParams = z.object({
  filter: z.enum(["toplevel", "stream"]).optional(),
  order: z.enum(["chronological", "reverse_chronological"]).optional(),
  summary: graphBoolean.optional(),
});

function listComments(ctx: GraphContext, objectId: string, parentId?: string) {
  const { filter = "toplevel", order = "chronological", summary } = validateParams(commentListParams, ctx.params);
  const inRange = createdWithin(ctx.params);
  let comments = [...ctx.state.graph.comments.values()].filter(
    (c) => c.objectId === objectId && inRange(c.createdTime),
  );
  comments = parentId
    ? comments.filter((c) => c.parentId === parentId)
    : filter === "toplevel"
      ? comments.filter((c) => !c.parentId)
      : comments;
  if (order === "reverse_chronological") comments.reverse();
  const page = cursorPage(comments, ctx.params, ctx.url, (c) =>
    selectFields(commentFields(ctx.state, c), ctx.params.fields, "Comment", COMMENT_DEFAULT_FIELDS),
  );
  return summary ? { ...page, summary: { order, total_count: comments.length, can_comment: true } } : page;
}

function replyAsPage(ctx: GraphContext, postId: string, parentId: string | undefined): { id: string } {
  const { message } = validateParams(messageParams, ctx.params);
  const page = ctx.state.graph.pages.get(postId.split("_")[0]!)!;
  return {
    id: addFacebookComment(ctx.state, { postId, parentId, message, from: { id: page.id, name: page.name } }).id,
  };
}

export function addFacebookComment(
  state: SandboxState,
  input: { postId: string; parentId?: string; message: string; from: SocialActor },
): GraphComment {
  const postNumber = input.postId.split("_")[1];
  const comment: GraphComment = {
    id: `${postNumber}_${state.nextId("fbComment", 1000000000000000n)}`,
    platform: "facebook",
    objectId: input.postId,
    parentId: input.parentId,
    message: input.message,
    from: input.from,
    createdTime: state.now(),
  };
  state.graph.comments.set(comment.id, comment);
  return comment;
}

// ---------- Conversations and messages ----------

function listConversations(ctx: GraphContext, page: FbPage) {
  const { platform = "messenger", user_id } = validateParams(conversationListParams, ctx.params);
  const conversations =
    platform === "messenger"
      ? [...ctx.state.graph.conversations.values()]
          .filter((c) => c.pageId === page.id && (!user_id || c.participant.id === user_id))
          .sort((a, b) => lastMessageTime(b) - lastMessageTime(a))
      : [];
  return cursorPage(conversations, ctx.params, ctx.url, (c) =>
    selectFields(conversationFields(ctx.state, c), ctx.params.fields, "Conversation", ["id", "updated_time"]),
  );
}

const lastMessageTime = (conversation: Conversation) => conversation.messages.at(-1)?.createdTime ?? 0;

function conversationFields(state: SandboxState, conversation: Conversation): Record<string, unknown> {
  const page = state.graph.pages.get(conversation.pageId)!;
  return {
    id: conversation.id,
    updated_time: graphTime(lastMessageTime(conversation)),
    link: `/${page.id}/inbox/${conversation.id}`,
    message_count: conversation.messages.length,
    unread_count: 0,
    participants: { data: [conversation.participant, { id: page.id, name: page.name }] },
    // As a field, the messages edge answers its first page, newest first.
    messages: { data: [...conversation.messages].reverse().slice(0, 25).map(messageFields) },
  };
}

function messageFields(message: PageMessage): Record<string, unknown> {
  return {
    id: message.id,
    created_time: graphTime(message.createdTime),
    message: message.text,
    from: message.from,
    to: { data: [message.to] },
  };
}

function conversationNode(conversation: Conversation): BoundNode {
  return {
    typeName: "Conversation",
    ownerPageId: conversation.pageId,
    read: ({ state, params }) =>
      selectFields(conversationFields(state, conversation), params.fields, "Conversation", ["id", "updated_time"]),
    edges: {
      messages: {
        get: (ctx) => {
          const newestFirst = [...conversation.messages].reverse();
          return cursorPage(newestFirst, ctx.params, ctx.url, (m) =>
            selectFields(messageFields(m), ctx.params.fields, "Message", ["id", "created_time"]),
          );
        },
      },
    },
  };
}

const sendParams = z.object({
  recipient: jsonParam(z.object({ id: z.string() })),
  message: jsonParam(z.object({ text: z.string().min(1).max(2000) })),
  messaging_type: z.enum(["RESPONSE", "UPDATE", "MESSAGE_TAG"]),
  tag: z.string().optional(),
});

/** Send API: https://developers.facebook.com/docs/messenger-platform/reference/send-api */
function sendPageMessage(ctx: GraphContext, page: FbPage) {
  const params = validateParams(sendParams, ctx.params);
  const conversation = [...ctx.state.graph.conversations.values()].find(
    (c) => c.pageId === page.id && c.participant.id === params.recipient.id,
  );
  if (!conversation) throw graphErrors.invalidParameter("No matching user found", 2018001);
  const lastFromUser = [...conversation.messages].reverse().find((m) => m.from.id === conversation.participant.id);
  const outsideWindow = !lastFromUser || ctx.state.now() - lastFromUser.createdTime > MESSAGING_WINDOW_MS;
  if (params.messaging_type !== "MESSAGE_TAG" && outsideWindow) {
    throw new GraphError(400, {
      message: "(#10) This message is sent outside of allowed window.",
      type: "OAuthException",
      code: 10,
      error_subcode: 2018278,
    });
  }
  const message = addPageMessage(
    ctx.state,
    conversation,
    { id: page.id, name: page.name },
    conversation.participant,
    params.message.text,
  );
  return { recipient_id: conversation.participant.id, message_id: message.id };
}

export function addPageMessage(
  state: SandboxState,
  conversation: Conversation,
  from: SocialActor,
  to: SocialActor,
  text: string,
): PageMessage {
  const message: PageMessage = {
    id: `m_${Buffer.from(state.nextId("pageMessage", 0n)).toString("base64url")}`,
    conversationId: conversation.id,
    from,
    to,
    text,
    createdTime: state.now(),
  };
  conversation.messages.push(message);
  return message;
}

/** The conversation a citizen has with a Page, created on their first message. */
export function conversationWith(state: SandboxState, page: FbPage, citizen: SocialActor): Conversation {
  const existing = [...state.graph.conversations.values()].find(
    (c) => c.pageId === page.id && c.participant.id === citizen.id,
  );
  if (existing) return existing;
  const conversation: Conversation = {
    id: `t_${state.nextId("conversation", 10160000000000000n)}`,
    pageId: page.id,
    participant: citizen,
    messages: [],
  };
  state.graph.conversations.set(conversation.id, conversation);
  return conversation;
}

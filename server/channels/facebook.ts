/**
 * Facebook Page posts and videos through the Graph API.
 * https://developers.facebook.com/docs/pages-api/posts
 * https://developers.facebook.com/docs/video-api/guides/publishing, https://developers.facebook.com/docs/graph-api/reference/video
 */
import {
  type ChannelAdapter,
  ChannelError,
  type ChannelTarget,
  type EngagementCounts,
  type FinalPublishStep,
  type IncomingMessage,
  type OutgoingMedia,
  type OutgoingPost,
  type RemotePost,
} from "./adapter.js";
import { GraphClient, graphDate, type GraphSettings } from "./graph.js";
import { normaliseWhitespace, type Platform } from "./http.js";
import { anyMetricAvailable, lifetimeInsights, readEachPost } from "./engagement.js";
import { incomingMessage, nextTimeCursor, RequestTally, unsupportedReply, unsupportedStream } from "./incoming.js";

/** Credentials of a Facebook channel: a Page access token (never expires once long-lived). */
export type FacebookCredentials = { pageAccessToken: string };
/** Settings of a Facebook channel; externalId is the Page id. */
export type FacebookSettings = GraphSettings;

export type FacebookAdapterOptions = { timeoutMs?: number };

const FACEBOOK: Platform = { label: "Facebook", codePrefix: "graph" };

type FeedItem = { id: string; message?: string; created_time: string; permalink_url?: string };
type VideoItem = { id: string; description?: string; created_time: string; permalink_url?: string };
type Actor = { id: string; name?: string };
type CommentItem = { id: string; message?: string; from?: Actor; created_time: string; parent?: { id: string } };
type MessageItem = { id: string; message?: string; from?: Actor; created_time: string };
type ConversationItem = { id: string; updated_time: string; messages?: { data: MessageItem[] } };

/** Endpoints as Meta names them, for the request counts admins see. */
const COMMENTS_ENDPOINT = "GET /{post-id}/comments";
const VIDEO_COMMENTS_ENDPOINT = "GET /{video-id}/comments";
const CONVERSATIONS_ENDPOINT = "GET /{page-id}/conversations";
const POST_ENDPOINT = "GET /{post-id}";
const INSIGHTS_ENDPOINT = "GET /{post-id}/insights";
const VIDEO_ENDPOINT = "GET /{video-id}";
const VIDEO_INSIGHTS_ENDPOINT = "GET /{video-id}/video_insights";

/**
 * Counts without the lists: https://developers.facebook.com/docs/graph-api/reference/object/reactions,
 * /object/comments (summary total_count) and /post (shares, absent when nobody shared).
 */
const ENGAGEMENT_FIELDS = "reactions.limit(0).summary(total_count),comments.limit(0).summary(total_count),shares";
/**
 * Views of a post: post_media_view, which replaced post_impressions when Meta withdrew impressions
 * on 15 November 2025 (https://developers.facebook.com/documentation/pages-api/changelog/).
 */
const VIEWS_METRIC = "post_media_view";
type Summary = { summary?: { total_count?: number } };
type PostEngagement = { reactions?: Summary; comments?: Summary; shares?: { count?: number } };
/** A Video has reactions and comments like a post, but no shares field (its sharedposts edge lists them one by one). */
const VIDEO_ENGAGEMENT_FIELDS = "reactions.limit(0).summary(total_count),comments.limit(0).summary(total_count)";
/** https://developers.facebook.com/docs/video-api/guides/insights: lifetime views of 3 seconds or more. */
const VIDEO_VIEWS_METRIC = "total_video_views";

/** Page post ids have the form {page-id}_{post-id}; a video id is one number. */
const isVideoId = (remoteId: string) => !remoteId.includes("_");

export function createFacebookAdapter(options: FacebookAdapterOptions = {}): ChannelAdapter {
  const graphFor = (target: ChannelTarget) =>
    GraphClient.forTarget(FACEBOOK, target, "pageAccessToken", options.timeoutMs);

  /**
   * Photos are uploaded unpublished ahead; only the final /feed call creates the post. A video
   * has no such step: POST /{page-id}/videos fetches file_url and publishes in one call.
   */
  async function prepare(target: ChannelTarget, post: OutgoingPost): Promise<FinalPublishStep> {
    const graph = graphFor(target);
    const pageId = target.externalId;
    const video = videoOf(post);
    if (video) {
      return async () => {
        const created = await graph.post<{ id: string }>(`${pageId}/videos`, {
          file_url: video.publicUrl,
          title: post.title,
          description: messageOf(post),
        });
        return { remoteId: created.id, remoteUrl: videoUrl(pageId, created.id) };
      };
    }
    const images = post.media;
    if (images.length === 0) {
      return async () =>
        remoteOf(
          (
            await graph.post<{ id: string }>(`${pageId}/feed`, {
              message: post.text,
              ...(post.link ? { link: post.link } : {}),
            })
          ).id,
        );
    }
    const attached: { media_fbid: string }[] = [];
    for (const image of images) {
      const photo = await graph.post<{ id: string }>(`${pageId}/photos`, { url: image.publicUrl, published: false });
      attached.push({ media_fbid: photo.id });
    }
    return async () =>
      remoteOf(
        (await graph.post<{ id: string }>(`${pageId}/feed`, { message: messageOf(post), attached_media: attached })).id,
      );
  }

  return {
    kind: "facebook",

    async verify(target) {
      // A Page token answers /me as its Page, so connecting needs no Page id up front.
      const page = await graphFor(target).get<{ id: string; name: string }>(target.externalId || "me", {
        fields: "id,name",
      });
      return { name: page.name, externalId: page.id };
    },

    publish: async (target, post) => (await prepare(target, post))(),
    prepare,

    async findPublished(target, post, since) {
      const wanted = normaliseWhitespace(messageOf(post));
      if (videoOf(post)) {
        // Newest first; the listing stops at the first video made before the attempt started.
        const videos = graphFor(target).items<VideoItem>(
          `${target.externalId}/videos`,
          { type: "uploaded", fields: "id,description,created_time,permalink_url", limit: "100" },
          (item) => graphDate(item.created_time).getTime() >= since.getTime() - 1000,
        );
        for await (const item of videos) {
          if (normaliseWhitespace(item.description ?? "") === wanted)
            return {
              remoteId: item.id,
              remoteUrl: absoluteUrl(item.permalink_url) ?? videoUrl(target.externalId, item.id),
            };
        }
        return null;
      }
      const feed = graphFor(target).items<FeedItem>(`${target.externalId}/feed`, {
        fields: "id,message,created_time,permalink_url",
        since: String(Math.floor(since.getTime() / 1000)),
        limit: "100",
      });
      for await (const item of feed) {
        if (normaliseWhitespace(item.message ?? "") === wanted)
          return { remoteId: item.id, remoteUrl: item.permalink_url ?? postUrl(item.id) };
      }
      return null;
    },

    async remove(target, remoteId) {
      await graphFor(target).delete(remoteId);
    },

    async update(target, remoteId, post) {
      // A video is edited on its Video node: description, and name for the title.
      const fields = isVideoId(remoteId)
        ? { description: messageOf(post), name: post.title }
        : { message: messageOf(post) };
      await graphFor(target).post(remoteId, fields);
    },

    async fetchEngagement(target, remoteIds, context) {
      const graph = graphFor(target);
      return readEachPost(remoteIds, context, async (postId, tally) => {
        if (isVideoId(postId)) return videoEngagement(graph, postId, tally);
        if (!tally.take(POST_ENDPOINT)) return null;
        const post = await graph.get<PostEngagement>(postId, { fields: ENGAGEMENT_FIELDS });
        const insights =
          anyMetricAvailable([VIEWS_METRIC]) && tally.take(INSIGHTS_ENDPOINT)
            ? await lifetimeInsights(graph, postId, [VIEWS_METRIC])
            : new Map<string, number>();
        return {
          reactions: post.reactions?.summary?.total_count ?? 0,
          comments: post.comments?.summary?.total_count ?? 0,
          shares: post.shares?.count ?? 0,
          views: insights.get(VIEWS_METRIC) ?? null,
        };
      });
    },

    async fetchIncoming(target, stream, cursor, context) {
      if (stream === "mentions") throw unsupportedStream(FACEBOOK, stream);
      const graph = graphFor(target);
      const tally = new RequestTally(context.maxRequests);
      const since = cursor ? Number(cursor) : undefined;
      const messages =
        stream === "comments"
          ? await commentsOn(graph, target.externalId, context.recentPostIds, since, tally)
          : await pageMessages(graph, target.externalId, since, tally);
      return { messages, cursor: nextTimeCursor(cursor, messages, tally), requests: tally.requests };
    },

    async reply(target, to, text) {
      const graph = graphFor(target);
      if (to.source === "facebook_comment") {
        // Facebook threads are one level deep: answering a reply lands in its top-level thread.
        const created = await graph.post<{ id: string }>(`${to.platformId}/comments`, { message: text });
        return { remoteId: created.id, remoteUrl: `${postUrl(to.threadKey)}?comment_id=${created.id}` };
      }
      if (to.source === "facebook_message") {
        // RESPONSE: an answer within Messenger's 24-hour window after the citizen wrote.
        const sent = await graph.post<{ message_id: string }>(`${target.externalId}/messages`, {
          recipient: { id: to.authorPlatformId ?? to.threadKey },
          message: { text },
          messaging_type: "RESPONSE",
        });
        return { remoteId: sent.message_id, remoteUrl: null };
      }
      throw unsupportedReply(FACEBOOK, to.source);
    },
  };
}

const isNewer = (since: number | undefined) => (createdTime: string) =>
  since === undefined || graphDate(createdTime).getTime() >= since * 1000;

/** Reactions, comments and lifetime views of a Page video. */
async function videoEngagement(
  graph: GraphClient,
  videoId: string,
  tally: RequestTally,
): Promise<EngagementCounts | null> {
  if (!tally.take(VIDEO_ENDPOINT)) return null;
  const video = await graph.get<PostEngagement>(videoId, { fields: VIDEO_ENGAGEMENT_FIELDS });
  const insights =
    anyMetricAvailable([VIDEO_VIEWS_METRIC]) && tally.take(VIDEO_INSIGHTS_ENDPOINT)
      ? await lifetimeInsights(graph, videoId, [VIDEO_VIEWS_METRIC], "video_insights")
      : new Map<string, number>();
  return {
    reactions: video.reactions?.summary?.total_count ?? 0,
    comments: video.comments?.summary?.total_count ?? 0,
    // Graph counts no shares on a Video node; reading its sharedposts one by one would cost a request per page of shares.
    shares: 0,
    views: insights.get(VIDEO_VIEWS_METRIC) ?? null,
  };
}

/** Comments and replies under our recent posts and videos, newest first, down to `since`; the Page's own answers skipped. */
async function commentsOn(
  graph: GraphClient,
  pageId: string,
  postIds: string[],
  since: number | undefined,
  tally: RequestTally,
): Promise<IncomingMessage[]> {
  const messages: IncomingMessage[] = [];
  const newer = isNewer(since);
  for (const postId of postIds) {
    // Webhooks name a video's comments by its feed post, {page-id}_{video-id}: polling files them the same way.
    const feedPostId = isVideoId(postId) ? `${pageId}_${postId}` : postId;
    const comments = graph.items<CommentItem>(
      `${postId}/comments`,
      // filter=stream lists replies too, each with its parent.
      {
        filter: "stream",
        order: "reverse_chronological",
        fields: "id,message,from,created_time,parent{id}",
        limit: "100",
        ...(since ? { since: String(since) } : {}),
      },
      (comment) => newer(comment.created_time),
      () => tally.take(isVideoId(postId) ? VIDEO_COMMENTS_ENDPOINT : COMMENTS_ENDPOINT),
    );
    try {
      for await (const comment of comments) {
        if (comment.from?.id === pageId || !comment.message) continue;
        messages.push(
          incomingMessage({
            source: "facebook_comment",
            platformId: comment.id,
            parentPlatformId: comment.parent?.id ?? null,
            postRemoteId: feedPostId,
            threadKey: feedPostId,
            author: {
              platformId: comment.from?.id ?? null,
              name: comment.from?.name ?? "Pengguna Facebook",
              handle: null,
            },
            text: comment.message,
            sentAt: graphDate(comment.created_time),
            attachments: [],
          }),
        );
      }
    } catch (error) {
      // A post deleted on Facebook answers "does not exist"; the other posts are still read.
      if (!(error instanceof ChannelError && error.failure === "permanent")) throw error;
    }
  }
  return messages;
}

/** Messenger messages citizens sent the Page since `since`, in conversations updated since then. */
async function pageMessages(
  graph: GraphClient,
  pageId: string,
  since: number | undefined,
  tally: RequestTally,
): Promise<IncomingMessage[]> {
  const newer = isNewer(since);
  const conversations = graph.items<ConversationItem>(
    `${pageId}/conversations`,
    { platform: "messenger", fields: "id,updated_time,messages{id,message,from,created_time}", limit: "25" },
    (conversation) => newer(conversation.updated_time),
    () => tally.take(CONVERSATIONS_ENDPOINT),
  );
  const messages: IncomingMessage[] = [];
  for await (const conversation of conversations) {
    for (const message of conversation.messages?.data ?? []) {
      if (message.from?.id === pageId || !message.message || !newer(message.created_time)) continue;
      messages.push(
        incomingMessage({
          source: "facebook_message",
          platformId: message.id,
          parentPlatformId: null,
          postRemoteId: null,
          // One thread per citizen and Page, keyed by the citizen's page-scoped id, which Messenger webhooks carry too.
          threadKey: message.from?.id ?? conversation.id,
          author: {
            platformId: message.from?.id ?? null,
            name: message.from?.name ?? "Pengguna Facebook",
            handle: null,
          },
          text: message.message,
          sentAt: graphDate(message.created_time),
          attachments: [],
        }),
      );
    }
  }
  return messages;
}

/** The video of a video post, which goes to the Page alone (a Page video carries no photos). */
function videoOf(post: OutgoingPost): OutgoingMedia | undefined {
  const video = post.media.find((item) => item.kind === "video");
  if (video && post.media.length > 1) {
    throw new ChannelError(
      "permanent",
      "facebook:mixed_media",
      "Facebook: a video is posted alone, without images or another video",
    );
  }
  return video;
}

/** The post's message (a video's description): photo and video posts have no link field, so the link goes at the end of the text. */
function messageOf(post: OutgoingPost): string {
  const linkInText = post.media.length > 0 && post.link && !post.text.includes(post.link);
  return linkInText ? `${post.text}\n\n${post.link}` : post.text;
}

function postUrl(postId: string): string {
  return `https://www.facebook.com/${postId}`;
}

function videoUrl(pageId: string, videoId: string): string {
  return `https://www.facebook.com/${pageId}/videos/${videoId}/`;
}

/** Graph may give a permalink as a path on www.facebook.com (videos) or as a full URL. */
function absoluteUrl(permalink: string | undefined): string | null {
  return permalink ? new URL(permalink, "https://www.facebook.com").toString() : null;
}

const remoteOf = (postId: string): RemotePost => ({ remoteId: postId, remoteUrl: postUrl(postId) });

export const facebookAdapter = createFacebookAdapter();

/**
 * Instagram professional accounts through the Graph API (Instagram API with Facebook Login).
 * https://developers.facebook.com/docs/instagram-platform/content-publishing
 */
import {
  type ChannelAdapter,
  ChannelError,
  type ChannelTarget,
  type FinalPublishStep,
  type IncomingMessage,
  type OutgoingMedia,
  type OutgoingPost,
} from "./adapter.js";
import { GraphClient, graphDate, type GraphSettings } from "./graph.js";
import { minutesFromNow, normaliseWhitespace, type Platform } from "./http.js";
import { anyMetricAvailable, lifetimeInsights, readEachPost } from "./engagement.js";
import { incomingMessage, nextTimeCursor, RequestTally, unsupportedReply, unsupportedStream } from "./incoming.js";

/** Credentials of an Instagram channel: the Page access token of the Facebook Page linked to it. */
export type InstagramCredentials = { accessToken: string };
/** Settings of an Instagram channel; externalId is the IG user id. */
export type InstagramSettings = GraphSettings;

export type InstagramAdapterOptions = {
  timeoutMs?: number;
  /**
   * Pauses between asks whether a media container is ready. Images are usually ready within
   * seconds, videos take minutes; Meta asks for no more than once a minute over 5 minutes, so
   * the waits grow to a minute and stop short of that.
   */
  containerPollWaitsMs?: number[];
};

const INSTAGRAM: Platform = { label: "Instagram", codePrefix: "graph" };
/** The limit is a rolling 24 hours; an hour later at least one earlier post has usually aged out. */
const PUBLISHING_LIMIT_WAIT_MINUTES = 60;
const CONTAINER_NOT_READY_WAIT_MINUTES = 5;
/** media_publish refused for the publishing limit (Graph code 9, subcode 2207042). */
const PUBLISHING_LIMIT_CODE = "graph:9";

const publishingLimitReached = (reason: string) =>
  new ChannelError(
    "transient",
    "instagram:publishing_limit",
    `Instagram: ${reason}`,
    minutesFromNow(PUBLISHING_LIMIT_WAIT_MINUTES),
  );

type ContainerStatus = { status_code: "IN_PROGRESS" | "FINISHED" | "ERROR" | "EXPIRED" | "PUBLISHED"; status?: string };
type PublishingLimit = { data: { quota_usage: number; config?: { quota_total: number } }[] };
type MediaItem = { id: string; caption?: string; timestamp: string; permalink?: string };
type IgComment = {
  id: string;
  text?: string;
  username?: string;
  timestamp: string;
  from?: { id: string; username?: string };
  parent_id?: string;
};
type IgTopLevelComment = IgComment & { replies?: { data: IgComment[]; paging?: { next?: string } } };

const COMMENT_FIELDS = "id,text,username,timestamp,from,parent_id";
/** Endpoints as Meta names them, for the request counts admins see. */
const COMMENTS_ENDPOINT = "GET /{ig-media-id}/comments";
const REPLIES_ENDPOINT = "GET /{ig-comment-id}/replies";
const MEDIA_ENDPOINT = "GET /{ig-media-id}";
const INSIGHTS_ENDPOINT = "GET /{ig-media-id}/insights";
/** https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights (views replaced impressions and plays in 2025). */
const ENGAGEMENT_METRICS = ["views", "shares"];
type MediaEngagement = { like_count?: number; comments_count?: number };
/**
 * Comments are listed newest first by their own time, but a reply can come days after its
 * comment: top-level comments this much older than the cursor are still read for their replies.
 */
const REPLY_LOOKBACK_SECONDS = 24 * 3600;

export function createInstagramAdapter(options: InstagramAdapterOptions = {}): ChannelAdapter {
  const waits = options.containerPollWaitsMs ?? [1_000, 3_000, 10_000, 30_000, 60_000, 60_000, 60_000];
  const graphFor = (target: ChannelTarget) =>
    GraphClient.forTarget(INSTAGRAM, target, "accessToken", options.timeoutMs);

  /** Polls status_code until the container is FINISHED; a container that never finishes is never published. */
  async function waitUntilReady(graph: GraphClient, containerId: string): Promise<void> {
    for (let poll = 0; poll <= waits.length; poll++) {
      const container = await graph.get<ContainerStatus>(containerId, { fields: "status_code,status" });
      if (container.status_code === "FINISHED") return;
      if (container.status_code === "ERROR" || container.status_code === "EXPIRED") {
        throw new ChannelError(
          "permanent",
          `instagram:container_${container.status_code.toLowerCase()}`,
          `Instagram: ${container.status ?? container.status_code}`,
        );
      }
      if (poll < waits.length) await new Promise((resolve) => setTimeout(resolve, waits[poll]));
    }
    throw new ChannelError(
      "transient",
      "instagram:container_not_ready",
      "Instagram: the media is still being processed",
      minutesFromNow(CONTAINER_NOT_READY_WAIT_MINUTES),
    );
  }

  /** Everything up to a FINISHED container happens ahead; only media_publish makes the post public. */
  async function prepare(target: ChannelTarget, post: OutgoingPost): Promise<FinalPublishStep> {
    const graph = graphFor(target);
    const igUserId = target.externalId;
    const media = post.media[0];
    if (!media)
      throw new ChannelError("permanent", "instagram:media_required", "Instagram: a post needs an image or a video");

    // Read, never hard-code: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
    const limit = (
      await graph.get<PublishingLimit>(`${igUserId}/content_publishing_limit`, { fields: "quota_usage,config" })
    ).data[0];
    if (limit?.config && limit.quota_usage >= limit.config.quota_total) {
      throw publishingLimitReached(
        `the account has published ${limit.quota_usage} of ${limit.config.quota_total} posts allowed in 24 hours`,
      );
    }
    const container = await graph.post<{ id: string }>(`${igUserId}/media`, {
      ...containerMedia(media),
      caption: post.text,
    });
    await waitUntilReady(graph, container.id);
    return async () => {
      const published = await graph
        .post<{ id: string }>(`${igUserId}/media_publish`, { creation_id: container.id })
        .catch((error: unknown) => {
          // Other posts used up the limit since it was read: this one waits like one refused up front.
          throw error instanceof ChannelError && error.code === PUBLISHING_LIMIT_CODE
            ? publishingLimitReached("the limit of posts allowed in 24 hours was reached")
            : error;
        });
      return { remoteId: published.id, remoteUrl: null };
    };
  }

  return {
    kind: "instagram",

    async verify(target) {
      const graph = graphFor(target);
      const account = await graph.get<{ id: string; username: string }>(
        target.externalId || (await linkedAccountId(graph)),
        { fields: "id,username" },
      );
      return { name: account.username, externalId: account.id };
    },

    publish: async (target, post) => (await prepare(target, post))(),
    prepare,
    permalink: (target, mediaId) => permalinkOf(graphFor(target), mediaId),

    async findPublished(target, post, since) {
      const wanted = normaliseWhitespace(post.text);
      const media = graphFor(target).items<MediaItem>(
        `${target.externalId}/media`,
        { fields: "id,caption,timestamp,permalink", since: String(Math.floor(since.getTime() / 1000)), limit: "100" },
        (item) => Date.parse(item.timestamp.replace(/\+0000$/, "Z")) >= since.getTime() - 1000,
      );
      for await (const item of media) {
        if (normaliseWhitespace(item.caption ?? "") === wanted)
          return { remoteId: item.id, remoteUrl: item.permalink ?? null };
      }
      return null;
    },

    async remove() {
      throw new ChannelError(
        "permanent",
        "instagram:delete_unsupported",
        "Instagram: the API does not allow deleting published posts; delete it in the Instagram app",
      );
    },

    async fetchEngagement(target, remoteIds, context) {
      const graph = graphFor(target);
      return readEachPost(remoteIds, context, async (mediaId, tally) => {
        if (!tally.take(MEDIA_ENDPOINT)) return null;
        const media = await graph.get<MediaEngagement>(mediaId, { fields: "like_count,comments_count" });
        const insights =
          anyMetricAvailable(ENGAGEMENT_METRICS) && tally.take(INSIGHTS_ENDPOINT)
            ? await lifetimeInsights(graph, mediaId, ENGAGEMENT_METRICS)
            : new Map<string, number>();
        return {
          reactions: media.like_count ?? 0,
          comments: media.comments_count ?? 0,
          shares: insights.get("shares") ?? 0,
          views: insights.get("views") ?? null,
        };
      });
    },

    async fetchIncoming(target, stream, cursor, context) {
      if (stream !== "comments") throw unsupportedStream(INSTAGRAM, stream);
      const graph = graphFor(target);
      const tally = new RequestTally(context.maxRequests);
      const since = cursor ? Number(cursor) : undefined;
      const messages: IncomingMessage[] = [];
      for (const mediaId of context.recentPostIds) {
        for (const comment of await commentsOn(graph, mediaId, since, tally)) {
          if (comment.from?.id === target.externalId || !comment.text) continue;
          if (since !== undefined && graphDate(comment.timestamp).getTime() < since * 1000) continue;
          messages.push(incomingComment(mediaId, comment));
        }
      }
      return { messages, cursor: nextTimeCursor(cursor, messages, tally), requests: tally.requests };
    },

    async reply(target, to, text) {
      if (to.source !== "instagram_comment") throw unsupportedReply(INSTAGRAM, to.source);
      // Instagram takes replies to top-level comments only: a reply to a reply goes to its
      // top-level comment and names the citizen, so the answer still reaches them.
      const handle = to.parentPlatformId ? to.authorHandle : null;
      const message = handle && !text.includes(`@${handle}`) ? `@${handle} ${text}` : text;
      const created = await graphFor(target).post<{ id: string }>(`${to.parentPlatformId ?? to.platformId}/replies`, {
        message,
      });
      return { remoteId: created.id, remoteUrl: null };
    },
  };
}

/** The media's comments down to the lookback before `since`, each followed by its replies. */
async function commentsOn(
  graph: GraphClient,
  mediaId: string,
  since: number | undefined,
  tally: RequestTally,
): Promise<IgComment[]> {
  const oldest = since === undefined ? undefined : (since - REPLY_LOOKBACK_SECONDS) * 1000;
  const topLevel = graph.items<IgTopLevelComment>(
    `${mediaId}/comments`,
    { fields: `${COMMENT_FIELDS},replies{${COMMENT_FIELDS}}`, limit: "50" },
    (comment) => oldest === undefined || graphDate(comment.timestamp).getTime() >= oldest,
    () => tally.take(COMMENTS_ENDPOINT),
  );
  const comments: IgComment[] = [];
  try {
    for await (const comment of topLevel) {
      comments.push(comment);
      // The embedded replies are the first page; a busy thread is read through /replies.
      const replies = comment.replies?.paging?.next
        ? await collect(
            graph.items<IgComment>(`${comment.id}/replies`, { fields: COMMENT_FIELDS, limit: "50" }, undefined, () =>
              tally.take(REPLIES_ENDPOINT),
            ),
          )
        : (comment.replies?.data ?? []);
      comments.push(...replies.map((reply) => ({ ...reply, parent_id: reply.parent_id ?? comment.id })));
    }
  } catch (error) {
    // Media deleted on Instagram answers "does not exist"; the other media are still read.
    if (!(error instanceof ChannelError && error.failure === "permanent")) throw error;
  }
  return comments;
}

async function collect<T>(items: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The same shape the comments webhook is filed with, so a comment seen both ways is one item. */
function incomingComment(mediaId: string, comment: IgComment): IncomingMessage {
  const username = comment.username ?? comment.from?.username ?? null;
  return incomingMessage({
    source: "instagram_comment",
    platformId: comment.id,
    parentPlatformId: comment.parent_id ?? null,
    postRemoteId: mediaId,
    threadKey: mediaId,
    author: { platformId: comment.from?.id ?? null, name: username ?? "Pengguna Instagram", handle: username },
    text: comment.text ?? "",
    sentAt: graphDate(comment.timestamp),
    attachments: [],
  });
}

/** Connecting with only the Page token: the Page names its linked Instagram account. */
async function linkedAccountId(graph: GraphClient): Promise<string> {
  const page = await graph.get<{ instagram_business_account?: { id: string } }>("me", {
    fields: "instagram_business_account",
  });
  if (!page.instagram_business_account) {
    throw new ChannelError(
      "permanent",
      "instagram:no_linked_account",
      "Instagram: this Page has no Instagram professional account linked to it",
    );
  }
  return page.instagram_business_account.id;
}

/** Images as feed posts; videos as Reels, the only video type the API still publishes to the feed. */
function containerMedia(media: OutgoingMedia): Record<string, string> {
  return media.kind === "video" ? { video_url: media.publicUrl, media_type: "REELS" } : { image_url: media.publicUrl };
}

/** The post exists once media_publish answers: a link that cannot be read is left out, never an error. */
async function permalinkOf(graph: GraphClient, mediaId: string): Promise<string | null> {
  try {
    return (await graph.get<{ permalink?: string }>(mediaId, { fields: "permalink" })).permalink ?? null;
  } catch {
    return null;
  }
}

export const instagramAdapter = createInstagramAdapter();

/**
 * X posts through the X API v2 with twitter-api-v2.
 * https://docs.x.com/x-api/posts/creation-of-a-post
 */
import http from "node:http";
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  type EUploadMimeType,
  type ITwitterApiClientPlugin,
  type SendTweetV2Params,
  type TweetUserMentionTimelineV2Paginator,
  type TweetV2,
  TwitterApi,
  type TwitterV2IncludesHelper,
} from "twitter-api-v2";
import { sandboxTwitterPlugin } from "@server/sandbox/x/client.js";
import {
  type ChannelAdapter,
  ChannelError,
  type ChannelTarget,
  type EngagementBatch,
  type EngagementCounts,
  type FinalPublishStep,
  type IncomingMessage,
  type OutgoingPost,
  type RemotePost,
} from "./adapter.js";
import {
  DEFAULT_TIMEOUT_MS,
  minutesFromNow,
  networkFailure,
  normaliseWhitespace,
  type Platform,
  requiredField,
} from "./http.js";
import { incomingMessage, RequestTally, unsupportedReply, unsupportedStream } from "./incoming.js";
import { type PlatformCharge, postCreateCharge } from "./xBilling.js";

/** Credentials of an X channel: OAuth 1.0a user keys, or an OAuth 2.0 user-context token. */
export type XCredentials =
  | { appKey: string; appSecret: string; accessToken: string; accessSecret: string }
  | { oauth2UserToken: string };
/**
 * Settings of an X channel; externalId is the X user id. `baseUrl` points the client at another
 * server (the sandbox) instead of api.x.com; `username` makes post URLs read x.com/{username}/...
 */
export type XSettings = { baseUrl?: string; username?: string };

export type XAdapterOptions = {
  timeoutMs?: number;
  /** Mentions per request (X allows 5 to 100); fewer only in tests of paging. */
  mentionsPerPage?: number;
};

/** One to four ids; mediaToUpload never returns more. */
type MediaIds = NonNullable<NonNullable<SendTweetV2Params["media"]>["media_ids"]>;

const X: Platform = { label: "X", codePrefix: "x" };
/** X takes up to 4 images or 1 video per post. */
const MAX_IMAGES = 4;
/** How far back through the timeline reconciliation looks (100 posts a page). */
const MAX_TIMELINE_PAGES = 3;
const RATE_LIMIT_FALLBACK_MINUTES = 15;
/** The rate-limit and billing key of the mention timeline, as X's tables name it. */
export const MENTIONS_ENDPOINT = "GET /2/users/:id/mentions";
/** Pages of mentions one poll reads at most; every page is billed. */
const MAX_MENTION_PAGES = 5;
const SERVER_ERROR_WAIT_MINUTES = 1;
/** Post lookup by ids: up to 100 posts' public_metrics for one billed request. */
export const POST_LOOKUP_ENDPOINT = "GET /2/tweets";
const MAX_LOOKUP_IDS = 100;

export function createXAdapter(options: XAdapterOptions = {}): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clientFor = (target: ChannelTarget) => createXClient(target, timeoutMs);
  /** Runs one client call, turning the errors twitter-api-v2 throws into ChannelErrors. */
  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw isXApiError(error) ? xFailure(error, timeoutMs) : error;
    }
  };

  /** Media are uploaded ahead (they stay private until attached); only the post itself is the final call. */
  async function prepare(target: ChannelTarget, post: OutgoingPost): Promise<FinalPublishStep> {
    const client = clientFor(target);
    const mediaIds: string[] = [];
    for (const media of mediaToUpload(post)) {
      const bytes = await media.read();
      mediaIds.push(await call(() => client.v2.uploadMedia(bytes, { media_type: media.mimeType as EUploadMimeType })));
    }
    return async () => {
      const created = await call(() =>
        client.v2.tweet({
          text: post.text,
          ...(mediaIds.length ? { media: { media_ids: mediaIds as MediaIds } } : {}),
        }),
      );
      const remote = {
        remoteId: created.data.id,
        remoteUrl: postUrl(target, created.data.id),
        charges: [postCreateCharge(post.text)],
      };
      return post.linkReply ? withLinkReply(client, remote, post.linkReply) : remote;
    };
  }

  /**
   * The link chosen to go in a reply to the post (a post with a URL all the same, but the post
   * itself stays plain). The post is out already: a failed reply is a warning, not a failure.
   */
  async function withLinkReply(
    client: TwitterApi,
    remote: RemotePost & { charges: PlatformCharge[] },
    text: string,
  ): Promise<RemotePost> {
    try {
      await call(() => client.v2.reply(text, remote.remoteId));
      return { ...remote, charges: [...remote.charges, postCreateCharge(text)] };
    } catch (error) {
      return { ...remote, warning: `X: the reply with the link was not posted (${(error as Error).message})` };
    }
  }

  return {
    kind: "x",

    async verify(target) {
      const me = await call(() => clientFor(target).v2.me());
      return { name: me.data.username, externalId: me.data.id };
    },

    publish: async (target, post) => (await prepare(target, post))(),
    prepare,

    async findPublished(target, post, since) {
      const wanted = comparableText(post.text);
      const timeline = await call(() =>
        clientFor(target).v2.userTimeline(target.externalId, {
          start_time: since.toISOString(),
          max_results: 100,
          "tweet.fields": ["created_at"],
        }),
      );
      for (let page = 1; ; page++) {
        const match = timeline.tweets.find((tweet) => comparableText(tweet.text) === wanted);
        if (match) return { remoteId: match.id, remoteUrl: postUrl(target, match.id) };
        if (timeline.done || page >= MAX_TIMELINE_PAGES) return null;
        await call(() => timeline.fetchNext());
      }
    },

    async remove(target, remoteId) {
      await call(() => clientFor(target).v2.deleteTweet(remoteId));
    },

    async fetchEngagement(target, remoteIds, context) {
      const client = clientFor(target);
      const tally = new RequestTally(context.maxRequests);
      const batch: EngagementBatch = { counts: new Map(), failures: new Map(), requests: [] };
      const charged: string[] = [];
      for (let start = 0; start < remoteIds.length && tally.take(POST_LOOKUP_ENDPOINT); start += MAX_LOOKUP_IDS) {
        const ids = remoteIds.slice(start, start + MAX_LOOKUP_IDS);
        try {
          const found = await call(() => client.v2.tweets(ids, { "tweet.fields": ["public_metrics"] }));
          for (const tweet of found.data ?? []) batch.counts.set(tweet.id, engagementOf(tweet));
          charged.push(...(found.data ?? []).map((tweet) => tweet.id));
          // Deleted or protected posts come back as partial errors beside the others.
          for (const error of found.errors ?? []) {
            if (error.resource_id)
              batch.failures.set(
                error.resource_id,
                new ChannelError("permanent", "x:not_found", `X: ${error.detail ?? error.title}`),
              );
          }
        } catch (error) {
          if (!(error instanceof ChannelError)) throw error;
          for (const id of ids) batch.failures.set(id, error);
          break;
        }
      }
      batch.requests = tally.requests;
      batch.charges = [{ item: "x.post_read", resourceIds: charged }];
      return batch;
    },

    async fetchIncoming(target, stream, cursor, context) {
      if (stream !== "mentions") throw unsupportedStream(X, stream);
      const client = clientFor(target);
      const tally = new RequestTally(context.maxRequests);
      if (!tally.take(MENTIONS_ENDPOINT)) return { messages: [], cursor, requests: [] };
      let timeline: TweetUserMentionTimelineV2Paginator;
      try {
        timeline = await call(() =>
          client.v2.userMentionTimeline(target.externalId, {
            max_results: options.mentionsPerPage ?? 100,
            expansions: ["author_id", "referenced_tweets.id"],
            "user.fields": ["username", "name"],
            "tweet.fields": ["created_at", "conversation_id", "in_reply_to_user_id", "referenced_tweets"],
            ...(cursor ? { since_id: cursor } : {}),
          }),
        );
      } catch (error) {
        if (isRateLimited(error)) return { messages: [], cursor, requests: tally.requests, retryAt: error.retryAt };
        throw error;
      }
      // The newest mention of the first page is the next since_id. The first poll reads one
      // page, not the account's whole history; later polls page back towards the cursor.
      const newest: string | undefined = timeline.meta.newest_id;
      let retryAt: Date | undefined;
      for (
        let page = 1;
        cursor && !timeline.done && page < MAX_MENTION_PAGES && tally.take(MENTIONS_ENDPOINT);
        page++
      ) {
        try {
          await call(() => timeline.fetchNext());
        } catch (error) {
          if (!isRateLimited(error)) throw error;
          retryAt = error.retryAt;
          break;
        }
      }
      const { remaining, reset } = timeline.rateLimit ?? {};
      retryAt ??= remaining === 0 && reset ? new Date(reset * 1000) : undefined;
      const messages = timeline.tweets
        .filter((tweet) => tweet.author_id !== target.externalId)
        .map((tweet) => incomingMention(tweet, timeline.includes));
      // Mentions left unread by the page bound or the budget are skipped, not re-read (and billed) on every poll.
      return {
        messages,
        cursor: newest ?? cursor,
        requests: tally.requests,
        charges: mentionCharges(timeline),
        ...(retryAt ? { retryAt } : {}),
      };
    },

    async reply(target, to, text) {
      if (to.source !== "x_mention") throw unsupportedReply(X, to.source);
      const created = await call(() => clientFor(target).v2.reply(text, to.platformId));
      return {
        remoteId: created.data.id,
        remoteUrl: postUrl(target, created.data.id),
        charges: [postCreateCharge(text)],
      };
    },
  };
}

/**
 * The mentions read are Owned Reads (the account's own mention timeline), their authors user
 * reads, and the posts they reply to or quote (included) post reads.
 */
function mentionCharges(timeline: TweetUserMentionTimelineV2Paginator): PlatformCharge[] {
  return [
    { item: "x.owned_read", resourceIds: timeline.tweets.map((tweet) => tweet.id) },
    { item: "x.user_read", resourceIds: timeline.includes.users.map((user) => user.id) },
    { item: "x.post_read", resourceIds: timeline.includes.tweets.map((tweet) => tweet.id) },
  ];
}

const isRateLimited = (error: unknown): error is ChannelError & { retryAt: Date } =>
  error instanceof ChannelError && error.code === "x:429" && error.retryAt !== undefined;

/** https://docs.x.com/x-api/fundamentals/metrics: likes are reactions, reposts and quotes are shares, impressions are views. */
function engagementOf(tweet: TweetV2): EngagementCounts {
  const metrics = tweet.public_metrics;
  return {
    reactions: metrics?.like_count ?? 0,
    comments: metrics?.reply_count ?? 0,
    shares: (metrics?.retweet_count ?? 0) + (metrics?.quote_count ?? 0),
    views: metrics?.impression_count ?? null,
  };
}

/** A mention as the inbox files it: its thread is the conversation, its post the thread's root. */
function incomingMention(tweet: TweetV2, includes: TwitterV2IncludesHelper): IncomingMessage {
  const author = includes.author(tweet);
  const repliedTo = tweet.referenced_tweets?.find((reference) => reference.type === "replied_to")?.id ?? null;
  const threadKey = tweet.conversation_id ?? tweet.id;
  return incomingMessage({
    source: "x_mention",
    platformId: tweet.id,
    parentPlatformId: repliedTo,
    postRemoteId: repliedTo ? threadKey : null,
    threadKey,
    author: {
      platformId: tweet.author_id ?? null,
      name: author?.name ?? author?.username ?? "Pengguna X",
      handle: author?.username ?? null,
    },
    text: tweet.text,
    sentAt: tweet.created_at ? new Date(tweet.created_at) : new Date(),
    attachments: [],
  });
}

/** One agent for every plain-http client, so connections to a local X stand-in are kept alive and reused. */
const plainHttpAgent = new http.Agent({ keepAlive: true });

function createXClient(target: ChannelTarget, timeoutMs: number): TwitterApi {
  const { baseUrl } = target.settings as XSettings;
  const withTimeout: ITwitterApiClientPlugin = {
    onBeforeRequestConfig: ({ params }) => {
      params.timeout ??= timeoutMs;
    },
  };
  const settings = baseUrl
    ? {
        plugins: [withTimeout, sandboxTwitterPlugin(baseUrl)],
        ...(baseUrl.startsWith("http:") ? { httpAgent: plainHttpAgent } : {}),
      }
    : { plugins: [withTimeout] };
  const { credentials } = target;
  if (credentials.oauth2UserToken) return new TwitterApi(credentials.oauth2UserToken, settings);
  const [appKey, appSecret, accessToken, accessSecret] = ["appKey", "appSecret", "accessToken", "accessSecret"].map(
    (name) => requiredField(X, credentials, name),
  );
  return new TwitterApi(
    { appKey: appKey!, appSecret: appSecret!, accessToken: accessToken!, accessSecret: accessSecret! },
    settings,
  );
}

function mediaToUpload(post: OutgoingPost) {
  const video = post.media.find((item) => item.kind === "video");
  return video ? [video] : post.media.slice(0, MAX_IMAGES);
}

function postUrl(target: ChannelTarget, postId: string): string {
  // x.com/i/status/{id} redirects to the author's URL when the username is not known.
  return `https://x.com/${(target.settings as XSettings).username || "i"}/status/${postId}`;
}

/** X rewrites every link to t.co and escapes &, < and > in the text it returns. */
function comparableText(text: string): string {
  const unescaped = text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return normaliseWhitespace(unescaped.replace(/https?:\/\/\S+/g, ""));
}

/**
 * https://docs.x.com/x-api/fundamentals/response-codes-and-errors: 401 is a revoked or wrong
 * token, 429 a used-up window (x-rate-limit-reset says until when), 5xx and dropped
 * connections are worth retrying (X may have made the post before failing), and a 403
 * "duplicate content" means the same text is already posted.
 */
type XApiError = ApiRequestError | ApiPartialResponseError | ApiResponseError;

const isXApiError = (error: unknown): error is XApiError =>
  error instanceof ApiRequestError || error instanceof ApiPartialResponseError || error instanceof ApiResponseError;

/** twitter-api-v2 1.29 stores the cause as `_options.error` while its `requestError` getter reads `_options.requestError`. */
function causeOf(error: ApiRequestError): unknown {
  return error.requestError ?? (error as unknown as { _options?: { error?: unknown } })._options?.error ?? error;
}

export function xFailure(error: XApiError, timeoutMs: number): ChannelError {
  if (error instanceof ApiRequestError) return networkFailure(X, causeOf(error), timeoutMs);
  if (error instanceof ApiPartialResponseError) return networkFailure(X, error.responseError ?? error, timeoutMs);
  const status = error.code;
  const data = error.data as { detail?: string; title?: string; errors?: { message?: string }[] };
  const message = `X: ${data.detail || data.errors?.[0]?.message || data.title || `HTTP ${status}`}`;
  if (status === 401) return new ChannelError("reconnect", "x:401", message);
  if (status === 429) {
    const reset = error.rateLimit?.reset;
    return new ChannelError(
      "transient",
      "x:429",
      message,
      reset ? new Date(reset * 1000) : minutesFromNow(RATE_LIMIT_FALLBACK_MINUTES),
    );
  }
  if (status >= 500)
    return new ChannelError("transient", `x:${status}`, message, minutesFromNow(SERVER_ERROR_WAIT_MINUTES), {
      outcomeUnknown: true,
    });
  if (status === 403 && /duplicate/i.test(message)) return new ChannelError("permanent", "x:duplicate", message);
  return new ChannelError("permanent", `x:${status}`, message);
}

export const xAdapter = createXAdapter();

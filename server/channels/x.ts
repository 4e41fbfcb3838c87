/**
 * X posts through the X API v2 with twitter-api-v2.
 * https://docs.x.com/x-api/posts/creation-of-a-post
 */
import http from "node:http";
import { readFile } from "node:fs/promises";
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, type EUploadMimeType, type ITwitterApiClientPlugin, type SendTweetV2Params, TwitterApi } from "twitter-api-v2";
import { sandboxTwitterPlugin } from "../sandbox/x/client.js";
import { type ChannelAdapter, ChannelError, type ChannelTarget, type OutgoingPost } from "./adapter.js";
import { DEFAULT_TIMEOUT_MS, minutesFromNow, networkFailure, normaliseWhitespace, type Platform, requiredField } from "./http.js";

/** Credentials of an X channel: OAuth 1.0a user keys, or an OAuth 2.0 user-context token. */
export type XCredentials =
  | { appKey: string; appSecret: string; accessToken: string; accessSecret: string }
  | { oauth2UserToken: string };
/**
 * Settings of an X channel; externalId is the X user id. `baseUrl` points the client at another
 * server (the sandbox) instead of api.x.com; `username` makes post URLs read x.com/{username}/...
 */
export type XSettings = { baseUrl?: string; username?: string };

export type XAdapterOptions = { timeoutMs?: number };

/** One to four ids; mediaToUpload never returns more. */
type MediaIds = NonNullable<NonNullable<SendTweetV2Params["media"]>["media_ids"]>;

const X: Platform = { label: "X", codePrefix: "x" };
/** X takes up to 4 images or 1 video per post. */
const MAX_IMAGES = 4;
/** How far back through the timeline reconciliation looks (100 posts a page). */
const MAX_TIMELINE_PAGES = 3;
const RATE_LIMIT_FALLBACK_MINUTES = 15;
const SERVER_ERROR_WAIT_MINUTES = 1;

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

  return {
    kind: "x",

    async verify(target) {
      const me = await call(() => clientFor(target).v2.me());
      return { name: me.data.username, externalId: me.data.id };
    },

    async publish(target, post) {
      const client = clientFor(target);
      const mediaIds: string[] = [];
      for (const media of mediaToUpload(post)) {
        const bytes = await readFile(media.filePath);
        mediaIds.push(await call(() => client.v2.uploadMedia(bytes, { media_type: media.mimeType as EUploadMimeType })));
      }
      const created = await call(() => client.v2.tweet({ text: post.text, ...(mediaIds.length ? { media: { media_ids: mediaIds as MediaIds } } : {}) }));
      return { remoteId: created.data.id, remoteUrl: postUrl(target, created.data.id) };
    },

    async findPublished(target, post, since) {
      const wanted = comparableText(post.text);
      const timeline = await call(() =>
        clientFor(target).v2.userTimeline(target.externalId, { start_time: since.toISOString(), max_results: 100, "tweet.fields": ["created_at"] }),
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
  };
}

function createXClient(target: ChannelTarget, timeoutMs: number): TwitterApi {
  const { baseUrl } = target.settings as XSettings;
  const withTimeout: ITwitterApiClientPlugin = {
    onBeforeRequestConfig: ({ params }) => {
      params.timeout ??= timeoutMs;
    },
  };
  const settings = baseUrl
    ? { plugins: [withTimeout, sandboxTwitterPlugin(baseUrl)], ...(baseUrl.startsWith("http:") ? { httpAgent: new http.Agent() } : {}) }
    : { plugins: [withTimeout] };
  const { credentials } = target;
  if (credentials.oauth2UserToken) return new TwitterApi(credentials.oauth2UserToken, settings);
  const [appKey, appSecret, accessToken, accessSecret] = ["appKey", "appSecret", "accessToken", "accessSecret"].map((name) => requiredField(X, credentials, name));
  return new TwitterApi({ appKey: appKey!, appSecret: appSecret!, accessToken: accessToken!, accessSecret: accessSecret! }, settings);
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
 * connections are worth retrying, and a 403 "duplicate content" means the post already exists.
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
    return new ChannelError("transient", "x:429", message, reset ? new Date(reset * 1000) : minutesFromNow(RATE_LIMIT_FALLBACK_MINUTES));
  }
  if (status >= 500) return new ChannelError("transient", `x:${status}`, message, minutesFromNow(SERVER_ERROR_WAIT_MINUTES));
  if (status === 403 && /duplicate/i.test(message)) return new ChannelError("permanent", "x:duplicate", message);
  return new ChannelError("permanent", `x:${status}`, message);
}

export const xAdapter = createXAdapter();

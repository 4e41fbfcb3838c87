/**
 * Presenting posts and users with X's fields and expansions parameters.
 * https://docs.x.com/x-api/fundamentals/fields
 * https://docs.x.com/x-api/fundamentals/expansions
 */
import type { SandboxState, Tweet, XUser } from "@server/sandbox/state";
import { xProblems } from "./problems";

const TWEET_FIELDS = [
  "attachments",
  "author_id",
  "conversation_id",
  "created_at",
  "edit_history_tweet_ids",
  "entities",
  "in_reply_to_user_id",
  "lang",
  "public_metrics",
  "referenced_tweets",
  "reply_settings",
  "source",
] as const;
const USER_FIELDS = [
  "id",
  "name",
  "username",
  "created_at",
  "description",
  "location",
  "profile_image_url",
  "protected",
  "public_metrics",
  "url",
  "verified",
] as const;
const MEDIA_FIELDS = ["media_key", "type", "url", "width", "height", "duration_ms"] as const;
const EXPANSIONS = [
  "author_id",
  "in_reply_to_user_id",
  "attachments.media_keys",
  "entities.mentions.username",
  "referenced_tweets.id",
] as const;

const EXPANSION_FIELDS: Record<(typeof EXPANSIONS)[number], (typeof TWEET_FIELDS)[number]> = {
  author_id: "author_id",
  in_reply_to_user_id: "in_reply_to_user_id",
  "attachments.media_keys": "attachments",
  "entities.mentions.username": "entities",
  "referenced_tweets.id": "referenced_tweets",
};

export interface FieldSelection {
  tweet: Set<string>;
  user: Set<string>;
  media: Set<string>;
  expansions: Set<string>;
}

/** Parses the field and expansion parameters, rejecting unknown values the way X does. */
export function fieldSelection(query: Record<string, string>): FieldSelection {
  const errors: { parameters: Record<string, string[]>; message: string }[] = [];
  const parse = (name: string, allowed: readonly string[]) => {
    const values = (query[name] ?? "").split(",").filter(Boolean);
    for (const value of values) {
      if (!allowed.includes(value)) {
        errors.push({
          parameters: { [name]: [value] },
          message: `The \`${name}\` query parameter value [${value}] is not one of [${allowed.join(",")}]`,
        });
      }
    }
    return new Set(values);
  };
  const selection = {
    tweet: parse("tweet.fields", TWEET_FIELDS),
    user: parse("user.fields", USER_FIELDS),
    media: parse("media.fields", MEDIA_FIELDS),
    expansions: parse("expansions", EXPANSIONS),
  };
  if (errors.length) throw xProblems.invalidRequest(errors);
  // An expansion brings the field it expands along, as X does.
  for (const expansion of selection.expansions)
    selection.tweet.add(EXPANSION_FIELDS[expansion as (typeof EXPANSIONS)[number]]);
  return selection;
}

export function presentTweet(state: SandboxState, tweet: Tweet, fields: Set<string>): Record<string, unknown> {
  const all: Record<string, unknown> = {
    author_id: tweet.authorId,
    conversation_id: tweet.conversationId,
    created_at: new Date(tweet.createdAt).toISOString(),
    in_reply_to_user_id: tweet.inReplyToUserId,
    lang: "in",
    source: "Siar Sandbox",
    reply_settings: "everyone",
    referenced_tweets: tweet.inReplyToTweetId ? [{ type: "replied_to", id: tweet.inReplyToTweetId }] : undefined,
    attachments: tweet.mediaKeys.length ? { media_keys: tweet.mediaKeys } : undefined,
    entities: entitiesOf(state, tweet),
    public_metrics: fields.has("public_metrics") ? publicMetrics(state, tweet) : undefined,
  };
  const result: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
  for (const field of fields) if (all[field] !== undefined) result[field] = all[field];
  return result;
}

/** https://docs.x.com/x-api/fundamentals/metrics: public metrics, visible to anyone. */
function publicMetrics(state: SandboxState, tweet: Tweet) {
  const engagement = state.engagementOf(tweet.id);
  const replies = [...state.x.tweets.values()].filter((t) => !t.deleted && t.inReplyToTweetId === tweet.id).length;
  return {
    retweet_count: engagement.shares,
    reply_count: replies + engagement.comments,
    like_count: engagement.likes,
    quote_count: engagement.quotes,
    bookmark_count: engagement.bookmarks,
    impression_count: engagement.views,
  };
}

function entitiesOf(state: SandboxState, tweet: Tweet) {
  const mentions = [...tweet.text.matchAll(/@(\w{1,15})/g)].map((match) => {
    const user = [...state.x.users.values()].find((u) => u.username.toLowerCase() === match[1]!.toLowerCase());
    return {
      start: match.index,
      end: match.index + match[0].length,
      username: match[1],
      ...(user ? { id: user.id } : {}),
    };
  });
  const urls = [...tweet.text.matchAll(/https?:\/\/\S+/g)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    url: `https://t.co/${Buffer.from(match[0]).toString("base64url").slice(0, 10)}`,
    expanded_url: match[0],
    display_url: match[0].replace(/^https?:\/\//, "").slice(0, 26),
  }));
  if (!mentions.length && !urls.length) return undefined;
  return { ...(mentions.length ? { mentions } : {}), ...(urls.length ? { urls } : {}) };
}

export function presentUser(user: XUser, fields: Set<string>): Record<string, unknown> {
  const all: Record<string, unknown> = {
    created_at: new Date(user.createdAt).toISOString(),
    description: user.description,
    location: user.location,
    profile_image_url: `https://pbs.twimg.com/profile_images/${user.id}/avatar_normal.jpg`,
    protected: false,
    verified: false,
    url: "",
    public_metrics: { followers_count: 0, following_count: 0, tweet_count: 0, listed_count: 0 },
  };
  const result: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  for (const field of fields) if (all[field] !== undefined) result[field] = all[field];
  return result;
}

/** The `includes` object for the requested expansions of a set of posts. */
export function includesFor(
  state: SandboxState,
  tweets: Tweet[],
  selection: FieldSelection,
): Record<string, unknown> | undefined {
  const userIds = new Set<string>();
  const mediaKeys = new Set<string>();
  for (const tweet of tweets) {
    if (selection.expansions.has("author_id")) userIds.add(tweet.authorId);
    if (selection.expansions.has("in_reply_to_user_id") && tweet.inReplyToUserId) userIds.add(tweet.inReplyToUserId);
    if (selection.expansions.has("attachments.media_keys")) tweet.mediaKeys.forEach((key) => mediaKeys.add(key));
  }
  const users = [...userIds].flatMap((id) => {
    const user = state.x.users.get(id);
    return user ? [presentUser(user, selection.user)] : [];
  });
  const media = [...state.x.media.values()]
    .filter((m) => mediaKeys.has(m.mediaKey))
    .map((m) => ({
      media_key: m.mediaKey,
      type: m.mediaType.startsWith("video/") ? "video" : m.mediaType === "image/gif" ? "animated_gif" : "photo",
    }));
  const includes = { ...(users.length ? { users } : {}), ...(media.length ? { media } : {}) };
  return Object.keys(includes).length ? includes : undefined;
}

export function compareIds(a: string, b: string): number {
  const diff = BigInt(a) - BigInt(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

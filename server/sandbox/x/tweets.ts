/**
 * Posts: create, delete and look up.
 * https://docs.x.com/x-api/posts/creation-of-a-post
 * https://docs.x.com/x-api/posts/post-delete-by-post-id
 * https://docs.x.com/x-api/posts/post-lookup-by-post-id
 * https://docs.x.com/x-api/posts/post-lookup-by-post-ids
 */
import twitterText from "twitter-text";
import { z } from "zod";
import type { SandboxState, Tweet } from "@server/sandbox/state";
import { fieldSelection, includesFor, presentTweet } from "./present";
import { notFoundEntry, XProblem, xProblems } from "./problems";
import { userIdOf, type XContext, type XRoute } from "./route";

const MAX_WEIGHTED_LENGTH = 280;
const MAX_MEDIA_PER_POST = 4;
/** Post lookup by ids takes 1 to 100 ids a request. */
const MAX_LOOKUP_IDS = 100;

const createSchema = z.strictObject({
  text: z.string().optional(),
  reply: z
    .strictObject({
      in_reply_to_tweet_id: z.string().regex(/^\d+$/),
      exclude_reply_user_ids: z.array(z.string()).optional(),
    })
    .optional(),
  media: z
    .strictObject({
      media_ids: z.array(z.string().regex(/^\d+$/)).min(1),
      tagged_user_ids: z.array(z.string()).optional(),
    })
    .optional(),
  reply_settings: z.enum(["following", "mentionedUsers", "subscribers", "verified"]).optional(),
});

/** Turns zod issues into X's invalid-request errors, e.g. "$.foo: is not defined in the schema...". */
function invalidBody(error: z.ZodError): XProblem {
  return xProblems.invalidRequest(
    error.issues.map((issue) => {
      const path = ["$", ...issue.path].join(".");
      if (issue.code === "unrecognized_keys") {
        return {
          message: `${path}.${issue.keys[0]}: is not defined in the schema and the schema does not allow additional properties`,
        };
      }
      return { message: `${path}: ${issue.message}` };
    }),
  );
}

export function addTweet(
  state: SandboxState,
  input: { authorId: string; text: string; inReplyTo?: Tweet; mediaKeys?: string[] },
): Tweet {
  const id = state.nextId("tweet", 1850000000000000000n);
  const tweet: Tweet = {
    id,
    authorId: input.authorId,
    text: input.text,
    createdAt: state.now(),
    conversationId: input.inReplyTo?.conversationId ?? id,
    inReplyToTweetId: input.inReplyTo?.id,
    inReplyToUserId: input.inReplyTo?.authorId,
    mediaKeys: input.mediaKeys ?? [],
    mentionedUsernames: [...input.text.matchAll(/@(\w{1,15})/g)].map((m) => m[1]!.toLowerCase()),
    deleted: false,
  };
  state.x.tweets.set(id, tweet);
  return tweet;
}

function createTweet(ctx: XContext) {
  if (ctx.body.malformed) throw xProblems.invalidRequest([{ message: ctx.body.malformed }]);
  const parsed = createSchema.safeParse(ctx.body.fields);
  if (!parsed.success) throw invalidBody(parsed.error);
  const { text = "", reply, media } = parsed.data;
  const { state } = ctx;
  const authorId = userIdOf(ctx)!;

  if (!text.trim() && !media) throw xProblems.invalidRequest([{ message: "Post text or media is required" }]);
  if (twitterText.parseTweet(text).weightedLength > MAX_WEIGHTED_LENGTH) {
    throw new XProblem(400, {
      title: "Bad Request",
      detail:
        "Your Tweet text is too long. For more information on how X determines text length see https://github.com/twitter/twitter-text.",
      type: "about:blank",
      status: 400,
    });
  }
  if (text !== "" && hasLivePost(state, authorId, text))
    throw xProblems.forbidden("You are not allowed to create a Tweet with duplicate content.");

  let inReplyTo: Tweet | undefined;
  if (reply) {
    inReplyTo = state.x.tweets.get(reply.in_reply_to_tweet_id);
    if (!inReplyTo || inReplyTo.deleted)
      throw xProblems.forbidden("You attempted to reply to a Tweet that is deleted or not visible to you.");
  }
  const mediaKeys = (media?.media_ids ?? []).map((mediaId) => {
    const item = state.x.media.get(mediaId);
    if (!item || item.ownerId !== authorId || !item.finalized) {
      throw xProblems.invalidRequest([
        { parameters: { "media.media_ids": [mediaId] }, message: `Your media IDs are invalid.` },
      ]);
    }
    return item.mediaKey;
  });
  if (mediaKeys.length > MAX_MEDIA_PER_POST) {
    throw xProblems.invalidRequest([{ message: `$.media.media_ids: must have at most ${MAX_MEDIA_PER_POST} items` }]);
  }

  const tweet = addTweet(state, { authorId, text, inReplyTo, mediaKeys });
  return { status: 201, body: { data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } } };
}

/** X refuses a text its author already posted (and did not delete). */
function hasLivePost(state: XContext["state"], authorId: string, text: string): boolean {
  for (const tweet of state.x.tweets.values())
    if (!tweet.deleted && tweet.authorId === authorId && tweet.text === text) return true;
  return false;
}

function deleteTweet(ctx: XContext) {
  const tweet = ctx.state.x.tweets.get(ctx.req.params.id as string);
  if (!tweet || tweet.deleted) throw xProblems.notFound("tweet", ctx.req.params.id as string);
  if (tweet.authorId !== userIdOf(ctx)) throw xProblems.forbidden("You are not allowed to delete this Tweet.");
  tweet.deleted = true;
  return { body: { data: { deleted: true } } };
}

function assertPostId(parameter: string, id: string): void {
  if (!/^\d{1,19}$/.test(id)) {
    throw xProblems.invalidRequest([
      { parameters: { [parameter]: [id] }, message: `The \`${parameter}\` query parameter value [${id}] is not valid` },
    ]);
  }
}

function lookupTweet(ctx: XContext) {
  const id = ctx.req.params.id as string;
  assertPostId("id", id);
  const selection = fieldSelection(ctx.query);
  const tweet = ctx.state.x.tweets.get(id);
  // X answers a missing post with HTTP 200 and a partial error.
  if (!tweet || tweet.deleted) return { body: { errors: [notFoundEntry("tweet", "id", id)] } };
  const includes = includesFor(ctx.state, [tweet], selection);
  return { body: { data: presentTweet(ctx.state, tweet, selection.tweet), ...(includes ? { includes } : {}) } };
}

/** Several posts in one request; those missing or deleted come back as partial errors beside the rest. */
function lookupTweets(ctx: XContext) {
  const ids = (ctx.query.ids ?? "").split(",").filter(Boolean);
  if (ids.length === 0)
    throw xProblems.invalidRequest([
      { parameters: { ids: [] }, message: "The `ids` query parameter can not be empty" },
    ]);
  if (ids.length > MAX_LOOKUP_IDS) {
    throw xProblems.invalidRequest([
      {
        parameters: { ids: [ctx.query.ids!] },
        message: `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and ${MAX_LOOKUP_IDS}`,
      },
    ]);
  }
  for (const id of ids) assertPostId("ids", id);
  const selection = fieldSelection(ctx.query);
  const found = ids
    .map((id) => ctx.state.x.tweets.get(id))
    .filter((tweet): tweet is Tweet => tweet !== undefined && !tweet.deleted);
  const missing = ids.filter((id) => !found.some((tweet) => tweet.id === id));
  const includes = includesFor(ctx.state, found, selection);
  return {
    body: {
      ...(found.length ? { data: found.map((tweet) => presentTweet(ctx.state, tweet, selection.tweet)) } : {}),
      ...(includes ? { includes } : {}),
      ...(missing.length ? { errors: missing.map((id) => notFoundEntry("tweet", "ids", id)) } : {}),
    },
  };
}

export const tweetRoutes: XRoute[] = [
  { method: "get", path: "/2/tweets", endpoint: "GET /2/tweets", userContextOnly: false, handle: lookupTweets },
  { method: "post", path: "/2/tweets", endpoint: "POST /2/tweets", userContextOnly: true, handle: createTweet },
  {
    method: "delete",
    path: "/2/tweets/:id",
    endpoint: "DELETE /2/tweets/:id",
    userContextOnly: true,
    handle: deleteTweet,
  },
  { method: "get", path: "/2/tweets/:id", endpoint: "GET /2/tweets/:id", userContextOnly: false, handle: lookupTweet },
];

/**
 * The authenticated user, the user mention timeline and the user's own posts timeline.
 * https://docs.x.com/x-api/users/user-lookup-me
 * https://docs.x.com/x-api/posts/user-mention-timeline-by-user-id
 * https://docs.x.com/x-api/posts/user-posts-timeline-by-user-id
 */
import type { SandboxState, Tweet, XUser } from "@server/sandbox/state";
import { compareIds, fieldSelection, includesFor, presentTweet, presentUser } from "./present";
import { notFoundEntry, xProblems } from "./problems";
import { userIdOf, type XContext, type XRoute } from "./route";

const MIN_RESULTS = 5;
const MAX_RESULTS = 100;
const DEFAULT_RESULTS = 10;

function me(ctx: XContext) {
  const selection = fieldSelection(ctx.query);
  const user = ctx.state.x.users.get(userIdOf(ctx)!)!;
  return { body: { data: presentUser(user, selection.user) } };
}

const encodeToken = (id: string) => Buffer.from(`before:${id}`).toString("base64url");
function decodeToken(token: string): string {
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  const id = decoded.startsWith("before:") ? decoded.slice("before:".length) : "";
  if (!/^\d+$/.test(id)) {
    throw xProblems.invalidRequest([
      {
        parameters: { pagination_token: [token] },
        message: "The `pagination_token` query parameter value is not valid",
      },
    ]);
  }
  return id;
}

function idParameter(query: Record<string, string>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (!/^\d{1,19}$/.test(value)) {
    throw xProblems.invalidRequest([
      {
        parameters: { [name]: [value] },
        message: `The \`${name}\` query parameter value [${value}] is not a valid Post ID`,
      },
    ]);
  }
  return value;
}

function timeParameter(query: Record<string, string>, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw xProblems.invalidRequest([
      {
        parameters: { [name]: [value] },
        message: `Invalid '${name}':'${value}'. '${name}' must be a valid RFC 3339 date-time`,
      },
    ]);
  }
  return time;
}

function maxResults(query: Record<string, string>): number {
  if (query.max_results === undefined) return DEFAULT_RESULTS;
  const value = Number(query.max_results);
  if (!Number.isInteger(value) || value < MIN_RESULTS || value > MAX_RESULTS) {
    throw xProblems.invalidRequest([
      {
        parameters: { max_results: [query.max_results] },
        message: `The \`max_results\` query parameter value [${query.max_results}] is not between ${MIN_RESULTS} and ${MAX_RESULTS}`,
      },
    ]);
  }
  return value;
}

export function mentionsOf(state: SandboxState, user: XUser): Tweet[] {
  const username = user.username.toLowerCase();
  return [...state.x.tweets.values()]
    .filter((t) => !t.deleted && t.mentionedUsernames.includes(username))
    .sort((a, b) => compareIds(b.id, a.id));
}

/** Posts by the user, newest first (the timeline endpoint also returns replies unless excluded). */
export function postsBy(state: SandboxState, user: XUser): Tweet[] {
  return [...state.x.tweets.values()]
    .filter((t) => !t.deleted && t.authorId === user.id)
    .sort((a, b) => compareIds(b.id, a.id));
}

const EXCLUDABLE = ["replies", "retweets"];

function excludedKinds(query: Record<string, string>): Set<string> {
  const values = (query.exclude ?? "").split(",").filter(Boolean);
  const unknown = values.find((value) => !EXCLUDABLE.includes(value));
  if (unknown) {
    throw xProblems.invalidRequest([
      {
        parameters: { exclude: [unknown] },
        message: `The \`exclude\` query parameter value [${unknown}] is not one of [${EXCLUDABLE.join(",")}]`,
      },
    ]);
  }
  return new Set(values);
}

/** The paging and time-window parameters both timelines share: since_id, until_id, start_time, end_time, pagination_token. */
function timeline(ctx: XContext, postsOf: (state: SandboxState, user: XUser) => Tweet[]) {
  const { query, state } = ctx;
  const selection = fieldSelection(query);
  const limit = maxResults(query);
  const sinceId = idParameter(query, "since_id");
  const untilId = idParameter(query, "until_id");
  const startTime = timeParameter(query, "start_time");
  const endTime = timeParameter(query, "end_time");
  const before = query.pagination_token ? decodeToken(query.pagination_token) : undefined;

  const userId = ctx.req.params.id as string;
  const user = state.x.users.get(userId);
  if (!user) return { body: { errors: [notFoundEntry("user", "id", userId)] } };

  const matching = postsOf(state, user).filter(
    (t) =>
      (!sinceId || compareIds(t.id, sinceId) > 0) &&
      (!untilId || compareIds(t.id, untilId) < 0) &&
      (!before || compareIds(t.id, before) < 0) &&
      (startTime === undefined || t.createdAt >= startTime) &&
      (endTime === undefined || t.createdAt <= endTime),
  );
  const page = matching.slice(0, limit);
  if (page.length === 0) return { body: { meta: { result_count: 0 } } };
  const oldest = page[page.length - 1]!;
  const includes = includesFor(state, page, selection);
  return {
    body: {
      data: page.map((t) => presentTweet(state, t, selection.tweet)),
      ...(includes ? { includes } : {}),
      meta: {
        result_count: page.length,
        newest_id: page[0]!.id,
        oldest_id: oldest.id,
        ...(matching.length > page.length ? { next_token: encodeToken(oldest.id) } : {}),
      },
    },
  };
}

function ownPosts(ctx: XContext) {
  // Retweets are not imitated, so excluding them changes nothing.
  const withoutReplies = excludedKinds(ctx.query).has("replies");
  return timeline(ctx, (state, user) => postsBy(state, user).filter((t) => !withoutReplies || !t.inReplyToTweetId));
}

export const userRoutes: XRoute[] = [
  { method: "get", path: "/2/users/me", endpoint: "GET /2/users/me", userContextOnly: true, handle: me },
  {
    method: "get",
    path: "/2/users/:id/mentions",
    endpoint: "GET /2/users/:id/mentions",
    userContextOnly: false,
    handle: (ctx) => timeline(ctx, mentionsOf),
  },
  {
    method: "get",
    path: "/2/users/:id/tweets",
    endpoint: "GET /2/users/:id/tweets",
    userContextOnly: false,
    handle: ownPosts,
  },
];

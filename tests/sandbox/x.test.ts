import { ApiResponseError, type TwitterApi } from "twitter-api-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createXClientForSandbox, type Sandbox } from "@server/sandbox/index";
import { controlClient, PNG_BYTES, startTestSandbox } from "./helpers";

let sandbox: Sandbox;
let client: TwitterApi;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const { appKey, appSecret, accessToken, accessSecret } = sandbox.credentials.x;
  client = createXClientForSandbox(sandbox.url, { appKey, appSecret, accessToken, accessSecret });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

async function apiError(promise: Promise<unknown>): Promise<ApiResponseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiResponseError);
  return error as ApiResponseError;
}

describe("Authentication (https://docs.x.com/resources/fundamentals/authentication/overview)", () => {
  it("OAuth 1.0a user context: GET /2/users/me answers the signed-in account", async () => {
    const me = await client.v2.me({ "user.fields": ["created_at", "description"] });
    expect(me.data).toMatchObject({
      id: sandbox.credentials.x.userId,
      username: "diskominfo_sgu",
      created_at: expect.any(String),
    });
  });

  it("OAuth 2.0 user-context bearer tokens work too", async () => {
    const oauth2 = createXClientForSandbox(sandbox.url, { bearerToken: sandbox.credentials.x.oauth2UserToken });
    expect((await oauth2.v2.me()).data.username).toBe("diskominfo_sgu");
  });

  // https://docs.x.com/resources/fundamentals/authentication/oauth-1-0a/creating-a-signature
  it("a request signed with the wrong consumer secret is 401", async () => {
    const { appKey, accessToken, accessSecret } = sandbox.credentials.x;
    const forged = createXClientForSandbox(sandbox.url, {
      appKey,
      appSecret: "wrong-secret",
      accessToken,
      accessSecret,
    });
    const error = await apiError(forged.v2.me());
    expect(error.code).toBe(401);
    expect(error.data).toMatchObject({ title: "Unauthorized", status: 401 });
  });

  it("an app-only bearer token cannot create a post (403 Unsupported Authentication) but can read mentions", async () => {
    const appOnly = createXClientForSandbox(sandbox.url, { bearerToken: sandbox.credentials.x.appOnlyBearerToken });
    const error = await apiError(appOnly.v2.tweet("Tidak boleh"));
    expect(error.code).toBe(403);
    expect(error.data).toMatchObject({
      title: "Unsupported Authentication",
      type: "https://api.twitter.com/2/problems/unsupported-authentication",
    });
    const mentions = await appOnly.v2.userMentionTimeline(sandbox.credentials.x.userId);
    expect(mentions.meta.result_count).toBe(0);
  });
});

describe("Posts (https://docs.x.com/x-api/posts/creation-of-a-post)", () => {
  it("POST /2/tweets creates a post (201 {data:{id,text}}) and a reply to it", async () => {
    const posted = await client.v2.tweet("Pelayanan KTP keliling hari ini di Kecamatan Kapuas.");
    expect(posted.data).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      text: "Pelayanan KTP keliling hari ini di Kecamatan Kapuas.",
    });
    const reply = await client.v2.reply("Lokasi: Kantor Camat Kapuas, pukul 08.00 WIB.", posted.data.id);

    const read = await client.v2.singleTweet(reply.data.id, {
      "tweet.fields": ["author_id", "conversation_id", "referenced_tweets", "in_reply_to_user_id"],
    });
    expect(read.data).toMatchObject({
      author_id: sandbox.credentials.x.userId,
      conversation_id: posted.data.id,
      referenced_tweets: [{ type: "replied_to", id: posted.data.id }],
    });
    expect(sandbox.control.published().x.tweets.map((t) => t.id)).toEqual([posted.data.id, reply.data.id]);
  });

  it("text over 280 weighted characters is 400; a URL counts as 23 whatever its length (twitter-text)", async () => {
    const longUrl = `https://sanggau.go.id/${"a".repeat(100)}`;
    const fits = await client.v2.tweet(`${"b".repeat(256)} ${longUrl}`);
    expect(fits.data.id).toBeDefined();
    const error = await apiError(client.v2.tweet(`${"c".repeat(257)} ${longUrl}`));
    expect(error.code).toBe(400);
    expect(JSON.stringify(error.data)).toContain("too long");
    expect(sandbox.control.xUsage().postsWithUrl).toBe(1);
  });

  it("posting the same text twice is 403 duplicate content", async () => {
    await client.v2.tweet("Info banjir Sungai Kapuas");
    const error = await apiError(client.v2.tweet("Info banjir Sungai Kapuas"));
    expect(error.code).toBe(403);
    expect(error.data).toMatchObject({
      detail: "You are not allowed to create a Tweet with duplicate content.",
      status: 403,
    });
  });

  it("an unknown body field is 400 invalid-request", async () => {
    const error = await apiError(client.v2.post("tweets", { text: "x", not_a_field: true }));
    expect(error.code).toBe(400);
    expect(error.data).toMatchObject({
      title: "Invalid Request",
      type: "https://api.twitter.com/2/problems/invalid-request",
    });
  });

  // https://docs.x.com/x-api/posts/post-delete-by-post-id, https://docs.x.com/x-api/posts/post-lookup-by-post-id
  it("DELETE /2/tweets/:id answers {deleted:true}; looking it up afterwards is a 200 with a Not Found error", async () => {
    const posted = await client.v2.tweet("Salah kirim");
    expect((await client.v2.deleteTweet(posted.data.id)).data).toEqual({ deleted: true });
    const lookup = await client.v2.singleTweet(posted.data.id);
    expect(lookup.data).toBeUndefined();
    expect(lookup.errors?.[0]).toMatchObject({ title: "Not Found Error", resource_id: posted.data.id });
  });
});

// https://docs.x.com/x-api/media/quickstart/media-upload-chunked
describe("Media upload (v2 initialize / append / finalize / STATUS)", () => {
  it("uploads an image with client.v2.uploadMedia and attaches it to a post", async () => {
    const mediaId = await client.v2.uploadMedia(PNG_BYTES, { media_type: "image/png" });
    expect(mediaId).toMatch(/^\d+$/);
    const posted = await client.v2.tweet({ text: "Foto kegiatan posyandu", media: { media_ids: [mediaId] } });
    const read = await client.v2.singleTweet(posted.data.id, { expansions: ["attachments.media_keys"] });
    expect(read.data.attachments?.media_keys).toEqual([`3_${mediaId}`]);
    expect(read.includes?.media).toEqual([{ media_key: `3_${mediaId}`, type: "photo" }]);
  });

  it("a video is processed: finalize answers processing_info and the client polls STATUS until succeeded", async () => {
    const video = Buffer.concat([Buffer.from("....ftypmp42"), Buffer.alloc(3 * 1024 * 1024 + 10, 7)]);
    const mediaId = await client.v2.uploadMedia(video, { media_type: "video/mp4" });
    expect(sandbox.state.x.media.get(mediaId)?.chunks.size).toBe(4);
    const posted = await client.v2.tweet({ text: "Video banjir Tayan Hulu", media: { media_ids: [mediaId] } });
    expect(posted.data.id).toBeDefined();
    expect(sandbox.control.xUsage().endpoints["GET /2/media/upload"]?.requests).toBe(2);
  });

  it("bytes that are not the declared image type are refused; unknown media ids cannot be attached", async () => {
    const error = await apiError(client.v2.uploadMedia(Buffer.from("not really a png"), { media_type: "image/png" }));
    expect(error.code).toBe(400);
    const attach = await apiError(client.v2.tweet({ text: "x", media: { media_ids: ["123"] } }));
    expect(attach.code).toBe(400);
  });
});

// https://docs.x.com/x-api/posts/user-mention-timeline-by-user-id
describe("Mentions", () => {
  it("polling with since_id returns only mentions newer than the last one seen, with author expansions", async () => {
    const { userId } = sandbox.credentials.x;
    sandbox.control.injectMentions({ count: 3 });
    const first = await client.v2.userMentionTimeline(userId, {
      expansions: ["author_id"],
      "tweet.fields": ["created_at", "author_id"],
      "user.fields": ["location"],
    });
    expect(first.meta.result_count).toBe(3);
    expect(first.tweets.every((t) => t.text.includes("@diskominfo_sgu"))).toBe(true);
    expect(first.includes.users.map((u) => u.id).sort()).toEqual(
      [...new Set(first.tweets.map((t) => t.author_id!))].sort(),
    );

    const injected = await controlClient(sandbox).post("/x/mentions", {
      texts: ["jln di Balai Karangan rusak", "kapan KTP sy jadi?"],
    });
    expect(injected.status).toBe(201);
    const second = await client.v2.userMentionTimeline(userId, { since_id: first.meta.newest_id });
    expect(second.tweets.map((t) => t.text)).toEqual([
      "@diskominfo_sgu kapan KTP sy jadi?",
      "@diskominfo_sgu jln di Balai Karangan rusak",
    ]);
    expect(second.meta).toMatchObject({
      result_count: 2,
      newest_id: injected.body.data[1].id,
      oldest_id: injected.body.data[0].id,
    });

    const none = await client.v2.userMentionTimeline(userId, { since_id: second.meta.newest_id });
    expect(none.meta).toEqual({ result_count: 0 });
  });

  it("pages with max_results and next_token; max_results outside 5..100 is 400", async () => {
    sandbox.control.injectMentions({ count: 7 });
    const page = await client.v2.userMentionTimeline(sandbox.credentials.x.userId, { max_results: 5 });
    expect(page.tweets).toHaveLength(5);
    expect(page.meta.next_token).toBeDefined();
    const next = await page.next();
    expect(next.tweets).toHaveLength(2);
    expect(next.meta.next_token).toBeUndefined();

    const error = await apiError(client.v2.get(`users/${sandbox.credentials.x.userId}/mentions`, { max_results: 200 }));
    expect(error.code).toBe(400);
    expect(JSON.stringify(error.data)).toContain("max_results");
  });
});

describe("User posts timeline (https://docs.x.com/x-api/posts/user-posts-timeline-by-user-id)", () => {
  it("GET /2/users/:id/tweets lists the account's own posts newest first, by start_time, since_id and pagination_token", async () => {
    const { userId } = sandbox.credentials.x;
    sandbox.control.injectMentions({ texts: ["Bukan postingan kami"] });
    const old = await client.v2.tweet("Postingan lama");
    sandbox.control.advanceClock(60 * 60 * 1000);
    const startTime = new Date(sandbox.state.now()).toISOString();
    // A second later, so that no post shares startTime's millisecond (the window edges stay out of the question).
    sandbox.control.advanceClock(1000);
    const recent = [];
    for (let i = 1; i <= 6; i++) recent.push((await client.v2.tweet(`Pengumuman ${i}`)).data.id);

    const page = await client.v2.userTimeline(userId, {
      start_time: startTime,
      max_results: 5,
      "tweet.fields": ["created_at"],
    });
    expect(page.tweets.map((t) => t.id)).toEqual(recent.slice(1).reverse());
    expect(page.tweets[0]).toEqual({
      id: recent[5],
      text: "Pengumuman 6",
      created_at: expect.any(String),
      edit_history_tweet_ids: [recent[5]],
    });
    expect(page.meta).toMatchObject({
      result_count: 5,
      newest_id: recent[5],
      oldest_id: recent[1],
      next_token: expect.any(String),
    });
    const rest = await client.v2.userTimeline(userId, {
      start_time: startTime,
      max_results: 5,
      pagination_token: page.meta.next_token,
    });
    expect(rest.tweets.map((t) => t.id)).toEqual([recent[0]]);

    const sinceOld = await client.v2.userTimeline(userId, { since_id: old.data.id, max_results: 100 });
    expect(sinceOld.meta.result_count).toBe(6);
    const beforeStart = await client.v2.userTimeline(userId, { end_time: startTime });
    expect(beforeStart.tweets.map((t) => t.text)).toEqual(["Postingan lama"]);
  });

  it("the timeline has its own rate limit, reported in x-rate-limit-* headers, and rejects bad parameters with 400", async () => {
    const { userId } = sandbox.credentials.x;
    const first = await client.v2.userTimeline(userId);
    expect(first.rateLimit).toMatchObject({ limit: 5, remaining: 4 });
    expect((await apiError(client.v2.userTimeline(userId, { max_results: 200 }))).code).toBe(400);
    expect((await apiError(client.v2.userTimeline(userId, { start_time: "kemarin" }))).code).toBe(400);

    sandbox.control.exhaustRateLimit({ platform: "x", endpoint: "GET /2/users/:id/tweets" });
    const limited = await apiError(client.v2.userTimeline(userId));
    expect(limited.code).toBe(429);
    expect(limited.rateLimit).toMatchObject({ remaining: 0, reset: expect.any(Number) });
  });
});

describe("Rate limits (https://docs.x.com/x-api/fundamentals/rate-limits)", () => {
  it("every response carries x-rate-limit-limit / -remaining / -reset", async () => {
    const me = await client.v2.get("users/me", undefined, { fullResponse: true });
    expect(me.headers["x-rate-limit-limit"]).toBe("100");
    expect(me.rateLimit).toEqual({ limit: 100, remaining: 99, reset: expect.any(Number) });
    const mentions = await client.v2.userMentionTimeline(sandbox.credentials.x.userId);
    expect(mentions.rateLimit).toEqual({ limit: 10, remaining: 9, reset: expect.any(Number) });
    expect(mentions.rateLimit.reset).toBeGreaterThan(Date.now() / 1000);
  });

  it("once the window is spent the endpoint answers 429, surfacing as ApiResponseError with rateLimitError and rateLimit", async () => {
    const { userId } = sandbox.credentials.x;
    for (let i = 0; i < 10; i++) await client.v2.userMentionTimeline(userId);
    const error = await apiError(client.v2.userMentionTimeline(userId));
    expect(error.code).toBe(429);
    expect(error.rateLimitError).toBe(true);
    expect(error.rateLimit).toEqual({ limit: 10, remaining: 0, reset: expect.any(Number) });
    expect(error.data).toEqual({
      title: "Too Many Requests",
      detail: "Too Many Requests",
      type: "about:blank",
      status: 429,
    });
    expect(sandbox.control.xUsage().endpoints["GET /2/users/:id/mentions"]).toEqual({
      requests: 11,
      succeeded: 10,
      rateLimited: 1,
    });
  });

  it("the control API can exhaust an endpoint's window; advancing past the reset restores it", async () => {
    const exhausted = await controlClient(sandbox).post("/rate-limits/exhaust", {
      platform: "x",
      endpoint: "POST /2/tweets",
    });
    expect(exhausted.status).toBe(204);
    const error = await apiError(client.v2.tweet("Kena batas"));
    expect(error.rateLimitError).toBe(true);
    expect(error.rateLimit?.remaining).toBe(0);

    sandbox.control.advanceClock(24 * 60 * 60 * 1000);
    expect((await client.v2.tweet("Sudah boleh lagi")).data.id).toBeDefined();
  });
});

describe("Billing as X bills it (https://docs.x.com/x-api/getting-started/pricing)", () => {
  const appOnly = () => createXClientForSandbox(sandbox.url, { bearerToken: sandbox.credentials.x.appOnlyBearerToken });

  it("writes per request, a post with a URL at its own price; reads per resource, once per UTC day", async () => {
    const plain = await client.v2.tweet("Jadwal posyandu bulan ini");
    await client.v2.tweet("Selengkapnya https://sanggau.go.id/posyandu");
    await client.v2.tweets([plain.data.id], { "tweet.fields": ["public_metrics"] });
    await client.v2.tweets([plain.data.id], { "tweet.fields": ["public_metrics"] });
    expect(sandbox.control.xUsage().billing.totals).toMatchObject({
      postCreate: 1,
      postCreateWithUrl: 1,
      postRead: 1,
      costMicros: 15_000 + 200_000 + 5_000,
    });
    // The next UTC day the same post is charged again.
    sandbox.control.advanceClock(24 * 3600_000);
    await client.v2.tweets([plain.data.id]);
    expect(sandbox.control.xUsage().billing.totals.postRead).toBe(2);
  });

  it("the owner's mentions are Owned Reads; their authors are user reads", async () => {
    sandbox.control.injectMentions({ texts: ["jalan rusak di Kapuas", "lampu jalan mati"] });
    await client.v2.userMentionTimeline(sandbox.credentials.x.userId, { expansions: ["author_id"] });
    const { totals } = sandbox.control.xUsage().billing;
    expect(totals).toMatchObject({ ownedRead: 2, postRead: 0, userRead: 2 });
    expect(totals.costMicros).toBe(2 * 1_000 + 2 * 10_000);
  });

  it("GET /2/usage/tweets reports the Posts consumed per day and this month, with the app's bearer token", async () => {
    const posted = await client.v2.tweet("Info vaksinasi");
    await client.v2.tweets([posted.data.id]);
    const usage = (await appOnly().v2.get("usage/tweets", { days: 7 })) as {
      data: { project_usage: string; project_cap: string; daily_project_usage: { usage: { usage: string }[] } };
    };
    expect(usage.data.project_cap).toBe("3000000");
    expect(usage.data.project_usage).toBe("1");
    expect(usage.data.daily_project_usage.usage.at(-1)).toMatchObject({ usage: "1" });
    const error = await apiError(appOnly().v2.get("usage/tweets", { days: 91 }));
    expect(error.code).toBe(400);
  });
});

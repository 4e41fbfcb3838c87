import type { TwitterApi } from "twitter-api-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createXClientForSandbox, type Sandbox } from "@server/sandbox/index";
import {
  controlClient,
  graphClient,
  publishInstagramImage,
  startMediaHost,
  startTestSandbox,
  type TestServer,
} from "./helpers";

let sandbox: Sandbox;
let media: TestServer;
let graph: ReturnType<typeof graphClient>;
let control: ReturnType<typeof controlClient>;
let x: TwitterApi;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  media = await startMediaHost();
  graph = graphClient(sandbox);
  control = controlClient(sandbox);
  const { appKey, appSecret, accessToken, accessSecret } = sandbox.credentials.x;
  x = createXClientForSandbox(sandbox.url, { appKey, appSecret, accessToken, accessSecret });
});
afterAll(async () => {
  await sandbox.close();
  await media.close();
});
beforeEach(() => sandbox.control.reset());

async function pagePost(): Promise<string> {
  return (
    await graph.post(`${sandbox.credentials.graph.pageId}/feed`, { message: "Jadwal vaksinasi di Puskesmas Kapuas" })
  ).body.id;
}

describe("Engagement set through the control API", () => {
  it("PUT /_sandbox/engagement/{id} sets the given counts and keeps the others; an unknown id is 404", async () => {
    const postId = await pagePost();
    expect((await control.put(`/engagement/${postId}`, { likes: 7, shares: 2 })).body).toMatchObject({
      likes: 7,
      shares: 2,
      views: 0,
    });
    expect((await control.put(`/engagement/${postId}`, { views: 90 })).body).toMatchObject({
      likes: 7,
      shares: 2,
      views: 90,
    });
    expect((await control.put("/engagement/123_456", { likes: 1 })).status).toBe(404);
    expect((await control.put(`/engagement/${postId}`, { likes: -1 })).status).toBe(400);
  });

  it("the demo's growth only adds, and reach never exceeds views", async () => {
    const postId = await pagePost();
    sandbox.control.growEngagement();
    const first = sandbox.state.engagementOf(postId);
    sandbox.control.growEngagement();
    const second = sandbox.state.engagementOf(postId);
    for (const [name, value] of Object.entries(second))
      expect(value).toBeGreaterThanOrEqual(first[name as keyof typeof first]);
    expect(second.reach).toBeLessThanOrEqual(second.views);
  });

  it("the demo's growth leaves counts set through the control API as they were set", async () => {
    const postId = await pagePost();
    sandbox.control.setEngagement(postId, { likes: 12, shares: 3, views: 250 });
    for (let step = 0; step < 5; step++) sandbox.control.growEngagement();
    expect(sandbox.state.engagementOf(postId)).toMatchObject({ likes: 12, shares: 3, views: 250 });
  });
});

// https://developers.facebook.com/docs/graph-api/reference/post (shares), /object/reactions and /object/comments (summary=total_count)
describe("Facebook Page post engagement", () => {
  it("reactions.summary(total_count), comments.summary(total_count) and shares{count} report the counts", async () => {
    const postId = await pagePost();
    sandbox.control.injectFacebookComments({ postId, count: 2 });
    sandbox.control.setEngagement(postId, { likes: 12, comments: 3, shares: 4 });
    const read = await graph.get(postId, {
      fields: "reactions.limit(0).summary(total_count),comments.limit(0).summary(total_count),shares",
    });
    expect(read.body).toEqual({
      id: postId,
      reactions: { data: [], summary: { total_count: 12, viewer_reaction: "NONE" } },
      comments: { data: [], summary: { total_count: 5, order: "ranked", can_comment: true } },
      shares: { count: 4 },
    });
  });

  it("a post nobody shared has no shares field, and without summary() the edges list only their data", async () => {
    const postId = await pagePost();
    sandbox.control.injectFacebookComments({ postId, texts: ["Jam berapa mulai?"] });
    const read = await graph.get(postId, { fields: "shares,comments,reactions" });
    expect(read.body.shares).toBeUndefined();
    expect(read.body.comments.summary).toBeUndefined();
    expect(read.body.comments.data).toEqual([expect.objectContaining({ message: "Jam berapa mulai?" })]);
    expect(read.body.reactions).toEqual({ data: [] });
  });

  // https://developers.facebook.com/docs/graph-api/reference/insights, https://developers.facebook.com/documentation/pages-api/changelog/
  it("/{post-id}/insights?metric=post_media_view answers a lifetime value; retired impressions metrics are error 100", async () => {
    const postId = await pagePost();
    sandbox.control.setEngagement(postId, { views: 340, reach: 210 });
    const insights = await graph.get(`${postId}/insights`, { metric: "post_media_view,post_total_media_view_unique" });
    expect(insights.body.data).toEqual([
      expect.objectContaining({
        name: "post_media_view",
        period: "lifetime",
        values: [{ value: 340 }],
        id: `${postId}/insights/post_media_view/lifetime`,
      }),
      expect.objectContaining({ name: "post_total_media_view_unique", period: "lifetime", values: [{ value: 210 }] }),
    ]);
    // https://developers.facebook.com/docs/platforminsights/page/deprecated-metrics (15 June 2025)
    const retired = await graph.get(`${postId}/insights`, { metric: "post_impressions_unique" });
    expect(retired.status).toBe(400);
    expect(retired.body.error).toMatchObject({ code: 100, type: "OAuthException" });
    // Withdrawn on 15 November 2025 in favour of views.
    expect((await graph.get(`${postId}/insights`, { metric: "post_impressions" })).body.error).toMatchObject({
      code: 100,
    });
    expect((await graph.get(`${postId}/insights`)).body.error).toMatchObject({ code: 100 });
  });
});

// https://developers.facebook.com/docs/instagram-platform/reference/instagram-media (like_count, comments_count)
// https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
describe("Instagram media engagement", () => {
  it("like_count and comments_count, and /insights?metric=views,reach,saved,shares as lifetime values", async () => {
    const mediaId = await publishInstagramImage(sandbox, `${media.url}/pengumuman.png`, "Pengumuman");
    sandbox.control.injectInstagramComments({ mediaId, count: 1 });
    sandbox.control.setEngagement(mediaId, { likes: 25, comments: 4, views: 800, reach: 500, saves: 6, shares: 9 });
    expect((await graph.get(mediaId, { fields: "like_count,comments_count" })).body).toEqual({
      id: mediaId,
      like_count: 25,
      comments_count: 5,
    });
    const insights = await graph.get(`${mediaId}/insights`, { metric: "views,reach,saved,shares" });
    expect(
      insights.body.data.map((metric: { name: string; values: { value: number }[] }) => [
        metric.name,
        metric.values[0]!.value,
      ]),
    ).toEqual([
      ["views", 800],
      ["reach", 500],
      ["saved", 6],
      ["shares", 9],
    ]);
  });

  it("impressions, retired on 21 April 2025, is error 100", async () => {
    const mediaId = await publishInstagramImage(sandbox, `${media.url}/pengumuman.png`);
    const retired = await graph.get(`${mediaId}/insights`, { metric: "impressions" });
    expect(retired.status).toBe(400);
    expect(retired.body.error).toMatchObject({ code: 100 });
  });
});

// https://docs.x.com/x-api/posts/post-lookup-by-post-ids and https://docs.x.com/x-api/fundamentals/metrics
describe("X public_metrics", () => {
  it("GET /2/tweets?ids= answers several posts' public_metrics in one request, missing ones as partial errors", async () => {
    const first = (await x.v2.tweet("Pengumuman pertama")).data.id;
    const second = (await x.v2.tweet("Pengumuman kedua")).data.id;
    sandbox.control.injectMentions({ inReplyToTweetId: first, count: 2 });
    sandbox.control.setEngagement(first, { likes: 11, shares: 3, quotes: 1, views: 400, bookmarks: 2, comments: 1 });
    const before = sandbox.control.xUsage().endpoints["GET /2/tweets"]?.requests ?? 0;
    const lookup = await x.v2.tweets([first, second, "1850000000000009999"], { "tweet.fields": ["public_metrics"] });
    expect(lookup.data).toEqual([
      {
        id: first,
        text: "Pengumuman pertama",
        edit_history_tweet_ids: [first],
        public_metrics: {
          retweet_count: 3,
          reply_count: 3,
          like_count: 11,
          quote_count: 1,
          bookmark_count: 2,
          impression_count: 400,
        },
      },
      expect.objectContaining({
        id: second,
        public_metrics: expect.objectContaining({ like_count: 0, impression_count: 0 }),
      }),
    ]);
    expect(lookup.errors).toEqual([expect.objectContaining({ resource_id: "1850000000000009999", parameter: "ids" })]);
    expect(sandbox.control.xUsage().endpoints["GET /2/tweets"]!.requests).toBe(before + 1);
  });

  it("more than 100 ids is a 400 invalid request", async () => {
    const ids = Array.from({ length: 101 }, (_, index) => String(1850000000000000001n + BigInt(index)));
    await expect(x.v2.tweets(ids)).rejects.toMatchObject({ code: 400 });
  });

  it("public_metrics is left out unless asked for", async () => {
    const id = (await x.v2.tweet("Tanpa metrik")).data.id;
    expect((await x.v2.singleTweet(id)).data.public_metrics).toBeUndefined();
  });
});

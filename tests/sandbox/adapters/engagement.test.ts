import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFacebookAdapter } from "@server/channels/facebook";
import { createInstagramAdapter } from "@server/channels/instagram";
import { wordpressAdapter } from "@server/channels/wordpress";
import { createXAdapter, POST_LOOKUP_ENDPOINT } from "@server/channels/x";
import { addTweet } from "@server/sandbox/x/tweets";
import { type AdapterWorld, outgoingPost, startAdapterWorld, targetFor } from "./fixtures";

let world: AdapterWorld;
const facebook = createFacebookAdapter({ timeoutMs: 2000 });
const instagram = createInstagramAdapter({ timeoutMs: 2000, containerPollWaitsMs: [10, 10, 10] });
const x = createXAdapter({ timeoutMs: 2000 });

beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sandbox.control.reset());

describe("Facebook adapter: engagement", () => {
  it("reads reactions, comments, shares and impressions per post; a post deleted on Facebook fails alone", async () => {
    const target = targetFor(world.sandbox, "facebook");
    const [kept, deleted, quiet] = [
      await facebook.publish(target, outgoingPost()),
      await facebook.publish(target, outgoingPost()),
      await facebook.publish(target, outgoingPost()),
    ];
    world.sandbox.control.setEngagement(kept.remoteId, { likes: 12, comments: 1, shares: 2, views: 300 });
    world.sandbox.control.injectFacebookComments({ postId: kept.remoteId, count: 2 });
    await facebook.remove(target, deleted.remoteId);

    const batch = await facebook.fetchEngagement!(target, [kept.remoteId, deleted.remoteId, quiet.remoteId], {});
    expect(batch.counts.get(kept.remoteId)).toEqual({ reactions: 12, comments: 3, shares: 2, views: 300 });
    expect(batch.counts.get(quiet.remoteId)).toEqual({ reactions: 0, comments: 0, shares: 0, views: 0 });
    expect(batch.failures.get(deleted.remoteId)).toMatchObject({ failure: "permanent", code: "graph:100" });
    expect(batch.requests).toEqual([
      { endpoint: "GET /{post-id}", count: 3 },
      { endpoint: "GET /{post-id}/insights", count: 2 },
    ]);
  });

  it("stops at the request budget, leaving the rest unread rather than failed", async () => {
    const target = targetFor(world.sandbox, "facebook");
    const posts = [await facebook.publish(target, outgoingPost()), await facebook.publish(target, outgoingPost())];
    const batch = await facebook.fetchEngagement!(
      target,
      posts.map((post) => post.remoteId),
      { maxRequests: 2 },
    );
    expect([...batch.counts.keys()]).toEqual([posts[0]!.remoteId]);
    expect(batch.failures.size).toBe(0);
  });
});

describe("Instagram adapter: engagement", () => {
  it("reads like_count, comments_count and the views and shares insights", async () => {
    const target = targetFor(world.sandbox, "instagram");
    const media = await instagram.publish(target, outgoingPost({ media: [world.media("pengumuman.jpg")] }));
    world.sandbox.control.setEngagement(media.remoteId, { likes: 40, comments: 5, shares: 3, views: 900, saves: 8 });
    const batch = await instagram.fetchEngagement!(target, [media.remoteId], {});
    expect(batch.counts.get(media.remoteId)).toEqual({ reactions: 40, comments: 5, shares: 3, views: 900 });
  });
});

describe("X adapter: engagement", () => {
  it("reads public_metrics of up to 100 posts a request: likes, replies, reposts plus quotes, impressions", async () => {
    const target = targetFor(world.sandbox, "x");
    const ours = await x.publish(target, outgoingPost());
    world.sandbox.control.setEngagement(ours.remoteId, {
      likes: 9,
      comments: 2,
      shares: 4,
      quotes: 1,
      views: 700,
      bookmarks: 3,
    });
    const others = Array.from(
      { length: 120 },
      (_, index) => addTweet(world.sandbox.state, { authorId: target.externalId, text: `Arsip ${index}` }).id,
    );
    const batch = await x.fetchEngagement!(target, [ours.remoteId, ...others], {});
    expect(batch.counts.get(ours.remoteId)).toEqual({ reactions: 9, comments: 2, shares: 5, views: 700 });
    expect(batch.counts.size).toBe(121);
    expect(batch.requests).toEqual([{ endpoint: POST_LOOKUP_ENDPOINT, count: 2 }]);
  });

  it("a deleted post is a failure of its own; a budget of one request reads the first 100 only", async () => {
    const target = targetFor(world.sandbox, "x");
    const ids = Array.from(
      { length: 101 },
      (_, index) => addTweet(world.sandbox.state, { authorId: target.externalId, text: `Pengumuman ${index}` }).id,
    );
    world.sandbox.state.x.tweets.get(ids[0]!)!.deleted = true;
    const batch = await x.fetchEngagement!(target, ids, { maxRequests: 1 });
    expect(batch.failures.get(ids[0]!)).toMatchObject({ failure: "permanent", code: "x:not_found" });
    expect(batch.counts.size).toBe(99);
    expect(batch.counts.has(ids[100]!)).toBe(false);
    expect(batch.requests).toEqual([{ endpoint: POST_LOOKUP_ENDPOINT, count: 1 }]);
  });

  it("a used-up rate limit is recorded for the posts of that request", async () => {
    const target = targetFor(world.sandbox, "x");
    const ours = await x.publish(target, outgoingPost());
    world.sandbox.control.exhaustRateLimit({ platform: "x", endpoint: POST_LOOKUP_ENDPOINT });
    const batch = await x.fetchEngagement!(target, [ours.remoteId], {});
    expect(batch.failures.get(ours.remoteId)).toMatchObject({
      failure: "transient",
      code: "x:429",
      retryAt: expect.any(Date),
    });
  });
});

it("WordPress reports no engagement, so it has no reader", () => {
  expect(wordpressAdapter.fetchEngagement).toBeUndefined();
});

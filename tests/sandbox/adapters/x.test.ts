import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adapterFor } from "@server/channels/index";
import { createXAdapter } from "@server/channels/x";
import { addTweet } from "@server/sandbox/x/tweets";
import {
  type AdapterWorld,
  channelErrorOf,
  expectAround,
  outgoingPost,
  startAdapterWorld,
  targetFor,
} from "./fixtures";

let world: AdapterWorld;
const adapter = createXAdapter({ timeoutMs: 300 });
const target = () => targetFor(world.sandbox, "x");
const tweets = () => world.sandbox.control.published().x.tweets;

beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sandbox.control.reset());

describe("X adapter", () => {
  it("is the registered adapter for x channels", () => {
    expect(adapterFor("x").kind).toBe("x");
  });

  it("verify answers the account's username and user id, with OAuth 1.0a keys or an OAuth 2.0 user token", async () => {
    const { userId, username, oauth2UserToken } = world.sandbox.credentials.x;
    expect(await adapter.verify(target())).toEqual({ name: username, externalId: userId });
    expect(await adapter.verify(targetFor(world.sandbox, "x", { oauth2UserToken }))).toEqual({
      name: username,
      externalId: userId,
    });
  });

  it("publishes a text post and returns its id and x.com URL", async () => {
    const post = outgoingPost({ text: "Pelayanan KTP keliling hari ini. Info: https://sanggau.go.id/ktp" });
    const remote = await adapter.publish(target(), post);
    expect(remote).toEqual({
      remoteId: expect.stringMatching(/^\d+$/),
      remoteUrl: `https://x.com/diskominfo_sgu/status/${remote.remoteId}`,
      // A post with a URL is billed at its own price (https://docs.x.com/x-api/getting-started/pricing).
      charges: [{ item: "x.post_create_url", count: 1 }],
    });
    expect(tweets()).toEqual([expect.objectContaining({ id: remote.remoteId, text: post.text, mediaKeys: [] })]);
  });

  it("uploads images (at most 4) and attaches them to the post", async () => {
    const images = [
      world.media("pengumuman.jpg"),
      world.media("peta.png"),
      world.media("pengumuman.jpg"),
      world.media("peta.png"),
      world.media("pengumuman.jpg"),
    ];
    await adapter.publish(target(), outgoingPost({ media: images }));
    expect(tweets()[0]!.mediaKeys).toHaveLength(4);
  });

  it("prepares by uploading the media; only the final step creates the post", async () => {
    const finalStep = await adapter.prepare!(target(), outgoingPost({ media: [world.media("pengumuman.jpg")] }));
    expect(tweets()).toEqual([]);
    const remote = await finalStep();
    expect(tweets()).toEqual([expect.objectContaining({ id: remote.remoteId, mediaKeys: [expect.any(String)] })]);
  });

  it("uploads a video as the post's only media", async () => {
    await adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4"), world.media("pengumuman.jpg")] }));
    expect(tweets()[0]!.mediaKeys).toEqual([expect.stringMatching(/^7_/)]);
  });

  it("without a username setting the URL is x.com/i/status/{id}", async () => {
    const remote = await adapter.publish({ ...target(), settings: { baseUrl: world.sandbox.url } }, outgoingPost());
    expect(remote.remoteUrl).toBe(`https://x.com/i/status/${remote.remoteId}`);
  });

  it("findPublished finds the post since a moment even when X rewrote its link to t.co, and nothing for other text", async () => {
    const since = new Date(Date.now() - 1000);
    const post = outgoingPost({ text: "Jadwal vaksinasi & posyandu: https://sanggau.go.id/vaksin" });
    // What X stores and returns: the link as t.co and & escaped.
    const stored = addTweet(world.sandbox.state, {
      authorId: world.sandbox.credentials.x.userId,
      text: "Jadwal vaksinasi &amp; posyandu: https://t.co/AbC123xyz",
    });
    await adapter.publish(target(), outgoingPost());

    expect(await adapter.findPublished(target(), post, since)).toEqual({
      remoteId: stored.id,
      remoteUrl: `https://x.com/diskominfo_sgu/status/${stored.id}`,
    });
    expect(await adapter.findPublished(target(), outgoingPost(), since)).toBeNull();
    expect(await adapter.findPublished(target(), post, new Date(Date.now() + 60_000))).toBeNull();
  });

  it("findPublished finds what publish made", async () => {
    const since = new Date(Date.now() - 1000);
    const post = outgoingPost();
    const { remoteId, remoteUrl } = await adapter.publish(target(), post);
    expect(await adapter.findPublished(target(), post, since)).toEqual({ remoteId, remoteUrl });
  });

  it("remove deletes the post; it has no update", async () => {
    const remote = await adapter.publish(target(), outgoingPost());
    await adapter.remove(target(), remote.remoteId);
    expect(tweets()).toEqual([]);
    expect(adapter.update).toBeUndefined();
  });
});

describe("X failures", () => {
  it("rejected credentials (401) ask for reconnection", async () => {
    const { appKey, accessToken, accessSecret } = world.sandbox.credentials.x;
    const error = await channelErrorOf(
      adapter.publish(
        targetFor(world.sandbox, "x", { appKey, appSecret: "salah", accessToken, accessSecret }),
        outgoingPost(),
      ),
    );
    expect(error).toMatchObject({ failure: "reconnect", code: "x:401", message: "X: Unauthorized" });
  });

  it("a used-up window (429) is transient, retried at x-rate-limit-reset", async () => {
    world.sandbox.control.exhaustRateLimit({ platform: "x", endpoint: "POST /2/tweets" });
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    // Refused before X acted: sending again needs no look-up first.
    expect(error).toMatchObject({
      failure: "transient",
      code: "x:429",
      message: "X: Too Many Requests",
      outcomeUnknown: false,
    });
    // The create window is 24 hours long and began with the exhaustion.
    expectAround(error.retryAt, Date.now() + 24 * 60 * 60_000, 60_000);
  });

  it("a server error (503) is transient, and X may have made the post anyway", async () => {
    world.sandbox.control.addFault({ platform: "x", method: "POST", path: "/2/tweets", status: 503 });
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({ failure: "transient", code: "x:503", outcomeUnknown: true });
    expectAround(error.retryAt, Date.now() + 60_000);
  });

  it("a request that never answers is transient once the timeout passes, without hanging", async () => {
    world.sandbox.control.addFault({ platform: "x", method: "POST", path: "/2/tweets", timeout: true });
    const started = Date.now();
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({ failure: "transient", code: "x:timeout", outcomeUnknown: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a post made before the answer was lost is found again for reconciliation", async () => {
    world.sandbox.control.addFault({
      platform: "x",
      method: "POST",
      path: "/2/tweets",
      timeout: true,
      afterHandling: true,
      times: 1,
    });
    const post = outgoingPost();
    const since = new Date(Date.now() - 1000);
    const error = await channelErrorOf(adapter.publish(target(), post));
    expect(error).toMatchObject({ code: "x:timeout", outcomeUnknown: true });
    const found = await adapter.findPublished(target(), post, since);
    expect(found?.remoteId).toMatch(/^\d+$/);
    expect(world.sandbox.control.published().x.tweets.filter((tweet) => tweet.id === found!.remoteId)).toHaveLength(1);
  });

  it("a refused connection cannot have reached X", async () => {
    const closedPort = { ...target(), settings: { ...target().settings, baseUrl: "http://127.0.0.1:9" } };
    const error = await channelErrorOf(adapter.publish(closedPort, outgoingPost()));
    expect(error).toMatchObject({ failure: "transient", code: "x:network", outcomeUnknown: false });
  });

  it("the same text again (403 duplicate content) is permanent x:duplicate", async () => {
    const post = outgoingPost();
    await adapter.publish(target(), post);
    const error = await channelErrorOf(adapter.publish(target(), post));
    expect(error).toMatchObject({
      failure: "permanent",
      code: "x:duplicate",
      message: "X: You are not allowed to create a Tweet with duplicate content.",
    });
  });

  it("media that is not what it claims to be is permanent, and no post is made", async () => {
    const fakeJpeg = { ...world.media("peta.png"), mimeType: "image/jpeg" };
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost({ media: [fakeJpeg] })));
    expect(error).toMatchObject({ failure: "permanent", code: "x:400" });
    expect(tweets()).toEqual([]);
  });
});

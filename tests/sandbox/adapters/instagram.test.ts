import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adapterFor } from "@server/channels/index";
import { createInstagramAdapter } from "@server/channels/instagram";
import {
  type AdapterWorld,
  channelErrorOf,
  expectAround,
  outgoingPost,
  startAdapterWorld,
  targetFor,
} from "./fixtures";

let world: AdapterWorld;
const adapter = createInstagramAdapter({ timeoutMs: 300, containerPollWaitsMs: Array(19).fill(20) });
const target = () => targetFor(world.sandbox, "instagram");
const published = () => world.sandbox.control.published().instagram;

beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sandbox.control.reset());

describe("Instagram adapter", () => {
  it("is the registered adapter for instagram channels", () => {
    expect(adapterFor("instagram").kind).toBe("instagram");
  });

  it("verify answers the username and IG user id, also finding the account through the linked Page", async () => {
    const { igUserId, igUsername } = world.sandbox.credentials.graph;
    expect(await adapter.verify(target())).toEqual({ name: igUsername, externalId: igUserId });
    expect(await adapter.verify({ ...target(), externalId: "" })).toEqual({ name: igUsername, externalId: igUserId });
  });

  it("publishes an image through a container it waits for, and returns the media id; its permalink is read apart", async () => {
    const image = world.media("pengumuman.jpg");
    const post = outgoingPost({ media: [image] });
    const remote = await adapter.publish(target(), post);
    // media_publish answers with the id only; reading the link would only delay the recorded publication.
    expect(remote).toEqual({ remoteId: expect.stringMatching(/^\d+$/), remoteUrl: null });
    expect(await adapter.permalink!(target(), remote.remoteId)).toMatch(/^https:\/\/www\.instagram\.com\/p\/[\w-]+\/$/);
    expect(await adapter.permalink!(target(), "999999999")).toBeNull();
    expect(published().media).toEqual([
      expect.objectContaining({
        id: remote.remoteId,
        caption: post.text,
        mediaType: "IMAGE",
        mediaUrl: image.publicUrl,
      }),
    ]);
  });

  it("prepares the container until FINISHED without publishing; the final step publishes it", async () => {
    const post = outgoingPost({ media: [world.media("pengumuman.jpg")] });
    const finalStep = await adapter.prepare!(target(), post);
    expect(published().containers.map((c) => c.status)).toEqual(["FINISHED"]);
    expect(published().media).toEqual([]);
    const remote = await finalStep();
    expect(published().media).toEqual([expect.objectContaining({ id: remote.remoteId, caption: post.text })]);
  });

  it("publishes a video as a Reel", async () => {
    const remote = await adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4")] }));
    expect(published().media).toEqual([expect.objectContaining({ id: remote.remoteId, mediaType: "VIDEO" })]);
  });

  it("refuses a post without media", async () => {
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({ failure: "permanent", code: "instagram:media_required" });
  });

  it("findPublished finds the media a publish made since a moment, and nothing for other captions or later", async () => {
    const since = new Date(Date.now() - 1000);
    const post = outgoingPost({ media: [world.media("pengumuman.jpg")] });
    await adapter.publish(target(), outgoingPost({ media: [world.media("peta.png")] }));
    const remote = await adapter.publish(target(), post);

    expect(await adapter.findPublished(target(), post, since)).toEqual({
      remoteId: remote.remoteId,
      remoteUrl: await adapter.permalink!(target(), remote.remoteId),
    });
    expect(await adapter.findPublished(target(), outgoingPost(), since)).toBeNull();
    expect(await adapter.findPublished(target(), post, new Date(Date.now() + 60_000))).toBeNull();
  });

  it("remove is refused because the API cannot delete published media; there is no update", async () => {
    const remote = await adapter.publish(target(), outgoingPost({ media: [world.media("pengumuman.jpg")] }));
    const error = await channelErrorOf(adapter.remove(target(), remote.remoteId));
    expect(error).toMatchObject({ failure: "permanent", code: "instagram:delete_unsupported" });
    expect(published().media).toHaveLength(1);
    expect(adapter.update).toBeUndefined();
  });
});

describe("Instagram failures", () => {
  it("a used-up publishing limit is transient instagram:publishing_limit, retried about an hour later, before any container is made", async () => {
    world.sandbox.control.setInstagramPublishingLimit(1);
    await adapter.publish(target(), outgoingPost({ media: [world.media("pengumuman.jpg")] }));
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost({ media: [world.media("peta.png")] })));
    expect(error).toMatchObject({
      failure: "transient",
      code: "instagram:publishing_limit",
      message: "Instagram: the account has published 1 of 1 posts allowed in 24 hours",
    });
    expectAround(error.retryAt, Date.now() + 60 * 60_000);
    expect(published().containers).toHaveLength(1);
  });

  it("a limit used up between preparing and publishing is also transient instagram:publishing_limit", async () => {
    world.sandbox.control.setInstagramPublishingLimit(1);
    const finalStep = await adapter.prepare!(target(), outgoingPost({ media: [world.media("peta.png")] }));
    await adapter.publish(target(), outgoingPost({ media: [world.media("pengumuman.jpg")] }));
    const error = await channelErrorOf(finalStep());
    expect(error).toMatchObject({ failure: "transient", code: "instagram:publishing_limit" });
    expectAround(error.retryAt, Date.now() + 60 * 60_000);
    expect(published().media).toHaveLength(1);
  });

  it("media Instagram cannot fetch ends the container in ERROR: permanent, with Instagram's reason", async () => {
    const error = await channelErrorOf(
      adapter.publish(target(), outgoingPost({ media: [world.media("halaman.html")] })),
    );
    expect(error).toMatchObject({ failure: "permanent", code: "instagram:container_error" });
    expect(error.message).toMatch(/^Instagram: Error: The media URL returned text\/html, not an image/);
    expect(published().media).toEqual([]);
  });

  it("a container still processing after the last poll is transient, and nothing is published", async () => {
    world.sandbox.state.config.igContainerPollsBeforeFinished = 50;
    const impatient = createInstagramAdapter({ containerPollWaitsMs: [1, 1] });
    const error = await channelErrorOf(
      impatient.publish(target(), outgoingPost({ media: [world.media("pengumuman.jpg")] })),
    );
    expect(error).toMatchObject({ failure: "transient", code: "instagram:container_not_ready" });
    expect(published().media).toEqual([]);
  });

  it("an expired token (190) asks for reconnection", async () => {
    const error = await channelErrorOf(
      adapter.verify(
        targetFor(world.sandbox, "instagram", { accessToken: world.sandbox.credentials.graph.expiredPageAccessToken }),
      ),
    );
    expect(error).toMatchObject({ failure: "reconnect", code: "graph:190" });
    expect(error.message).toMatch(/^Instagram: Error validating access token/);
  });

  it("a server error (502) on the container call is transient", async () => {
    world.sandbox.control.addFault({ platform: "graph", method: "POST", path: "*/media", status: 502 });
    const error = await channelErrorOf(
      adapter.publish(target(), outgoingPost({ media: [world.media("pengumuman.jpg")] })),
    );
    expect(error).toMatchObject({ failure: "transient", code: "graph:2" });
  });

  it("a request that never answers is transient once the timeout passes, without hanging", async () => {
    world.sandbox.control.addFault({ platform: "graph", method: "POST", path: "*/media_publish", timeout: true });
    const started = Date.now();
    const error = await channelErrorOf(
      adapter.publish(target(), outgoingPost({ media: [world.media("pengumuman.jpg")] })),
    );
    expect(error).toMatchObject({
      failure: "transient",
      code: "graph:timeout",
      message: "Instagram: no answer within 300 ms",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

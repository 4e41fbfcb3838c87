import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFacebookAdapter } from "@server/channels/facebook";
import { adapterFor } from "@server/channels/index";
import {
  type AdapterWorld,
  channelErrorOf,
  expectAround,
  outgoingPost,
  startAdapterWorld,
  targetFor,
} from "./fixtures";

let world: AdapterWorld;
const adapter = createFacebookAdapter({ timeoutMs: 300 });
const target = () => targetFor(world.sandbox, "facebook");
const posts = () => world.sandbox.control.published().facebook.posts;
const videos = () => world.sandbox.control.published().facebook.videos;
const videoUrl = (videoId: string) =>
  `https://www.facebook.com/${world.sandbox.credentials.graph.pageId}/videos/${videoId}/`;

beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sandbox.control.reset());

describe("Facebook adapter", () => {
  it("is the registered adapter for facebook channels", () => {
    expect(adapterFor("facebook").kind).toBe("facebook");
  });

  it("verify answers the Page's name and id, also when only the Page token is known", async () => {
    const { pageId, pageName } = world.sandbox.credentials.graph;
    expect(await adapter.verify(target())).toEqual({ name: pageName, externalId: pageId });
    expect(await adapter.verify({ ...target(), externalId: "" })).toEqual({ name: pageName, externalId: pageId });
  });

  it("publishes a text post with its link to /feed and returns the post id and its facebook.com URL", async () => {
    const post = outgoingPost({ link: "https://sanggau.go.id/berita/ktp" });
    const remote = await adapter.publish(target(), post);
    expect(remote).toEqual({
      remoteId: expect.stringMatching(/^\d+_\d+$/),
      remoteUrl: `https://www.facebook.com/${remote.remoteId}`,
    });
    expect(posts()).toEqual([
      expect.objectContaining({
        id: remote.remoteId,
        message: post.text,
        link: post.link,
        photoUrls: [],
        published: true,
      }),
    ]);
  });

  it("publishes one image as a feed post with the photo attached, whose message ends with the link", async () => {
    const image = world.media("pengumuman.jpg");
    const post = outgoingPost({ link: "https://sanggau.go.id/berita/ktp", media: [image] });
    const remote = await adapter.publish(target(), post);
    expect(posts()).toEqual([
      expect.objectContaining({
        id: remote.remoteId,
        message: `${post.text}\n\n${post.link}`,
        photoUrls: [image.publicUrl],
      }),
    ]);
  });

  it("publishes several images as unpublished photos attached to one feed post", async () => {
    const images = [world.media("pengumuman.jpg"), world.media("peta.png")];
    const remote = await adapter.publish(target(), outgoingPost({ media: images }));
    expect(posts()).toEqual([
      expect.objectContaining({ id: remote.remoteId, photoUrls: images.map((image) => image.publicUrl) }),
    ]);
  });

  it("prepares by uploading the photos unpublished; only the final step posts to the Page", async () => {
    const images = [world.media("pengumuman.jpg")];
    const finalStep = await adapter.prepare!(target(), outgoingPost({ media: images }));
    expect(posts()).toEqual([]);
    const remote = await finalStep();
    expect(posts()).toEqual([
      expect.objectContaining({ id: remote.remoteId, photoUrls: [images[0]!.publicUrl], published: true }),
    ]);
  });

  it("findPublished finds the post a publish made since a moment, whitespace aside, and nothing for other text or later", async () => {
    const since = new Date(Date.now() - 1000);
    const post = outgoingPost({ media: [world.media("pengumuman.jpg")], link: "https://sanggau.go.id/a" });
    await adapter.publish(target(), outgoingPost());
    const remote = await adapter.publish(target(), post);

    const found = await adapter.findPublished(
      target(),
      { ...post, text: `  ${post.text.replace(/ /g, "  ")}\n` },
      since,
    );
    expect(found).toEqual({
      remoteId: remote.remoteId,
      remoteUrl: expect.stringMatching(/^https:\/\/www\.facebook\.com\/\d+\/posts\/\d+$/),
    });
    expect(await adapter.findPublished(target(), outgoingPost(), since)).toBeNull();
    expect(await adapter.findPublished(target(), post, new Date(Date.now() + 60_000))).toBeNull();
  });

  it("update changes the message and remove deletes the post", async () => {
    const remote = await adapter.publish(target(), outgoingPost());
    await adapter.update!(target(), remote.remoteId, outgoingPost({ text: "Jadwal diralat: Minggu pukul 09.00 WIB." }));
    expect(posts()[0]!.message).toBe("Jadwal diralat: Minggu pukul 09.00 WIB.");
    await adapter.remove(target(), remote.remoteId);
    expect(posts()).toEqual([]);
  });
});

describe("Facebook adapter: Page videos", () => {
  it("publishes a video with POST /{page-id}/videos: Meta fetches the file; the remote id is the video's, the URL its page", async () => {
    const video = world.media("video.mp4");
    const post = outgoingPost({ link: "https://sanggau.go.id/berita/banjir", media: [video] });
    const remote = await adapter.publish(target(), post);
    expect(remote).toEqual({ remoteId: expect.stringMatching(/^\d+$/), remoteUrl: videoUrl(remote.remoteId) });
    expect(videos()).toEqual([
      expect.objectContaining({
        id: remote.remoteId,
        title: post.title,
        description: `${post.text}\n\n${post.link}`,
        fileUrl: video.publicUrl,
        contentType: "video/mp4",
        bytes: video.bytes,
      }),
    ]);
    // Facebook shows the video in the Page's feed as a post of its own.
    expect(posts()).toEqual([
      expect.objectContaining({
        id: `${world.sandbox.credentials.graph.pageId}_${remote.remoteId}`,
        message: `${post.text}\n\n${post.link}`,
        published: true,
      }),
    ]);
  });

  it("prepares nothing ahead for a video: the final step is the one call that publishes it", async () => {
    const finalStep = await adapter.prepare!(target(), outgoingPost({ media: [world.media("video.mp4")] }));
    expect(videos()).toEqual([]);
    const remote = await finalStep();
    expect(videos().map((video) => video.id)).toEqual([remote.remoteId]);
  });

  it("refuses a video together with an image before calling the platform", async () => {
    const error = await channelErrorOf(
      adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4"), world.media("pengumuman.jpg")] })),
    );
    expect(error).toMatchObject({ failure: "permanent", code: "facebook:mixed_media" });
    expect(posts()).toEqual([]);
  });

  it("update edits the video's description and title; remove deletes the video and its feed post", async () => {
    const remote = await adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4")] }));
    await adapter.update!(
      target(),
      remote.remoteId,
      outgoingPost({
        title: "Ralat: banjir Kapuas",
        text: "Video diralat: lokasi di Kecamatan Kapuas.",
        media: [world.media("video.mp4")],
      }),
    );
    expect(videos()).toEqual([
      expect.objectContaining({
        id: remote.remoteId,
        title: "Ralat: banjir Kapuas",
        description: "Video diralat: lokasi di Kecamatan Kapuas.",
      }),
    ]);
    await adapter.remove(target(), remote.remoteId);
    expect(videos()).toEqual([]);
    expect(posts()).toEqual([]);
  });

  it("findPublished finds the video a publish made since a moment among the Page's videos, and nothing for other text or later", async () => {
    const since = new Date(Date.now() - 1000);
    const post = outgoingPost({ media: [world.media("video.mp4")] });
    await adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4")] }));
    // A feed post with the very same message is not the video.
    await adapter.publish(target(), { ...post, media: [] });
    const remote = await adapter.publish(target(), post);
    await adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4")] }));

    const found = await adapter.findPublished(
      target(),
      { ...post, text: `  ${post.text.replace(/ /g, "  ")}\n` },
      since,
    );
    expect(found).toEqual({ remoteId: remote.remoteId, remoteUrl: videoUrl(remote.remoteId) });
    expect(
      await adapter.findPublished(target(), outgoingPost({ media: [world.media("video.mp4")] }), since),
    ).toBeNull();
    expect(await adapter.findPublished(target(), post, new Date(Date.now() + 60_000))).toBeNull();
  });

  it("reads a video's reactions, comments and lifetime views (total_video_views); Graph counts no shares on a video", async () => {
    const remote = await adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4")] }));
    const feedPostId = videos()[0]!.postId;
    world.sandbox.control.setEngagement(feedPostId, { likes: 15, comments: 2, shares: 4, views: 640 });
    world.sandbox.control.injectFacebookComments({ postId: feedPostId, count: 1 });

    const batch = await adapter.fetchEngagement!(target(), [remote.remoteId], {});
    expect(batch.counts.get(remote.remoteId)).toEqual({ reactions: 15, comments: 3, shares: 0, views: 640 });
    expect(batch.requests).toEqual([
      { endpoint: "GET /{video-id}", count: 1 },
      { endpoint: "GET /{video-id}/video_insights", count: 1 },
    ]);
  });

  it("reads citizens' comments under a video by polling with the video id, filed under its feed post as webhooks name it", async () => {
    const remote = await adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4")] }));
    const feedPostId = videos()[0]!.postId;
    expect(feedPostId).toBe(`${target().externalId}_${remote.remoteId}`);
    const [comment] = world.sandbox.control.injectFacebookComments({
      postId: feedPostId,
      texts: ["Air sudah surut di Jl. Ahmad Yani?"],
    });
    const batch = await adapter.fetchIncoming!(target(), "comments", null, { recentPostIds: [remote.remoteId] });
    expect(batch.messages).toEqual([
      expect.objectContaining({
        platformId: comment!.id,
        postRemoteId: feedPostId,
        threadKey: feedPostId,
        text: "Air sudah surut di Jl. Ahmad Yani?",
      }),
    ]);
    expect(batch.requests).toEqual([{ endpoint: "GET /{video-id}/comments", count: 1 }]);
  });
});

describe("Facebook failures", () => {
  it("an expired or revoked Page token (190) asks for reconnection with Facebook's reason", async () => {
    const { expiredPageAccessToken, revokedPageAccessToken } = world.sandbox.credentials.graph;
    const expired = await channelErrorOf(
      adapter.publish(
        targetFor(world.sandbox, "facebook", { pageAccessToken: expiredPageAccessToken }),
        outgoingPost(),
      ),
    );
    expect(expired).toMatchObject({ failure: "reconnect", code: "graph:190" });
    expect(expired.message).toMatch(/^Facebook: Error validating access token: Session has expired/);
    const revoked = await channelErrorOf(
      adapter.verify(targetFor(world.sandbox, "facebook", { pageAccessToken: revokedPageAccessToken })),
    );
    expect(revoked).toMatchObject({
      failure: "reconnect",
      code: "graph:190",
      message: "Facebook: Error validating access token: The user has not authorized application.",
    });
  });

  it("missing credentials ask for reconnection without calling the platform", async () => {
    const error = await channelErrorOf(adapter.publish(targetFor(world.sandbox, "facebook", {}), outgoingPost()));
    expect(error).toMatchObject({ failure: "reconnect", code: "graph:missing_pageAccessToken" });
  });

  it("a Page rate limit (32) is transient, retried when X-Business-Use-Case-Usage says access returns", async () => {
    world.sandbox.control.exhaustRateLimit({ platform: "graph", code: 32 });
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({
      failure: "transient",
      code: "graph:32",
      message: "Facebook: (#32) Page request limit reached",
    });
    expectAround(error.retryAt, Date.now() + 60 * 60_000);
  });

  it("a server error (500) is transient with a short default wait", async () => {
    world.sandbox.control.addFault({ platform: "graph", method: "POST", path: "*/feed", status: 500 });
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({ failure: "transient", code: "graph:2" });
    expectAround(error.retryAt, Date.now() + 60_000);
  });

  it("a request that never answers is transient once the timeout passes, without hanging", async () => {
    world.sandbox.control.addFault({ platform: "graph", method: "POST", path: "*/feed", timeout: true });
    const started = Date.now();
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({
      failure: "transient",
      code: "graph:timeout",
      message: "Facebook: no answer within 300 ms",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a video file Facebook cannot fetch (6000) or that is no video (352) is permanent, in Graph's words", async () => {
    const missing = { ...world.media("video.mp4"), publicUrl: `${world.media("video.mp4").publicUrl}.hilang` };
    const unreachable = await channelErrorOf(adapter.publish(target(), outgoingPost({ media: [missing] })));
    expect(unreachable).toMatchObject({
      failure: "permanent",
      code: "graph:6000",
      message: "Facebook: There was a problem uploading your video file. Please try again with another file.",
    });

    const notVideo = { ...world.media("halaman.html"), kind: "video" as const };
    const refused = await channelErrorOf(adapter.publish(target(), outgoingPost({ media: [notVideo] })));
    expect(refused).toMatchObject({
      failure: "permanent",
      code: "graph:352",
      message: "Facebook: (#352) Sorry, the video file you selected is in a format that we don't support.",
    });
    expect(videos()).toEqual([]);
  });

  it("an image Facebook cannot fetch (324) is permanent", async () => {
    const error = await channelErrorOf(
      adapter.publish(target(), outgoingPost({ media: [world.media("halaman.html")] })),
    );
    expect(error).toMatchObject({
      failure: "permanent",
      code: "graph:324",
      message: "Facebook: (#324) Missing or invalid image file",
    });
  });
});

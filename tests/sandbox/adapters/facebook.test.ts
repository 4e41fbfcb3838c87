import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFacebookAdapter } from "../../../server/channels/facebook";
import { adapterFor } from "../../../server/channels/index";
import { type AdapterWorld, channelErrorOf, expectAround, outgoingPost, startAdapterWorld, targetFor } from "./fixtures";

let world: AdapterWorld;
const adapter = createFacebookAdapter({ timeoutMs: 300 });
const target = () => targetFor(world.sandbox, "facebook");
const posts = () => world.sandbox.control.published().facebook.posts;

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
    expect(remote).toEqual({ remoteId: expect.stringMatching(/^\d+_\d+$/), remoteUrl: `https://www.facebook.com/${remote.remoteId}` });
    expect(posts()).toEqual([expect.objectContaining({ id: remote.remoteId, message: post.text, link: post.link, photoUrls: [], published: true })]);
  });

  it("publishes one image as a feed post with the photo attached, whose message ends with the link", async () => {
    const image = world.media("pengumuman.jpg");
    const post = outgoingPost({ link: "https://sanggau.go.id/berita/ktp", media: [image] });
    const remote = await adapter.publish(target(), post);
    expect(posts()).toEqual([expect.objectContaining({ id: remote.remoteId, message: `${post.text}\n\n${post.link}`, photoUrls: [image.publicUrl] })]);
  });

  it("publishes several images as unpublished photos attached to one feed post", async () => {
    const images = [world.media("pengumuman.jpg"), world.media("peta.png")];
    const remote = await adapter.publish(target(), outgoingPost({ media: images }));
    expect(posts()).toEqual([expect.objectContaining({ id: remote.remoteId, photoUrls: images.map((image) => image.publicUrl) })]);
  });

  it("prepares by uploading the photos unpublished; only the final step posts to the Page", async () => {
    const images = [world.media("pengumuman.jpg")];
    const finalStep = await adapter.prepare!(target(), outgoingPost({ media: images }));
    expect(posts()).toEqual([]);
    const remote = await finalStep();
    expect(posts()).toEqual([expect.objectContaining({ id: remote.remoteId, photoUrls: [images[0]!.publicUrl], published: true })]);
  });

  it("refuses a video before calling the platform", async () => {
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost({ media: [world.media("video.mp4")] })));
    expect(error).toMatchObject({ failure: "permanent", code: "facebook:video_unsupported" });
    expect(posts()).toEqual([]);
  });

  it("findPublished finds the post a publish made since a moment, whitespace aside, and nothing for other text or later", async () => {
    const since = new Date(Date.now() - 1000);
    const post = outgoingPost({ media: [world.media("pengumuman.jpg")], link: "https://sanggau.go.id/a" });
    await adapter.publish(target(), outgoingPost());
    const remote = await adapter.publish(target(), post);

    const found = await adapter.findPublished(target(), { ...post, text: `  ${post.text.replace(/ /g, "  ")}\n` }, since);
    expect(found).toEqual({ remoteId: remote.remoteId, remoteUrl: expect.stringMatching(/^https:\/\/www\.facebook\.com\/\d+\/posts\/\d+$/) });
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

describe("Facebook failures", () => {
  it("an expired or revoked Page token (190) asks for reconnection with Facebook's reason", async () => {
    const { expiredPageAccessToken, revokedPageAccessToken } = world.sandbox.credentials.graph;
    const expired = await channelErrorOf(adapter.publish(targetFor(world.sandbox, "facebook", { pageAccessToken: expiredPageAccessToken }), outgoingPost()));
    expect(expired).toMatchObject({ failure: "reconnect", code: "graph:190" });
    expect(expired.message).toMatch(/^Facebook: Error validating access token: Session has expired/);
    const revoked = await channelErrorOf(adapter.verify(targetFor(world.sandbox, "facebook", { pageAccessToken: revokedPageAccessToken })));
    expect(revoked).toMatchObject({ failure: "reconnect", code: "graph:190", message: "Facebook: Error validating access token: The user has not authorized application." });
  });

  it("missing credentials ask for reconnection without calling the platform", async () => {
    const error = await channelErrorOf(adapter.publish(targetFor(world.sandbox, "facebook", {}), outgoingPost()));
    expect(error).toMatchObject({ failure: "reconnect", code: "graph:missing_pageAccessToken" });
  });

  it("a Page rate limit (32) is transient, retried when X-Business-Use-Case-Usage says access returns", async () => {
    world.sandbox.control.exhaustRateLimit({ platform: "graph", code: 32 });
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({ failure: "transient", code: "graph:32", message: "Facebook: (#32) Page request limit reached" });
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
    expect(error).toMatchObject({ failure: "transient", code: "graph:timeout", message: "Facebook: no answer within 300 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("an image Facebook cannot fetch (324) is permanent", async () => {
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost({ media: [world.media("halaman.html")] })));
    expect(error).toMatchObject({ failure: "permanent", code: "graph:324", message: "Facebook: (#324) Missing or invalid image file" });
  });
});

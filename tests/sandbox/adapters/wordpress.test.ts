import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adapterFor } from "@server/channels/index";
import { contentOf, createWordPressAdapter, videoBlock } from "@server/channels/wordpress";
import {
  type AdapterWorld,
  channelErrorOf,
  expectAround,
  JPEG_BYTES,
  outgoingPost,
  startAdapterWorld,
  targetFor,
} from "./fixtures";

let world: AdapterWorld;
const adapter = createWordPressAdapter({ timeoutMs: 300 });
const target = () => targetFor(world.sandbox, "wordpress");
const published = () => world.sandbox.control.published().wordpress;

beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sandbox.control.reset());

describe("WordPress adapter", () => {
  it("is the registered adapter for wordpress channels", () => {
    expect(adapterFor("wordpress").kind).toBe("wordpress");
  });

  it("verify answers the user's display name and the site URL", async () => {
    expect(await adapter.verify(target())).toEqual({
      name: "Humas Diskominfo Sanggau",
      externalId: world.sandbox.credentials.wordpress.baseUrl,
    });
  });

  it("the content is the text escaped, a paragraph per block, then the link", () => {
    const post = outgoingPost({
      text: "Jadwal <penting> & terbaru.\nBaris kedua.\n\nParagraf dua.",
      link: "https://sanggau.go.id/?a=1&b=2",
    });
    expect(contentOf(post)).toBe(
      '<p>Jadwal &lt;penting&gt; &amp; terbaru.<br />\nBaris kedua.</p>\n<p>Paragraf dua.</p>\n<p><a href="https://sanggau.go.id/?a=1&amp;b=2">https://sanggau.go.id/?a=1&amp;b=2</a></p>',
    );
  });

  it("publishes a post with its image uploaded as featured media, and returns the post's link", async () => {
    const remote = await adapter.publish(
      target(),
      outgoingPost({ media: [world.media("pengumuman.jpg")], link: "https://sanggau.go.id/ktp" }),
    );
    const { posts, media } = published();
    expect(media).toEqual([
      { id: expect.any(Number), filename: "pengumuman.jpg", mimeType: "image/jpeg", bytes: JPEG_BYTES.length },
    ]);
    expect(posts).toEqual([
      expect.objectContaining({
        id: Number(remote.remoteId),
        title: "Pelayanan KTP keliling",
        status: "publish",
        featuredMedia: media[0]!.id,
      }),
    ]);
    expect(remote.remoteUrl).toMatch(new RegExp(`^${world.sandbox.url}/\\d{4}/\\d{2}/\\d{2}/pelayanan-ktp-keliling/$`));
  });

  it("a video is a core video block after the text, its address escaped", () => {
    const post = outgoingPost({ text: "Banjir surut." });
    expect(contentOf(post, { id: 7, source_url: 'https://situs.go.id/v.mp4?a=1&b="2"' })).toBe(
      '<p>Banjir surut.</p>\n<!-- wp:video {"id":7} -->\n<figure class="wp-block-video"><video controls src="https://situs.go.id/v.mp4?a=1&amp;b=&quot;2&quot;"></video></figure>\n<!-- /wp:video -->',
    );
  });

  it("publishes a video post: the video uploaded to the media library and shown in the content, no featured image", async () => {
    const video = world.media("video.mp4");
    const remote = await adapter.publish(target(), outgoingPost({ media: [video] }));
    const { posts, media } = published();
    expect(media).toEqual([
      { id: expect.any(Number), filename: "video.mp4", mimeType: "video/mp4", bytes: video.bytes },
    ]);
    expect(posts).toEqual([
      expect.objectContaining({ id: Number(remote.remoteId), status: "publish", featuredMedia: 0 }),
    ]);

    const stored = world.sandbox.state.wordpress.posts.get(Number(remote.remoteId))!;
    const uploaded = await (
      await fetch(`${world.sandbox.credentials.wordpress.baseUrl}/wp-json/wp/v2/media/${media[0]!.id}`)
    ).json();
    expect(uploaded).toMatchObject({ media_type: "file", mime_type: "video/mp4" });
    expect(stored.content.endsWith(videoBlock({ id: media[0]!.id, source_url: uploaded.source_url }))).toBe(true);
    const file = await fetch(uploaded.source_url);
    expect([file.status, file.headers.get("content-type")]).toEqual([200, "video/mp4"]);

    const page = await (
      await fetch(`${world.sandbox.credentials.wordpress.baseUrl}/wp-json/wp/v2/posts/${remote.remoteId}`)
    ).json();
    expect(page.content.rendered).toContain(
      `<figure class="wp-block-video"><video controls src="${uploaded.source_url}"></video></figure>`,
    );
    expect(page.content.rendered).not.toContain("wp:video");
  });

  it("finds a video post after a crash, and an edit keeps its video", async () => {
    const since = new Date(Date.now() - 1000);
    const post = outgoingPost({ media: [world.media("video.mp4")] });
    const remote = await adapter.publish(target(), post);
    expect(await adapter.findPublished(target(), post, since)).toEqual(remote);

    const edited = { ...post, text: "Video banjir: lokasi diralat." };
    await adapter.update!(target(), remote.remoteId, edited);
    const content = world.sandbox.state.wordpress.posts.get(Number(remote.remoteId))!.content;
    expect(content).toMatch(/^<p>Video banjir: lokasi diralat\.<\/p>\n<!-- wp:video \{"id":\d+\} -->/);
    expect(await adapter.findPublished(target(), edited, since)).toEqual(remote);
  });

  it("findPublished finds the post a publish made since a moment, and nothing for another text or later", async () => {
    const since = new Date(Date.now() - 1000);
    const post = outgoingPost({ link: "https://sanggau.go.id/ktp" });
    await adapter.publish(target(), outgoingPost());
    const remote = await adapter.publish(target(), post);

    expect(await adapter.findPublished(target(), post, since)).toEqual(remote);
    expect(await adapter.findPublished(target(), outgoingPost(), since)).toBeNull();
    expect(await adapter.findPublished(target(), post, new Date(Date.now() + 60_000))).toBeNull();
  });

  it("update rewrites title and content; remove deletes the post for good", async () => {
    const remote = await adapter.publish(target(), outgoingPost());
    const edited = outgoingPost({ title: "Ralat jadwal KTP keliling", text: "Jadwal diralat." });
    await adapter.update!(target(), remote.remoteId, edited);
    expect(await adapter.findPublished(target(), edited, new Date(Date.now() - 60_000))).toMatchObject({
      remoteId: remote.remoteId,
    });

    await adapter.remove(target(), remote.remoteId);
    expect(published().posts).toEqual([]);
  });
});

describe("WordPress failures", () => {
  it("a wrong application password asks for reconnection with WordPress's reason", async () => {
    const error = await channelErrorOf(
      adapter.publish(
        targetFor(world.sandbox, "wordpress", { username: "humas", applicationPassword: "salah" }),
        outgoingPost(),
      ),
    );
    expect(error).toMatchObject({
      failure: "reconnect",
      code: "wordpress:incorrect_password",
      message: "WordPress: The provided password is an invalid application password.",
    });
  });

  it("a server error (500) is transient", async () => {
    world.sandbox.control.addFault({
      platform: "wordpress",
      method: "POST",
      path: "/wp-json/wp/v2/posts",
      status: 500,
    });
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({ failure: "transient", code: "wordpress:internal_server_error" });
    expectAround(error.retryAt, Date.now() + 60_000);
  });

  it("a request that never answers is transient once the timeout passes, without hanging", async () => {
    world.sandbox.control.addFault({
      platform: "wordpress",
      method: "POST",
      path: "/wp-json/wp/v2/posts",
      timeout: true,
    });
    const started = Date.now();
    const error = await channelErrorOf(adapter.publish(target(), outgoingPost()));
    expect(error).toMatchObject({ failure: "transient", code: "wordpress:timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a file type the site refuses is permanent, even though WordPress answers 500", async () => {
    const error = await channelErrorOf(
      adapter.publish(target(), outgoingPost({ media: [world.media("halaman.html")] })),
    );
    expect(error).toMatchObject({ failure: "permanent", code: "wordpress:rest_upload_sideload_error" });
    expect(published().posts).toEqual([]);
  });

  it("an unknown post (404) is permanent", async () => {
    const error = await channelErrorOf(adapter.update!(target(), "999", outgoingPost()));
    expect(error).toMatchObject({ failure: "permanent", code: "wordpress:rest_post_invalid_id" });
  });

  it("a site that moved (301) is refused with its new address, never followed with the post", async () => {
    let requests = 0;
    const moved = http.createServer((_req, res) => {
      requests += 1;
      res.writeHead(301, { location: "https://humas.sanggau.go.id/wp-json/wp/v2/posts" }).end();
    });
    await new Promise<void>((resolve) => moved.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(moved.address() as AddressInfo).port}`;
      const error = await channelErrorOf(adapter.publish({ ...target(), settings: { baseUrl } }, outgoingPost()));
      expect(error).toMatchObject({
        failure: "permanent",
        code: "wordpress:redirect",
        message: expect.stringContaining("https://humas.sanggau.go.id/"),
      });
      expect(requests).toBe(1);
    } finally {
      await new Promise((resolve) => moved.close(resolve));
    }
  });

  it("a 5xx leaves unknown whether the site stored the post; a 429 does not", async () => {
    world.sandbox.control.addFault({
      platform: "wordpress",
      method: "POST",
      path: "/wp-json/wp/v2/posts",
      status: 503,
      times: 1,
    });
    expect(await channelErrorOf(adapter.publish(target(), outgoingPost()))).toMatchObject({
      failure: "transient",
      outcomeUnknown: true,
    });
    world.sandbox.control.addFault({
      platform: "wordpress",
      method: "POST",
      path: "/wp-json/wp/v2/posts",
      status: 429,
      times: 1,
    });
    expect(await channelErrorOf(adapter.publish(target(), outgoingPost()))).toMatchObject({
      failure: "transient",
      outcomeUnknown: false,
    });
  });
});

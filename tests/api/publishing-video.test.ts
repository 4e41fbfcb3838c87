import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../helpers/client.js";
import { webhooksFiled } from "../helpers/inbox.js";
import {
  publishNow as submit,
  startPublishingSiar,
  tickUntilSettled as settle,
  uploadMedia,
} from "../helpers/publishing.js";
import type { TestSiar } from "../helpers/siar.js";

// A video post through the whole publishing path against the platform sandbox: the website,
// a Facebook Page video and a WordPress video block; a correction, a withdrawal, and the video
// a dead worker made found again instead of posted twice.

let siar: TestSiar;
let humas: ApiClient;
let channels: Record<string, string>;
let kabupatenId: string;

beforeAll(async () => {
  ({ siar, humas, channels, kabupatenId } = await startPublishingSiar());
});
afterAll(async () => siar?.close());

const sandbox = () => siar.services.sandbox!.control;

/** An MP4 as the upload check reads it: an "ftyp" box at offset 4. */
const MP4_BYTES = Buffer.concat([Buffer.from("\0\0\0\x18ftypmp42"), Buffer.alloc(4096, 7)]);

async function upload(bytes: Buffer, type: string, name: string) {
  const uploaded = await uploadMedia(siar, humas, kabupatenId, { bytes, type, name });
  expect(uploaded.status).toBe(201);
  return uploaded.body as { id: string; kind: string; url: string };
}

let serial = 0;
function postBody(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    unitId: kabupatenId,
    title: `Video banjir ${serial}`,
    body: `Kondisi banjir di Kecamatan Kapuas pagi ini, video nomor ${serial}.`,
    hashtags: [],
    channelIds: [channels.website, channels.facebook, channels.wordpress],
    ...overrides,
  };
}

const publishNow = (body: Record<string, unknown>) => submit(humas, body);
const tickUntilSettled = (postId: string) => settle(siar, humas, postId);

type Delivery = {
  status: string;
  remoteId: string | null;
  remoteUrl: string | null;
  lastErrorMessage: string | null;
  channel: { kind: string };
};
const deliveryOn = (post: { deliveries: Delivery[] }, kind: string) =>
  post.deliveries.find((d) => d.channel.kind === kind)!;
const videosWith = (body: string) =>
  sandbox()
    .published()
    .facebook.videos.filter((v) => v.description?.includes(body));
const wordpressContent = (remoteId: string) =>
  siar.services.sandbox!.state.wordpress.posts.get(Number(remoteId))?.content ?? "";

describe("a video post", () => {
  it("files citizens' comments on the Page video under that post, by webhook and by polling alike", async () => {
    const video = await upload(MP4_BYTES, "video/mp4", "jembatan.mp4");
    const post = await publishNow(postBody({ mediaIds: [video.id], channelIds: [channels.facebook] }));
    const videoId = deliveryOn(await tickUntilSettled(post.id), "facebook").remoteId!;
    const feedPostId = `${siar.services.sandbox!.credentials.graph.pageId}_${videoId}`;

    // The webhook names the video's feed post; the delivery holds the video id.
    const [byWebhook] = sandbox().injectFacebookComments({
      postId: feedPostId,
      texts: ["Jembatan gantung di Kapuas retak, mohon dicek"],
    });
    await webhooksFiled(siar);
    const filed = await siar.services.prisma.inboxItem.findUniqueOrThrow({
      where: { source_platformId: { source: "facebook_comment", platformId: byWebhook!.id } },
    });
    expect(filed).toMatchObject({ postId: post.id, postRemoteId: feedPostId });

    // Polling reads the video's comments by its id and files them in the same thread.
    const { adapterFor } = await import("@server/channels/index.js");
    const { targetOf } = await import("@server/channels/target.js");
    const channel = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: channels.facebook } });
    const polled = await adapterFor("facebook").fetchIncoming!(targetOf(siar.services, channel), "comments", null, {
      recentPostIds: [videoId],
    });
    expect(polled.messages.find((m) => m.platformId === byWebhook!.id)).toMatchObject({
      postRemoteId: feedPostId,
      threadKey: feedPostId,
    });
  });

  it("goes to the website, as a Page video to Facebook and in a video block to WordPress, each once", async () => {
    const video = await upload(MP4_BYTES, "video/mp4", "banjir.mp4");
    expect(video.kind).toBe("video");
    const post = await publishNow(postBody({ mediaIds: [video.id] }));
    const done = await tickUntilSettled(post.id);
    expect(done.deliveries.map((d: Delivery) => [d.channel.kind, d.status, d.lastErrorMessage])).toEqual([
      ["website", "published", null],
      ["facebook", "published", null],
      ["wordpress", "published", null],
    ]);

    const facebook = deliveryOn(done, "facebook");
    const [made] = videosWith(post.body);
    expect(videosWith(post.body)).toHaveLength(1);
    expect(made).toMatchObject({
      id: facebook.remoteId,
      title: post.title,
      fileUrl: video.url,
      contentType: "video/mp4",
      bytes: MP4_BYTES.length,
    });
    expect(facebook.remoteUrl).toBe(
      `https://www.facebook.com/${siar.services.sandbox!.credentials.graph.pageId}/videos/${facebook.remoteId}/`,
    );

    const wordpress = deliveryOn(done, "wordpress");
    const uploaded = sandbox()
      .published()
      .wordpress.media.filter((m) => m.mimeType === "video/mp4");
    expect(uploaded.at(-1)).toMatchObject({ filename: expect.stringMatching(/\.mp4$/), bytes: MP4_BYTES.length });
    expect(wordpressContent(wordpress.remoteId!)).toContain(`<!-- wp:video {"id":${uploaded.at(-1)!.id}} -->`);
    expect(
      sandbox()
        .published()
        .wordpress.posts.find((p) => p.id === Number(wordpress.remoteId)),
    ).toMatchObject({ featuredMedia: 0 });

    // More ticks send nothing again.
    await siar.worker.tick();
    expect(videosWith(post.body)).toHaveLength(1);
  });

  it("is refused for Facebook and WordPress together with an image, on the media field", async () => {
    const video = await upload(MP4_BYTES, "video/mp4", "banjir.mp4");
    const { PNG_BYTES } = await import("../sandbox/helpers.js");
    const image = await upload(PNG_BYTES, "image/png", "poster.png");
    const response = await humas.post("/api/posts", postBody({ mediaIds: [video.id, image.id] }));
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([
      expect.objectContaining({
        channel: "facebook",
        field: "media",
        code: "mixed_media",
        message: "Facebook tidak menerima gambar dan video dalam satu unggahan.",
      }),
      expect.objectContaining({ channel: "wordpress", field: "media", code: "mixed_media" }),
    ]);
  });

  it("is corrected on Facebook (the video's description) and WordPress (keeping the video), then withdrawn", async () => {
    const video = await upload(MP4_BYTES, "video/mp4", "banjir.mp4");
    const post = await publishNow(postBody({ mediaIds: [video.id] }));
    const done = await tickUntilSettled(post.id);
    const videoId = deliveryOn(done, "facebook").remoteId!;
    const wordpressId = deliveryOn(done, "wordpress").remoteId!;

    const corrected = "Ralat: video banjir diambil di Kecamatan Kapuas, bukan Parindu.";
    const response = await humas.patch(`/api/posts/${post.id}/published`, { body: corrected });
    expect(response.status).toBe(200);
    expect(
      Object.fromEntries(response.body.channels.map((c: { kind: string; outcome: string }) => [c.kind, c.outcome])),
    ).toEqual({ website: "done", facebook: "done", wordpress: "done" });
    expect(
      sandbox()
        .published()
        .facebook.videos.find((v) => v.id === videoId)?.description,
    ).toContain("Ralat: video banjir");
    expect(wordpressContent(wordpressId)).toMatch(/^<p>Ralat: video banjir[\s\S]*<!-- wp:video \{"id":\d+\} -->/);

    const withdrawn = await humas.post(`/api/posts/${post.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.post.deliveries.map((d: { status: string }) => d.status)).toEqual([
      "removed",
      "removed",
      "removed",
    ]);
    expect(
      sandbox()
        .published()
        .facebook.videos.some((v) => v.id === videoId),
    ).toBe(false);
  });

  it("is found among the Page's videos after a worker died mid-publish, instead of posted again", async () => {
    const video = await upload(MP4_BYTES, "video/mp4", "banjir.mp4");
    const post = await publishNow(postBody({ mediaIds: [video.id], channelIds: [channels.facebook] }));
    const { adapterFor } = await import("@server/channels/index.js");
    const { targetOf } = await import("@server/channels/target.js");
    const { deliveryInclude, outgoingPost } = await import("@server/publishing/outgoing.js");
    // The dead worker's call went through: the Page has the video, Siar has no record of it.
    const delivery = await siar.services.prisma.delivery.findUniqueOrThrow({
      where: { id: post.deliveries[0].id },
      include: deliveryInclude,
    });
    await adapterFor("facebook").publish(
      targetOf(siar.services, delivery.channel),
      outgoingPost(siar.services, delivery),
    );
    await siar.services.prisma.delivery.update({
      where: { id: delivery.id },
      data: {
        status: "in_flight",
        attempts: 1,
        leaseOwner: "dead-worker",
        leaseExpiresAt: new Date(Date.now() - 1000),
        attemptStartedAt: new Date(Date.now() - 5000),
      },
    });
    await siar.services.prisma.post.update({ where: { id: post.id }, data: { status: "publishing" } });
    expect(videosWith(post.body)).toHaveLength(1);

    const done = await tickUntilSettled(post.id);
    expect(done.status).toBe("published");
    expect(done.deliveries[0]).toMatchObject({ status: "published", remoteId: videosWith(post.body)[0]!.id });
    expect(videosWith(post.body)).toHaveLength(1);
  });
});

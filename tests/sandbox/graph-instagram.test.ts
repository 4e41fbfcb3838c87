import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "@server/sandbox/index";
import {
  controlClient,
  graphClient,
  publishInstagramImage,
  startMediaHost,
  startTestSandbox,
  type TestServer,
  waitForContainer,
} from "./helpers";

let sandbox: Sandbox;
let media: TestServer;
let graph: ReturnType<typeof graphClient>;
let igUserId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  media = await startMediaHost();
  graph = graphClient(sandbox);
  igUserId = sandbox.credentials.graph.igUserId;
});
afterAll(async () => {
  await sandbox.close();
  await media.close();
});
beforeEach(() => sandbox.control.reset());

const waitFor = (id: string) => waitForContainer(graph, id);
const publishImage = (caption: string) => publishInstagramImage(sandbox, `${media.url}/pengumuman.png`, caption);

describe("Content publishing (https://developers.facebook.com/docs/instagram-platform/content-publishing)", () => {
  it("container from image_url, status_code IN_PROGRESS then FINISHED, then media_publish returns the media id", async () => {
    const container = await graph.post(`${igUserId}/media`, {
      image_url: `${media.url}/pengumuman.png`,
      caption: "Pengumuman #Sanggau",
    });
    expect(container.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
    const first = await graph.get(container.body.id, { fields: "status_code,status" });
    expect(first.body).toMatchObject({ id: container.body.id, status_code: "IN_PROGRESS" });
    expect(await waitFor(container.body.id)).toBe("FINISHED");

    const published = await graph.post(`${igUserId}/media_publish`, { creation_id: container.body.id });
    const read = await graph.get(published.body.id, {
      fields: "id,caption,permalink,timestamp,media_type,media_url,comments_count,like_count",
    });
    expect(read.body).toEqual({
      id: published.body.id,
      caption: "Pengumuman #Sanggau",
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[\w-]+\/$/),
      timestamp: expect.stringMatching(/\+0000$/),
      media_type: "IMAGE",
      media_url: `${media.url}/pengumuman.png`,
      comments_count: 0,
      like_count: 0,
    });
    expect((await graph.get(container.body.id, { fields: "status_code" })).body.status_code).toBe("PUBLISHED");
  });

  // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes
  it("media_publish before the container is FINISHED fails with code 9007 subcode 2207027", async () => {
    const container = await graph.post(`${igUserId}/media`, { image_url: `${media.url}/pengumuman.png` });
    const early = await graph.post(`${igUserId}/media_publish`, { creation_id: container.body.id });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({
      code: 9007,
      error_subcode: 2207027,
      error_user_msg: expect.stringContaining("not ready"),
    });
  });

  it("a media URL that is not an image, or cannot be fetched, leaves the container in ERROR and publishing fails", async () => {
    for (const path of ["/page.html", "/missing.png"]) {
      const container = await graph.post(`${igUserId}/media`, { image_url: `${media.url}${path}` });
      expect(await waitFor(container.body.id)).toBe("ERROR");
      const status = await graph.get(container.body.id, { fields: "status" });
      expect(status.body.status).toMatch(/^Error: /);
      const publish = await graph.post(`${igUserId}/media_publish`, { creation_id: container.body.id });
      expect(publish.body.error).toMatchObject({ code: 9004, error_subcode: 2207052 });
    }
  });

  it("a video needs video_url with media_type REELS and is published as a reel", async () => {
    const missing = await graph.post(`${igUserId}/media`, {
      media_type: "REELS",
      image_url: `${media.url}/pengumuman.png`,
    });
    expect(missing.body.error).toMatchObject({ code: 100 });

    const container = await graph.post(`${igUserId}/media`, {
      media_type: "REELS",
      video_url: `${media.url}/video.mp4`,
      caption: "Video banjir",
    });
    expect(await waitFor(container.body.id)).toBe("FINISHED");
    const published = await graph.post(`${igUserId}/media_publish`, { creation_id: container.body.id });
    expect((await graph.get(published.body.id, { fields: "media_type,media_product_type" })).body).toMatchObject({
      media_type: "VIDEO",
      media_product_type: "REELS",
    });
  });

  it("a container not published within 24 hours is EXPIRED", async () => {
    const container = await graph.post(`${igUserId}/media`, { image_url: `${media.url}/pengumuman.png` });
    await waitFor(container.body.id);
    sandbox.control.advanceClock(25 * 60 * 60 * 1000);
    expect(await waitFor(container.body.id)).toBe("EXPIRED");
    expect(
      (await graph.post(`${igUserId}/media_publish`, { creation_id: container.body.id })).body.error.error_subcode,
    ).toBe(2207020);
  });
});

// https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
describe("Listing media (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media#reading)", () => {
  it("GET /{ig-user-id}/media lists published media newest first with cursor paging, narrowed by since", async () => {
    const older = await publishImage("Lama");
    sandbox.control.advanceClock(60 * 60 * 1000);
    const since = Math.floor(sandbox.state.now() / 1000);
    const newer = [await publishImage("Baru 1"), await publishImage("Baru 2")];

    const firstPage = await graph.get(`${igUserId}/media`, { fields: "id,caption,timestamp,permalink", limit: "2" });
    expect(firstPage.body.data.map((m: { id: string }) => m.id)).toEqual([newer[1], newer[0]]);
    expect(firstPage.body.data[0]).toEqual({
      id: newer[1],
      caption: "Baru 2",
      timestamp: expect.stringMatching(/\+0000$/),
      permalink: expect.stringContaining("https://www.instagram.com/p/"),
    });
    const secondPage = await graph.fetchUrl(firstPage.body.paging.next);
    expect(secondPage.body.data.map((m: { id: string }) => m.id)).toEqual([older]);

    const recent = await graph.get(`${igUserId}/media`, { since: String(since) });
    expect(recent.body.data.map((m: { id: string }) => m.id)).toEqual([newer[1], newer[0]]);
  });
});

describe("Publishing limit", () => {
  it("content_publishing_limit reports quota_usage and config {quota_total, quota_duration}", async () => {
    await publishImage("Satu");
    const limit = await graph.get(`${igUserId}/content_publishing_limit`, { fields: "config,quota_usage" });
    expect(limit.body).toEqual({ data: [{ config: { quota_total: 100, quota_duration: 86400 }, quota_usage: 1 }] });
  });

  it("past the limit (set through the control API) media_publish fails with code 9 subcode 2207042", async () => {
    const put = await controlClient(sandbox).put("/instagram/publishing-limit", { quotaTotal: 1 });
    expect(put.status).toBe(204);
    await publishImage("Pertama");

    const container = await graph.post(`${igUserId}/media`, { image_url: `${media.url}/pengumuman.png` });
    await waitFor(container.body.id);
    const over = await graph.post(`${igUserId}/media_publish`, { creation_id: container.body.id });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 9, error_subcode: 2207042 });
    expect(
      (await graph.get(`${igUserId}/content_publishing_limit`, { fields: "config,quota_usage" })).body.data[0],
    ).toMatchObject({ quota_usage: 1, config: { quota_total: 1 } });
  });
});

describe("Comments (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments)", () => {
  it("GET /{ig-media-id}/comments lists citizens' comments newest first with the requested fields", async () => {
    const mediaId = await publishImage("Info jalan rusak");
    const injected = sandbox.control.injectInstagramComments({
      mediaId,
      texts: ["jln rusak parah", "kpn diperbaiki?"],
    });
    const comments = await graph.get(`${mediaId}/comments`, { fields: "id,text,timestamp,from,media" });
    expect(comments.body.data.map((c: { text: string }) => c.text)).toEqual(["kpn diperbaiki?", "jln rusak parah"]);
    expect(comments.body.data[0]).toMatchObject({
      id: injected[1]!.id,
      from: { id: injected[1]!.from.id, username: injected[1]!.from.username },
      media: { id: mediaId },
    });
    expect((await graph.get(mediaId, { fields: "comments_count" })).body.comments_count).toBe(2);
  });

  // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies
  it("POST /{ig-comment-id}/replies answers a top-level comment; replying to a reply is refused", async () => {
    const mediaId = await publishImage("Info PDAM");
    const [comment] = sandbox.control.injectInstagramComments({ mediaId, texts: ["air PDAM keruh"] });
    const reply = await graph.post(`${comment!.id}/replies`, { message: "Sudah kami sampaikan ke PDAM" });
    expect(reply.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
    const replies = await graph.get(`${comment!.id}/replies`, { fields: "text,username" });
    expect(replies.body.data).toEqual([
      { id: reply.body.id, text: "Sudah kami sampaikan ke PDAM", username: "diskominfo.sanggau" },
    ]);

    const nested = await graph.post(`${reply.body.id}/replies`, { message: "balasan bertingkat" });
    expect(nested.status).toBe(400);
    expect(nested.body.error.code).toBe(100);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "@server/sandbox/index";
import { graphClient, startMediaHost, startTestSandbox, type TestServer } from "./helpers";

let sandbox: Sandbox;
let media: TestServer;
let graph: ReturnType<typeof graphClient>;
let pageId: string;
const HOUR_S = 3600;

beforeAll(async () => {
  sandbox = await startTestSandbox({ config: { graphAppCallsPerHour: 1000 } });
  media = await startMediaHost();
  graph = graphClient(sandbox);
  pageId = sandbox.credentials.graph.pageId;
});
afterAll(async () => {
  await sandbox.close();
  await media.close();
});
beforeEach(() => sandbox.control.reset());

const nowSeconds = () => Math.floor(sandbox.state.now() / 1000);

describe("Page posts (https://developers.facebook.com/docs/pages-api/posts)", () => {
  it("POST /{page-id}/feed publishes a post whose id is {page-id}_{post-id}, readable with ?fields", async () => {
    const created = await graph.post(`${pageId}/feed`, {
      message: "Pengumuman: pelayanan KTP buka Sabtu",
      link: "https://sanggau.go.id/berita/1",
    });
    expect(created.status).toBe(200);
    expect(created.body.id).toMatch(new RegExp(`^${pageId}_\\d+$`));

    const read = await graph.get(created.body.id, { fields: "id,message,link,permalink_url,is_published,from" });
    expect(read.body).toMatchObject({
      id: created.body.id,
      message: "Pengumuman: pelayanan KTP buka Sabtu",
      link: "https://sanggau.go.id/berita/1",
      is_published: true,
      from: { id: pageId, name: "Diskominfo Kabupaten Sanggau" },
    });
    expect(sandbox.control.published().facebook.posts).toHaveLength(1);
  });

  it("a post needs a message or a link, else error 100", async () => {
    const response = await graph.post(`${pageId}/feed`, {});
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ type: "OAuthException", code: 100 });
    expect(response.body.error.fbtrace_id).toEqual(expect.any(String));
  });

  // https://developers.facebook.com/docs/graph-api/reference/page/feed#publish (scheduled_publish_time: 10 minutes to 75 days ahead)
  it("published=false with scheduled_publish_time schedules a post that goes live at that time", async () => {
    const scheduled = await graph.post(`${pageId}/feed`, {
      message: "Jadwal vaksinasi",
      published: "false",
      scheduled_publish_time: String(nowSeconds() + HOUR_S),
    });
    expect(scheduled.status).toBe(200);
    expect((await graph.get(`${pageId}/scheduled_posts`)).body.data.map((p: { id: string }) => p.id)).toEqual([
      scheduled.body.id,
    ]);
    expect((await graph.get(`${pageId}/feed`)).body.data).toEqual([]);

    sandbox.control.advanceClock(2 * HOUR_S * 1000);
    expect((await graph.get(`${pageId}/feed`)).body.data.map((p: { id: string }) => p.id)).toEqual([scheduled.body.id]);
  });

  it("a scheduled time under 10 minutes or over 75 days ahead, or on a published post, is error 100", async () => {
    for (const params of [
      { published: false, scheduled_publish_time: nowSeconds() + 5 * 60 },
      { published: false, scheduled_publish_time: nowSeconds() + 80 * 24 * HOUR_S },
      { published: true, scheduled_publish_time: nowSeconds() + HOUR_S },
    ]) {
      const response = await graph.post(`${pageId}/feed`, { message: "x", ...params });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(100);
    }
  });

  // https://developers.facebook.com/docs/graph-api/reference/page/photos#upload
  it("POST /{page-id}/photos fetches the url and returns {id, post_id}; a non-image url is error 324", async () => {
    const photo = await graph.post(`${pageId}/photos`, {
      url: `${media.url}/pengumuman.png`,
      caption: "Banjir di Kapuas",
    });
    expect(photo.status).toBe(200);
    expect(photo.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      post_id: expect.stringMatching(new RegExp(`^${pageId}_`)),
    });
    const post = await graph.get(photo.body.post_id, { fields: "message,full_picture" });
    expect(post.body).toMatchObject({ message: "Banjir di Kapuas", full_picture: `${media.url}/pengumuman.png` });

    for (const url of [`${media.url}/page.html`, `${media.url}/missing.png`]) {
      const rejected = await graph.post(`${pageId}/photos`, { url });
      expect(rejected.status).toBe(400);
      expect(rejected.body.error.code).toBe(324);
    }
  });

  it("a photo can be uploaded as multipart `source`", async () => {
    const form = new FormData();
    form.append("caption", "Foto kegiatan");
    form.append("source", new Blob([Buffer.from("\x89PNG fake")], { type: "image/png" }), "kegiatan.png");
    const photo = await graph.postForm(`${pageId}/photos`, form);
    expect(photo.status).toBe(200);
    expect(photo.body.post_id).toBeDefined();
  });

  // https://developers.facebook.com/docs/pages-api/posts#update-a-post, #delete-a-post
  it("POST /{post-id} updates the message and DELETE /{post-id} removes the post, both answering {success:true}", async () => {
    const { body: created } = await graph.post(`${pageId}/feed`, { message: "Salah ketik" });
    expect((await graph.post(created.id, { message: "Sudah diperbaiki" })).body).toEqual({ success: true });
    expect((await graph.get(created.id, { fields: "message" })).body.message).toBe("Sudah diperbaiki");

    expect((await graph.delete(created.id)).body).toEqual({ success: true });
    const gone = await graph.get(created.id);
    expect(gone.body.error).toMatchObject({ code: 100, error_subcode: 33, type: "GraphMethodException" });
  });
});

describe("Multi-photo posts (https://developers.facebook.com/docs/pages-api/posts#publish-a-multi-photo-post)", () => {
  it("photos uploaded with published=false are not posted, and attached_media on /feed makes one post carrying them all", async () => {
    const uploads = [];
    for (const name of ["pengumuman.png", "pengumuman.png"])
      uploads.push(await graph.post(`${pageId}/photos`, { url: `${media.url}/${name}`, published: "false" }));
    expect(uploads.map((u) => u.body)).toEqual([
      { id: expect.stringMatching(/^\d+$/) },
      { id: expect.stringMatching(/^\d+$/) },
    ]);
    expect((await graph.get(`${pageId}/feed`)).body.data).toEqual([]);

    const post = await graph.post(`${pageId}/feed`, {
      message: "Dokumentasi rapat",
      attached_media: uploads.map((u) => ({ media_fbid: u.body.id })),
    });
    expect(post.status).toBe(200);
    expect((await graph.get(post.body.id, { fields: "message,full_picture" })).body).toMatchObject({
      message: "Dokumentasi rapat",
      full_picture: `${media.url}/pengumuman.png`,
    });
    expect(sandbox.control.published().facebook.posts[0]!.photoUrls).toHaveLength(2);
  });

  it("attached_media also arrives form-encoded as attached_media[0]; an unknown or already attached photo is error 100", async () => {
    const upload = await graph.post(`${pageId}/photos`, { url: `${media.url}/pengumuman.png`, published: false });
    const form = new FormData();
    form.append("message", "Satu foto");
    form.append("attached_media[0]", JSON.stringify({ media_fbid: upload.body.id }));
    expect((await graph.postForm(`${pageId}/feed`, form)).status).toBe(200);

    const again = await graph.post(`${pageId}/feed`, {
      message: "Lagi",
      attached_media: [{ media_fbid: upload.body.id }],
    });
    expect(again.body.error).toMatchObject({ code: 100 });
  });
});

describe("Page videos (https://developers.facebook.com/docs/video-api/guides/publishing, /docs/graph-api/reference/page/videos)", () => {
  const publishVideo = async (description: string, title = "Video kegiatan") => {
    const created = await graph.post(`${pageId}/videos`, { file_url: `${media.url}/video.mp4`, title, description });
    expect(created.status).toBe(200);
    return created.body.id as string;
  };

  it("POST /{page-id}/videos fetches file_url and answers only {id}; the video is a Video node and a post in the feed", async () => {
    const created = await graph.post(`${pageId}/videos`, {
      file_url: `${media.url}/video.mp4`,
      title: "Banjir Kapuas",
      description: "Kondisi banjir pagi ini",
    });
    expect(created.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
    const videoId = created.body.id;

    // https://developers.facebook.com/docs/graph-api/reference/video (fields)
    const read = await graph.get(videoId, { fields: "id,title,description,permalink_url,created_time,from,published" });
    expect(read.body).toEqual({
      id: videoId,
      title: "Banjir Kapuas",
      description: "Kondisi banjir pagi ini",
      permalink_url: `/${pageId}/videos/${videoId}/`,
      created_time: expect.stringMatching(/\+0000$/),
      from: { id: pageId, name: "Diskominfo Kabupaten Sanggau" },
      published: true,
    });
    expect(sandbox.control.published().facebook.videos).toEqual([
      expect.objectContaining({
        id: videoId,
        postId: `${pageId}_${videoId}`,
        fileUrl: `${media.url}/video.mp4`,
        contentType: "video/mp4",
        bytes: 2048,
      }),
    ]);
    const feed = await graph.get(`${pageId}/feed`, { fields: "id,message" });
    expect(feed.body.data).toEqual([{ id: `${pageId}_${videoId}`, message: "Kondisi banjir pagi ini" }]);
  });

  // https://developers.facebook.com/docs/video-api/reference/error-codes; 352 is Graph's answer for a file that is no video.
  it("a file_url that cannot be fetched is error 6000, one that is no video is (#352); neither makes a video", async () => {
    const missing = await graph.post(`${pageId}/videos`, { file_url: `${media.url}/missing.mp4`, description: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 6000,
      message: "There was a problem uploading your video file. Please try again with another file.",
    });
    const html = await graph.post(`${pageId}/videos`, { file_url: `${media.url}/page.html`, description: "x" });
    expect(html.body.error).toMatchObject({
      type: "OAuthException",
      code: 352,
      message: "(#352) Sorry, the video file you selected is in a format that we don't support.",
    });
    expect((await graph.post(`${pageId}/videos`, { description: "tanpa berkas" })).body.error).toMatchObject({
      code: 100,
    });
    expect(sandbox.control.published().facebook.videos).toEqual([]);
    expect(sandbox.control.published().facebook.posts).toEqual([]);
  });

  it("GET /{page-id}/videos lists the Page's uploaded videos newest first with cursor paging; type=tagged lists none here", async () => {
    const first = await publishVideo("Pertama");
    sandbox.control.advanceClock(60_000);
    const second = await publishVideo("Kedua");
    const page1 = await graph.get(`${pageId}/videos`, {
      type: "uploaded",
      fields: "id,description,created_time",
      limit: "1",
    });
    expect(page1.body.data).toEqual([{ id: second, description: "Kedua", created_time: expect.any(String) }]);
    const page2 = await graph.fetchUrl(page1.body.paging.next);
    expect(page2.body.data.map((v: { id: string }) => v.id)).toEqual([first]);
    expect(page2.body.paging.next).toBeUndefined();
    expect((await graph.get(`${pageId}/videos`, { type: "tagged" })).body.data).toEqual([]);
    expect((await graph.get(`${pageId}/videos`, { type: "semua" })).body.error).toMatchObject({ code: 100 });
  });

  // https://developers.facebook.com/docs/graph-api/reference/video#Updating, #Deleting
  it("POST /{video-id} updates description and name; DELETE /{video-id} removes the video and its feed post", async () => {
    const videoId = await publishVideo("Salah ketik");
    expect((await graph.post(videoId, { description: "Sudah diperbaiki", name: "Judul baru" })).body).toEqual({
      success: true,
    });
    expect((await graph.get(videoId, { fields: "description,title" })).body).toEqual({
      id: videoId,
      description: "Sudah diperbaiki",
      title: "Judul baru",
    });
    expect((await graph.get(`${pageId}_${videoId}`, { fields: "message" })).body.message).toBe("Sudah diperbaiki");
    expect((await graph.post(videoId, {})).body.error).toMatchObject({ code: 100 });

    expect((await graph.delete(videoId)).body).toEqual({ success: true });
    expect((await graph.get(videoId)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await graph.get(`${pageId}_${videoId}`)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it("a video's comments edge lists the comments on its post and takes the Page's replies", async () => {
    const videoId = await publishVideo("Video banjir");
    const [comment] = sandbox.control.injectFacebookComments({
      postId: `${pageId}_${videoId}`,
      texts: ["Jalan ke Sungai Mawang masih tergenang"],
    });
    const listed = await graph.get(`${videoId}/comments`, {
      filter: "stream",
      order: "reverse_chronological",
      fields: "id,message,from,parent{id}",
    });
    expect(listed.body.data).toEqual([
      { id: comment!.id, message: "Jalan ke Sungai Mawang masih tergenang", from: comment!.from },
    ]);
    const reply = await graph.post(`${videoId}/comments`, { message: "Terima kasih, tim sudah di lokasi." });
    expect(reply.body).toEqual({ id: expect.any(String) });
    expect((await graph.get(`${videoId}/comments`)).body.data).toHaveLength(2);
  });

  // https://developers.facebook.com/docs/graph-api/reference/object/reactions, /object/comments (summary); /docs/video-api/guides/insights
  it("reactions and comments summaries, and lifetime total_video_views on /video_insights; a Video has no shares field", async () => {
    const videoId = await publishVideo("Video posyandu");
    sandbox.control.setEngagement(`${pageId}_${videoId}`, { likes: 9, comments: 1, views: 250, reach: 180 });
    sandbox.control.injectFacebookComments({ postId: `${pageId}_${videoId}`, count: 2 });
    const counts = await graph.get(videoId, {
      fields: "reactions.limit(0).summary(total_count),comments.limit(0).summary(total_count)",
    });
    expect(counts.body).toEqual({
      id: videoId,
      reactions: { data: [], summary: { total_count: 9, viewer_reaction: "NONE" } },
      comments: { data: [], summary: { total_count: 3, order: "ranked", can_comment: true } },
    });
    expect((await graph.get(videoId, { fields: "shares" })).body.error).toMatchObject({ code: 100 });

    const insights = await graph.get(`${videoId}/video_insights`, {
      metric: "total_video_views,total_video_views_unique",
    });
    expect(insights.body.data).toEqual([
      expect.objectContaining({
        name: "total_video_views",
        period: "lifetime",
        values: [{ value: 250 }],
        id: `${videoId}/video_insights/total_video_views/lifetime`,
      }),
      expect.objectContaining({ name: "total_video_views_unique", period: "lifetime", values: [{ value: 180 }] }),
    ]);
    expect((await graph.get(`${videoId}/video_insights`, { metric: "post_impressions" })).body.error).toMatchObject({
      code: 100,
    });
    expect((await graph.get(`${videoId}/insights`, { metric: "post_impressions" })).body.error).toMatchObject({
      code: 100,
    });
  });
});

describe("Listing Page posts (https://developers.facebook.com/docs/graph-api/reference/page/feed#read)", () => {
  it("/feed and /published_posts list newest first, narrowed by since/until (Unix seconds or a date), with cursor paging", async () => {
    const first = await graph.post(`${pageId}/feed`, { message: "Pertama" });
    sandbox.control.advanceClock(HOUR_S * 1000);
    const since = nowSeconds();
    const second = await graph.post(`${pageId}/feed`, { message: "Kedua" });
    const third = await graph.post(`${pageId}/feed`, { message: "Ketiga" });

    const all = await graph.get(`${pageId}/feed`, { fields: "id,message,created_time,permalink_url" });
    expect(all.body.data.map((p: { id: string }) => p.id)).toEqual([third.body.id, second.body.id, first.body.id]);
    expect(all.body.data[0].permalink_url).toMatch(/^https:\/\/www\.facebook\.com\/\d+\/posts\/\d+$/);

    const recent = await graph.get(`${pageId}/published_posts`, { since: String(since) });
    expect(recent.body.data.map((p: { message: string }) => p.message)).toEqual(["Ketiga", "Kedua"]);
    const older = await graph.get(`${pageId}/feed`, { until: new Date(since * 1000 - 1).toISOString() });
    expect(older.body.data.map((p: { message: string }) => p.message)).toEqual(["Pertama"]);

    const firstPage = await graph.get(`${pageId}/feed`, { since: String(since), limit: "1" });
    expect(firstPage.body.data.map((p: { message: string }) => p.message)).toEqual(["Ketiga"]);
    const nextPage = await graph.fetchUrl(firstPage.body.paging.next);
    expect(nextPage.body.data.map((p: { message: string }) => p.message)).toEqual(["Kedua"]);
    expect(nextPage.body.paging.next).toBeUndefined();

    expect((await graph.get(`${pageId}/feed`, { since: "kemarin sore" })).body.error).toMatchObject({ code: 100 });
  });
});

describe("Comments (https://developers.facebook.com/docs/graph-api/reference/object/comments)", () => {
  // https://developers.facebook.com/docs/graph-api/results (cursor-based pagination)
  it("GET /{post-id}/comments pages with cursors.before/after and a paging.next URL", async () => {
    const { body: post } = await graph.post(`${pageId}/feed`, { message: "Info banjir" });
    const injected = sandbox.control.injectFacebookComments({ postId: post.id, count: 23 });

    const seen: string[] = [];
    let page = await graph.get(`${post.id}/comments`, { limit: "10" });
    expect(page.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(page.body.data[0]).toEqual({
      id: injected[0]!.id,
      message: injected[0]!.message,
      from: injected[0]!.from,
      created_time: expect.stringMatching(/\+0000$/),
    });
    for (;;) {
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      if (!page.body.paging?.next) break;
      page = await graph.fetchUrl(page.body.paging.next);
    }
    expect(seen).toEqual(injected.map((c) => c.id));

    const after = await graph.get(`${post.id}/comments`, { limit: "5", after: page.body.paging.cursors.before });
    expect(after.body.data).toHaveLength(2);
  });

  it("POST /{comment-id}/comments replies as the Page; the reply is listed under the comment, not at top level", async () => {
    const { body: post } = await graph.post(`${pageId}/feed`, { message: "Info PDAM" });
    const [comment] = sandbox.control.injectFacebookComments({ postId: post.id, texts: ["Air mati di Sungai Mawang"] });
    const reply = await graph.post(`${comment!.id}/comments`, { message: "Terima kasih, sudah kami teruskan ke PDAM" });
    expect(reply.status).toBe(200);

    const replies = await graph.get(`${comment!.id}/comments`, { fields: "id,message,from,parent" });
    expect(replies.body.data).toEqual([
      {
        id: reply.body.id,
        message: "Terima kasih, sudah kami teruskan ke PDAM",
        from: { id: pageId, name: "Diskominfo Kabupaten Sanggau" },
        parent: { id: comment!.id },
      },
    ]);
    expect((await graph.get(`${post.id}/comments`)).body.data).toHaveLength(1);
    expect(
      (await graph.get(`${post.id}/comments`, { filter: "stream", summary: "true" })).body.summary.total_count,
    ).toBe(2);
  });
});

describe("Page messages (https://developers.facebook.com/docs/messenger-platform/conversations)", () => {
  it("lists conversations and messages, and answers with the Send API inside the 24-hour window", async () => {
    const [message] = sandbox.control.injectPageMessages({ texts: ["Selamat siang, kapan bansos cair?"] });
    const conversations = await graph.get(`${pageId}/conversations`, {
      platform: "messenger",
      fields: "id,participants,message_count",
    });
    expect(conversations.body.data).toHaveLength(1);
    const conversation = conversations.body.data[0];
    expect(conversation.participants.data[0].id).toBe(message!.from.id);

    const messages = await graph.get(`${conversation.id}/messages`, { fields: "message,from,created_time" });
    expect(messages.body.data[0]).toMatchObject({ message: "Selamat siang, kapan bansos cair?", from: message!.from });

    // https://developers.facebook.com/docs/messenger-platform/reference/send-api
    const sent = await graph.post("me/messages", {
      recipient: { id: message!.from.id },
      messaging_type: "RESPONSE",
      message: { text: "Bansos cair minggu depan." },
    });
    expect(sent.body).toEqual({ recipient_id: message!.from.id, message_id: expect.stringMatching(/^m_/) });
  });

  it("a RESPONSE outside the 24-hour window is error 10 / 2018278; an unknown recipient is 100 / 2018001", async () => {
    const [message] = sandbox.control.injectPageMessages({ count: 1 });
    sandbox.control.advanceClock(25 * HOUR_S * 1000);
    const late = await graph.post(`${pageId}/messages`, {
      recipient: { id: message!.from.id },
      messaging_type: "RESPONSE",
      message: { text: "Maaf terlambat" },
    });
    expect(late.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });

    const unknown = await graph.post(`${pageId}/messages`, {
      recipient: JSON.stringify({ id: "999" }),
      messaging_type: "RESPONSE",
      message: JSON.stringify({ text: "Halo" }),
    });
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 2018001 });
  });
});

describe("Errors (https://developers.facebook.com/docs/graph-api/guides/error-handling)", () => {
  it("missing, invalid, expired and revoked tokens get OAuthException 104 / 190 / 190-463 / 190-458", async () => {
    const { expiredPageAccessToken, revokedPageAccessToken } = sandbox.credentials.graph;
    const missing = await fetch(`${sandbox.url}/v21.0/${pageId}`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    expect(missing).toMatchObject({ status: 400, body: { error: { type: "OAuthException", code: 104 } } });

    const invalid = await graphClient(sandbox, "not-a-token").get(pageId);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ type: "OAuthException", code: 190 });
    expect(invalid.headers.get("www-authenticate")).toContain("invalid_token");

    expect((await graphClient(sandbox, expiredPageAccessToken).get(pageId)).body.error).toMatchObject({
      code: 190,
      error_subcode: 463,
    });
    expect((await graphClient(sandbox, revokedPageAccessToken).get(pageId)).body.error).toMatchObject({
      code: 190,
      error_subcode: 458,
    });
  });

  it("an unknown object id is code 100 subcode 33; an unknown field is code 100; extra path components are 2500", async () => {
    const unknown = await graph.get("123456789");
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: "GraphMethodException" });
    expect(unknown.body.error.message).toContain("Object with ID '123456789' does not exist");

    expect((await graph.get(pageId, { fields: "id,not_a_field" })).body.error).toMatchObject({ code: 100 });
    expect((await graph.get(`${pageId}/feed/extra`)).body.error).toMatchObject({ code: 2500 });
  });

  it("a malformed body gets a Graph error in JSON, never an HTML page", async () => {
    const { pageAccessToken } = sandbox.credentials.graph;
    const response = await fetch(`${sandbox.url}/v23.0/${pageId}/feed?access_token=${pageAccessToken}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.headers.get("content-type")).toContain("application/json");
    expect((await response.json()).error.code).toBe(100);
  });
});

describe("Rate limiting (https://developers.facebook.com/docs/graph-api/overview/rate-limiting)", () => {
  it("every response carries X-App-Usage and X-Business-Use-Case-Usage with the call share used", async () => {
    await graph.get(pageId);
    const response = await graph.get(pageId);
    const appUsage = JSON.parse(response.headers.get("x-app-usage")!);
    expect(appUsage).toEqual({
      call_count: expect.any(Number),
      total_cputime: expect.any(Number),
      total_time: expect.any(Number),
    });
    const businessUsage = JSON.parse(response.headers.get("x-business-use-case-usage")!);
    expect(businessUsage[pageId][0]).toMatchObject({
      type: "pages",
      call_count: expect.any(Number),
      estimated_time_to_regain_access: 0,
    });
  });

  it("once a limit is exhausted calls fail with the documented code (4, 17, 32 or 613) and usage at 100", async () => {
    sandbox.control.exhaustRateLimit({ platform: "graph", code: 32 });
    const limited = await graph.get(pageId);
    expect(limited.status).toBe(400);
    expect(limited.body.error).toMatchObject({ code: 32, type: "OAuthException", is_transient: true });
    expect(JSON.parse(limited.headers.get("x-business-use-case-usage")!)[pageId][0].call_count).toBe(100);

    sandbox.control.resetRateLimits();
    expect((await graph.get(pageId)).status).toBe(200);
  });

  it("the app call limit is enforced from the configured calls per hour with code 4", async () => {
    sandbox.state.config.graphAppCallsPerHour = 3;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await graph.get(pageId)).body.error?.code ?? 200);
    expect(statuses).toEqual([200, 200, 200, 4]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "@server/sandbox/index";
import { graphClient, startTestSandbox } from "./helpers";

// The Meta app the sandbox plays refuses what Meta refuses: calls a token's permissions do not
// cover, Page subscriptions without pages_manage_metadata, and it tells which permissions a
// token carries through debug_token.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const withPermissions = (...permissions: string[]) =>
  graphClient(sandbox, sandbox.control.metaApp.issuePageToken(permissions));

describe("permission errors (https://developers.facebook.com/docs/graph-api/guides/error-handling)", () => {
  it("posting without pages_manage_posts is code 200 with Meta's message; with it the post is made", async () => {
    const { pageId } = sandbox.credentials.graph;
    const refused = await withPermissions("pages_read_engagement").post(`${pageId}/feed`, { message: "Uji" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      type: "OAuthException",
      code: 200,
      message:
        "(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission",
    });
    const made = await withPermissions("pages_read_engagement", "pages_manage_posts").post(`${pageId}/feed`, {
      message: "Uji",
    });
    expect(made.body.id).toEqual(expect.stringContaining(`${pageId}_`));
  });

  it("reading insights without read_insights and comments without pages_read_user_content are code 10", async () => {
    const { pageId } = sandbox.credentials.graph;
    const post = await graphClient(sandbox).post(`${pageId}/feed`, { message: "Uji" });
    const reader = withPermissions("pages_read_engagement");
    const insights = await reader.get(`${post.body.id}/insights`, { metric: "post_media_view" });
    expect(insights.body.error).toMatchObject({ code: 10, message: expect.stringContaining("'read_insights'") });
    const comments = await reader.get(`${post.body.id}/comments`);
    expect(comments.body.error).toMatchObject({
      code: 10,
      message: expect.stringContaining("'pages_read_user_content'"),
    });
    expect((await reader.get(post.body.id, { fields: "id" })).status).toBe(200);
  });

  it("publishing to Instagram without instagram_content_publish is refused", async () => {
    const { igUserId } = sandbox.credentials.graph;
    const refused = await withPermissions("instagram_basic", "pages_read_engagement").post(`${igUserId}/media`, {
      image_url: "https://example.org/a.jpg",
    });
    expect(refused.body.error).toMatchObject({ code: 200 });
  });
});

describe("Page subscriptions (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps)", () => {
  it("subscribes, lists and unsubscribes the app; unknown fields are error 100", async () => {
    const { pageId, appId } = sandbox.credentials.graph;
    const graph = graphClient(sandbox);
    expect((await graph.get(`${pageId}/subscribed_apps`)).body).toEqual({ data: [] });
    expect((await graph.post(`${pageId}/subscribed_apps`, { subscribed_fields: "feed,messages" })).body).toEqual({
      success: true,
    });
    expect((await graph.get(`${pageId}/subscribed_apps`)).body.data).toEqual([
      expect.objectContaining({ id: appId, subscribed_fields: ["feed", "messages"] }),
    ]);
    expect(sandbox.control.metaApp.pageSubscriptions()).toEqual({ [pageId]: ["feed", "messages"] });
    const unknown = await graph.post(`${pageId}/subscribed_apps`, { subscribed_fields: "feed,comments" });
    expect(unknown.body.error).toMatchObject({ code: 100 });
    expect((await graph.delete(`${pageId}/subscribed_apps`)).body).toEqual({ success: true });
    expect((await graph.get(`${pageId}/subscribed_apps`)).body).toEqual({ data: [] });
  });

  it("without pages_manage_metadata the subscription is refused (200); messages also need pages_messaging", async () => {
    const { pageId } = sandbox.credentials.graph;
    const noMetadata = await withPermissions("pages_read_engagement").post(`${pageId}/subscribed_apps`, {
      subscribed_fields: "feed",
    });
    expect(noMetadata.body.error).toMatchObject({
      code: 200,
      message: expect.stringContaining("pages_manage_metadata"),
    });
    const noMessaging = await withPermissions("pages_manage_metadata").post(`${pageId}/subscribed_apps`, {
      subscribed_fields: "feed,messages",
    });
    expect(noMessaging.body.error).toMatchObject({ code: 200, message: expect.stringContaining("pages_messaging") });
    expect(sandbox.control.metaApp.pageSubscriptions()).toEqual({});
  });
});

describe("debug_token (https://developers.facebook.com/docs/graph-api/reference/debug_token)", () => {
  const debug = async (inputToken: string, appToken: string) => {
    const url = new URL(`${sandbox.url}/v26.0/debug_token`);
    url.search = new URLSearchParams({ input_token: inputToken, access_token: appToken }).toString();
    const response = await fetch(url);
    return { status: response.status, body: await response.json() };
  };
  const appToken = () => `${sandbox.credentials.oauth.meta.appId}|${sandbox.credentials.oauth.meta.appSecret}`;

  it("names a Page token's permissions, per Page and Instagram account", async () => {
    const { pageId, igUserId } = sandbox.credentials.graph;
    const token = sandbox.control.metaApp.issuePageToken(["pages_manage_posts", "instagram_basic", "read_insights"]);
    const { body } = await debug(token, appToken());
    expect(body.data).toMatchObject({
      type: "PAGE",
      is_valid: true,
      profile_id: pageId,
      scopes: ["pages_manage_posts", "instagram_basic", "read_insights"],
      granular_scopes: [
        { scope: "pages_manage_posts", target_ids: [pageId] },
        { scope: "instagram_basic", target_ids: [igUserId] },
      ],
    });
  });

  it("needs the app's token; an unknown input token is not valid", async () => {
    expect((await debug("nope", "wrong|token")).body.error).toMatchObject({ code: 100 });
    expect((await debug("nope", appToken())).body.data).toMatchObject({ is_valid: false });
  });
});

describe("insights metrics Meta withdraws", () => {
  it("post_impressions is withdrawn in favour of post_media_view; a metric withdrawn later answers error 100 too", async () => {
    const { pageId } = sandbox.credentials.graph;
    const graph = graphClient(sandbox);
    const post = await graph.post(`${pageId}/feed`, { message: "Uji" });
    sandbox.control.setEngagement(post.body.id, { views: 42 });
    expect((await graph.get(`${post.body.id}/insights`, { metric: "post_impressions" })).body.error).toMatchObject({
      code: 100,
    });
    const views = await graph.get(`${post.body.id}/insights`, { metric: "post_media_view" });
    expect(views.body.data[0]).toMatchObject({ name: "post_media_view", values: [{ value: 42 }] });
    sandbox.control.metaApp.withdrawMetrics(["post_media_view"]);
    expect((await graph.get(`${post.body.id}/insights`, { metric: "post_media_view" })).body.error).toMatchObject({
      code: 100,
      message: expect.stringContaining("post_media_view"),
    });
  });
});

import { ApiResponseError } from "twitter-api-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  assertSandboxAllowed,
  createCitizenTextGenerator,
  createXClientForSandbox,
  type Sandbox,
  startSandbox,
} from "@server/sandbox/index";
import { CONTROL_TOKEN, controlClient, graphClient, startTestSandbox } from "./helpers";

let sandbox: Sandbox;
let control: ReturnType<typeof controlClient>;
let graph: ReturnType<typeof graphClient>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  control = controlClient(sandbox);
  graph = graphClient(sandbox);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const xClient = () => {
  const { appKey, appSecret, accessToken, accessSecret } = sandbox.credentials.x;
  return createXClientForSandbox(sandbox.url, { appKey, appSecret, accessToken, accessSecret });
};

describe("Control API access", () => {
  it("every /_sandbox route needs the control bearer token (401 otherwise)", async () => {
    expect((await fetch(`${sandbox.url}/_sandbox/published`)).status).toBe(401);
    expect((await controlClient(sandbox, "wrong").get("/published")).status).toBe(401);
    const credentials = await control.get("/credentials");
    expect(credentials.status).toBe(200);
    expect(credentials.body.graph).toMatchObject({
      pageId: sandbox.credentials.graph.pageId,
      pageAccessToken: sandbox.credentials.graph.pageAccessToken,
    });
  });

  it("assertSandboxAllowed refuses production unless explicitly enabled; startSandbox only binds loopback", async () => {
    expect(() => assertSandboxAllowed({ nodeEnv: "production" })).toThrow();
    expect(() => assertSandboxAllowed({ nodeEnv: "production", enabled: true })).not.toThrow();
    expect(() => assertSandboxAllowed({ nodeEnv: "development" })).not.toThrow();
    await expect(startSandbox({ controlToken: CONTROL_TOKEN, host: "0.0.0.0" as "127.0.0.1" })).rejects.toThrow(
      /loopback/,
    );
  });
});

describe("What was published", () => {
  it("GET /_sandbox/published lists Facebook posts, tweets and WordPress posts; reset empties it", async () => {
    await graph.post(`${sandbox.credentials.graph.pageId}/feed`, { message: "Pengumuman" });
    await xClient().v2.tweet("Pengumuman di X");
    const { username, applicationPassword } = sandbox.credentials.wordpress;
    await fetch(`${sandbox.url}/wp-json/wp/v2/posts`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${applicationPassword}`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ title: "Pengumuman di situs", status: "publish" }),
    });

    const published = await control.get("/published");
    expect(published.body.facebook.posts).toMatchObject([{ message: "Pengumuman", published: true }]);
    expect(published.body.x.tweets).toMatchObject([{ text: "Pengumuman di X" }]);
    expect(published.body.wordpress.posts).toMatchObject([{ title: "Pengumuman di situs", status: "publish" }]);
    expect(published.body.instagram).toEqual({ media: [], containers: [] });

    expect((await control.post("/reset")).status).toBe(204);
    expect((await control.get("/published")).body.facebook.posts).toEqual([]);
  });
});

describe("Injecting citizen activity", () => {
  it("the citizen text generator is seeded: the same seed gives the same texts, with Sanggau places and triage codes", () => {
    const texts = (seed: number) => {
      const generator = createCitizenTextGenerator(seed);
      return Array.from({ length: 50 }, () => generator.next());
    };
    expect(texts(7)).toEqual(texts(7));
    expect(texts(7).map((t) => t.text)).not.toEqual(texts(8).map((t) => t.text));
    const sample = texts(7);
    expect(sample.some((t) => /\b(jln|gk|tdk|yg|bgt|udh|tlg)\b/i.test(t.text))).toBe(true);
    expect(new Set(sample.map((t) => t.expected.category)).size).toBeGreaterThan(5);
    for (const { place, expected } of sample) {
      expect(["Kapuas", "Sekayam", "Mukok", "Tayan Hulu", "Balai", "Entikong", "Meliau"]).toContain(place.kecamatan);
      expect(["pengaduan", "aspirasi", "pertanyaan", "permohonan_informasi", "apresiasi", "lainnya"]).toContain(
        expected.kind,
      );
      expect(["darurat", "tinggi", "normal", "rendah"]).toContain(expected.urgency);
    }
  });

  it("comments in bulk go on the latest post by default; without any post the control API answers 409", async () => {
    expect((await control.post("/facebook/comments", { count: 2 })).status).toBe(409);
    await graph.post(`${sandbox.credentials.graph.pageId}/feed`, { message: "Lama" });
    const { body: latest } = await graph.post(`${sandbox.credentials.graph.pageId}/feed`, { message: "Terbaru" });

    const injected = await control.post("/facebook/comments", { count: 40 });
    expect(injected.status).toBe(201);
    expect(injected.body.data).toHaveLength(40);
    const listed = await graph.get(`${latest.id}/comments`, { limit: "100", summary: "true" });
    expect(listed.body.summary.total_count).toBe(40);
  });

  it("the same seed injects the same texts after a reset", async () => {
    const run = async () => {
      sandbox.control.reset();
      await graph.post(`${sandbox.credentials.graph.pageId}/feed`, { message: "Post" });
      return sandbox.control.injectFacebookComments({ count: 5 }).map((c) => [c.id, c.message, c.from.name]);
    };
    expect(await run()).toEqual(await run());
  });

  it("mentions and page messages can be injected over HTTP, single or in bulk", async () => {
    const mentions = await control.post("/x/mentions", { count: 3 });
    expect(mentions.body.data).toHaveLength(3);
    const timeline = await xClient().v2.userMentionTimeline(sandbox.credentials.x.userId);
    expect(timeline.meta.result_count).toBe(3);

    const messages = await control.post("/facebook/messages", { texts: ["Halo admin, jalan di Semuntai rusak"] });
    expect(messages.body.data[0].text).toBe("Halo admin, jalan di Semuntai rusak");
    const conversations = await graph.get(`${sandbox.credentials.graph.pageId}/conversations`, {
      platform: "messenger",
    });
    expect(conversations.body.data).toHaveLength(1);
  });

  it("rejects invalid control input with 400", async () => {
    expect((await control.post("/x/mentions", { count: -1 })).status).toBe(400);
    expect((await control.post("/faults", { platform: "myspace" })).status).toBe(400);
  });
});

describe("Faults", () => {
  it("latency delays matching requests only", async () => {
    await control.post("/faults", { platform: "graph", method: "GET", path: "/v*/:id", latencyMs: 150 });
    let started = Date.now();
    await graph.get(sandbox.credentials.graph.pageId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    await xClient().v2.me();
    expect(Date.now() - started).toBeLessThan(140);
  });

  it("an injected status answers in each platform's own error shape", async () => {
    await control.post("/faults", { platform: "graph", path: "*", status: 500 });
    await control.post("/faults", { platform: "x", method: "POST", path: "/2/tweets", status: 503 });
    await control.post("/faults", { platform: "wordpress", path: "/wp-json/*", status: 502 });

    const graphError = await graph.get(sandbox.credentials.graph.pageId);
    expect(graphError.status).toBe(500);
    expect(graphError.body.error).toMatchObject({ code: 2, is_transient: true, type: "OAuthException" });

    const xError = await xClient()
      .v2.tweet("halo")
      .catch((e: unknown) => e);
    expect(xError).toBeInstanceOf(ApiResponseError);
    expect((xError as ApiResponseError).code).toBe(503);
    expect((xError as ApiResponseError).data).toMatchObject({
      title: "Service Unavailable",
      status: 503,
      type: "about:blank",
    });

    const wp = await fetch(`${sandbox.url}/wp-json/wp/v2/posts`);
    expect(wp.status).toBe(502);
    expect(await wp.json()).toMatchObject({ code: expect.any(String), data: { status: 502 } });
  });

  it("an error rate fails a share of requests, deterministically for the seed; `times` limits a rule", async () => {
    await control.post("/faults", { platform: "graph", path: "*", status: 503, errorRate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await graph.get(sandbox.credentials.graph.pageId)).status);
    const failures = statuses.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);

    await control.delete("/faults");
    const { body: rule } = await control.post("/faults", { platform: "graph", path: "*", status: 500, times: 1 });
    expect(rule.id).toEqual(expect.any(String));
    expect((await graph.get(sandbox.credentials.graph.pageId)).status).toBe(500);
    expect((await graph.get(sandbox.credentials.graph.pageId)).status).toBe(200);
    expect((await control.get("/faults")).body.data).toEqual([]);
  });

  it("a timeout fault never answers: the client's own timeout fires; removing the rule restores service", async () => {
    const { body: rule } = await control.post("/faults", {
      platform: "wordpress",
      path: "/wp-json/wp/v2/posts",
      timeout: true,
    });
    const hung = await fetch(`${sandbox.url}/wp-json/wp/v2/posts`, { signal: AbortSignal.timeout(200) }).catch(
      (e: unknown) => e,
    );
    expect((hung as Error).name).toBe("TimeoutError");

    expect((await control.delete(`/faults/${rule.id}`)).status).toBe(204);
    expect((await fetch(`${sandbox.url}/wp-json/wp/v2/posts`)).status).toBe(200);
  });

  it("with afterHandling the platform acts first and only the answer is lost", async () => {
    await control.post("/faults", {
      platform: "x",
      method: "POST",
      path: "/2/tweets",
      status: 503,
      afterHandling: true,
      times: 1,
    });
    const xError = await xClient()
      .v2.tweet("Jadwal posyandu Kapuas")
      .catch((e: unknown) => e);
    expect((xError as ApiResponseError).code).toBe(503);
    expect((xError as ApiResponseError).data).toMatchObject({ title: "Service Unavailable", status: 503 });
    expect(sandbox.control.published().x.tweets.map((tweet) => tweet.text)).toEqual(["Jadwal posyandu Kapuas"]);

    await control.post("/faults", {
      platform: "graph",
      method: "POST",
      path: "*/feed",
      timeout: true,
      afterHandling: true,
      times: 1,
    });
    const { pageId, pageAccessToken, baseUrl, apiVersion } = sandbox.credentials.graph;
    const hung = await fetch(`${baseUrl}/${apiVersion}/${pageId}/feed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ access_token: pageAccessToken, message: "Pemadaman listrik terjadwal" }),
      signal: AbortSignal.timeout(200),
    }).catch((e: unknown) => e);
    expect((hung as Error).name).toBe("TimeoutError");
    expect(sandbox.control.published().facebook.posts.map((post) => post.message)).toContain(
      "Pemadaman listrik terjadwal",
    );
  });
});

describe("Rate limits and spend", () => {
  it("GET /_sandbox/x/usage counts requests per endpoint; limits can be changed and reset", async () => {
    await xClient().v2.me();
    await xClient().v2.tweet("Satu");
    const usage = await control.get("/x/usage");
    expect(usage.body.endpoints).toMatchObject({
      "GET /2/users/me": { requests: 1, succeeded: 1 },
      "POST /2/tweets": { requests: 1, succeeded: 1 },
    });

    expect((await control.put("/x/rate-limits", { endpoint: "GET /2/users/me", perUser: 1 })).status).toBe(204);
    const limited = await xClient()
      .v2.me()
      .catch((e: unknown) => e);
    expect((limited as ApiResponseError).rateLimitError).toBe(true);
    expect((await control.delete("/rate-limits")).status).toBe(204);
    expect((await xClient().v2.me()).data.username).toBe("diskominfo_sgu");
  });

  it("Graph rate-limit exhaustion can be set over HTTP", async () => {
    expect((await control.post("/rate-limits/exhaust", { platform: "graph", code: 613 })).status).toBe(204);
    expect((await graph.get(sandbox.credentials.graph.pageId)).body.error.code).toBe(613);
    expect((await control.post("/rate-limits/exhaust", { platform: "x", endpoint: "GET /2/nothing" })).status).toBe(
      400,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_API_VERSION } from "@server/channels/graphVersion.js";
import { targetOf } from "@server/channels/target.js";
import { adapterFor } from "@server/channels/index.js";
import { freshXCredentials, withFreshXToken } from "@server/channels/oauth/xTokens.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { answerConsent } from "../helpers/oauthConsent.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Connecting channels by signing in on the platforms, through the real server and the
// sandbox's consent pages, as an admin's browser would go through them.

let siar: TestSiar;
const xAdapter = adapterFor("x");
let admin: ApiClient;
let units: Record<string, string>;
const TWO_HOURS_MS = 2 * 3600_000;

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  units = Object.fromEntries(
    (await admin.get("/api/units?limit=1000")).body.data.map((unit: { code: string; id: string }) => [
      unit.code,
      unit.id,
    ]),
  );
});
afterAll(async () => siar?.close());

const sandbox = () => siar.services.sandbox!;

type Step = { status: number; location: string; cookies: string[] };

/** One browser navigation to Siar with the session cookie and any OAuth flow cookie. */
async function navigate(client: ApiClient, url: string, flowCookie?: string): Promise<Step> {
  const response = await fetch(url, {
    headers: { cookie: [client.cookie, flowCookie].filter(Boolean).join("; ") },
    redirect: "manual",
  });
  return {
    status: response.status,
    location: response.headers.get("location") ?? "",
    cookies: response.headers.getSetCookie().map((c) => c.split(";")[0]!),
  };
}

/** start → the platform's consent page → allow or cancel → Siar's callback; returns where Siar sends the browser. */
async function signIn(provider: "meta" | "x", unitId: string, decision: "allow" | "deny" = "allow", extra = "") {
  const start = await navigate(admin, `${siar.url}/api/channels/oauth/${provider}/start?unitId=${unitId}${extra}`);
  expect(start.status).toBe(302);
  const flowCookie = start.cookies.find((c) => c.startsWith(`siar_oauth_${provider}=`))!;
  expect(flowCookie).toBeDefined();
  const consent = await answerConsent(start.location, decision);
  expect(consent.status).toBe(302);
  const callback = await navigate(admin, consent.location!, flowCookie);
  expect(callback.status).toBe(302);
  // The callback may re-seal the flow (Meta keeps it for the Page selection).
  const nextCookie =
    callback.cookies.find((c) => c.startsWith(`siar_oauth_${provider}=`) && !c.endsWith("=")) ?? flowCookie;
  return { start, callback, redirect: new URL(callback.location, siar.url), flowCookie: nextCookie };
}

/** The JSON steps of the Meta selection, with the flow cookie beside the session. */
function withFlow(flowCookie: string) {
  const call = (method: string, path: string, body?: unknown) =>
    admin.request(method, path, body, { cookie: `${admin.cookie}; ${flowCookie}` });
  return { get: (path: string) => call("GET", path), post: (path: string, body: unknown) => call("POST", path, body) };
}

async function publishTo(unitId: string, channelIds: string[], text: string) {
  const created = await admin.post("/api/posts", { unitId, title: "Uji OAuth", body: text, channelIds });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await admin.post(`/api/posts/${created.body.id}/submit`)).status).toBe(200);
  for (let round = 0; round < 10; round++) {
    await siar.worker.tick();
    const post = (await admin.get(`/api/posts/${created.body.id}`)).body;
    if (["published", "partially_published", "failed"].includes(post.status)) return post;
  }
  throw new Error("the post did not settle");
}

describe("which connect buttons exist", () => {
  it("in demo mode both platforms can be connected with the sandbox's apps", async () => {
    expect((await admin.get("/api/channels/oauth")).body).toEqual({ meta: true, x: true });
  });

  it("without a sandbox and without META_APP_ID / X_CLIENT_ID there are no buttons and start is refused", async () => {
    const plain = await startTestSiar();
    try {
      const client = await signedIn(plain.url, "admin@sanggau.demo");
      expect((await client.get("/api/channels/oauth")).body).toEqual({ meta: false, x: false });
      const start = await client.get(`/api/channels/oauth/x/start?unitId=${units["kec-kapuas"]}`);
      expect(start.status).toBe(404);
      expect(start.body.error.details).toMatchObject({ oauthError: "not_configured" });
    } finally {
      await plain.close();
    }
  });
});

describe("Facebook Login", () => {
  it("sends the admin to the Login for Business dialog with the app id, callback, configuration and a state bound to a sealed cookie", async () => {
    const start = await navigate(admin, `${siar.url}/api/channels/oauth/meta/start?unitId=${units["kec-kapuas"]}`);
    const dialog = new URL(start.location);
    expect(dialog.origin + dialog.pathname).toBe(`${sandbox().url}/${GRAPH_API_VERSION}/dialog/oauth`);
    expect(Object.fromEntries(dialog.searchParams)).toEqual({
      client_id: sandbox().credentials.oauth.meta.appId,
      redirect_uri: `${siar.url}/api/channels/oauth/meta/callback`,
      state: expect.stringMatching(/^[\w-]{40,}$/),
      config_id: sandbox().credentials.oauth.meta.loginConfigId,
      response_type: "code",
    });
    const cookie = (
      await fetch(`${siar.url}/api/channels/oauth/meta/start?unitId=${units["kec-kapuas"]}`, {
        headers: { cookie: admin.cookie! },
        redirect: "manual",
      })
    ).headers
      .getSetCookie()
      .find((c) => c.startsWith("siar_oauth_meta="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/channels\/oauth/);
    expect(cookie).not.toContain(dialog.searchParams.get("state")!);
  });

  it("connects the chosen Page and its Instagram account to a unit, and the Page publishes", async () => {
    const unitId = units["kec-kapuas"]!;
    const { redirect, flowCookie } = await signIn("meta", unitId);
    expect(redirect.pathname).toBe("/app/admin/channels");
    expect(redirect.searchParams.get("oauth")).toBe("meta");
    const state = redirect.searchParams.get("state")!;
    const flow = withFlow(flowCookie);

    const { graph } = sandbox().credentials;
    const pages = await flow.get(`/api/channels/oauth/meta/pages?state=${state}`);
    // The kabupaten already has the demo's Page and its Instagram account: the selection says so.
    expect(pages.body.data).toEqual([
      {
        id: graph.pageId,
        name: graph.pageName,
        instagram: { id: graph.igUserId, username: graph.igUsername },
        connectedElsewhere: { facebook: "Pemerintah Kabupaten Sanggau", instagram: "Pemerintah Kabupaten Sanggau" },
      },
    ]);
    expect(JSON.stringify(pages.body)).not.toContain(graph.pageAccessToken);

    // Without the admin's confirmation the second connection is refused, naming the unit that has it.
    const choice = { state, pageId: graph.pageId, connectInstagram: true };
    const refused = await flow.post("/api/channels/oauth/meta/complete", choice);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "channel_connected_elsewhere",
      message: expect.stringContaining("Pemerintah Kabupaten Sanggau"),
    });
    expect(await siar.services.prisma.channel.count({ where: { unitId } })).toBe(0);

    const completed = await flow.post("/api/channels/oauth/meta/complete", { ...choice, shareAccount: true });
    expect(completed.status, JSON.stringify(completed.body)).toBe(201);
    expect(completed.body.data).toEqual([
      { id: expect.any(String), kind: "facebook", name: graph.pageName, reconnected: false },
      { id: expect.any(String), kind: "instagram", name: `@${graph.igUsername}`, reconnected: false },
    ]);
    const connected = (await admin.get("/api/channels")).body.data.filter(
      (c: { unit: { id: string } }) => c.unit.id === unitId,
    );
    expect(
      connected
        .map((c: { kind: string; externalId: string; simulated: boolean }) => [c.kind, c.externalId, c.simulated])
        .sort(),
    ).toEqual([
      ["facebook", graph.pageId, true],
      ["instagram", graph.igUserId, true],
    ]);
    const stored = await siar.services.prisma.channel.findFirstOrThrow({ where: { unitId, kind: "instagram" } });
    // The Page token the login gave: the Instagram account uses the same one.
    const pageToken = targetOf(siar.services, stored).credentials.accessToken;
    expect(pageToken).toMatch(/^EAAPage-/);
    const page = await siar.services.prisma.channel.findFirstOrThrow({ where: { unitId, kind: "facebook" } });
    expect(targetOf(siar.services, page).credentials).toEqual({ pageAccessToken: pageToken });

    const facebook = completed.body.data[0].id;
    const text = "Layanan adminduk keliling di Kecamatan Kapuas, tersambung lewat Facebook Login.";
    const post = await publishTo(unitId, [facebook], text);
    expect(post.deliveries.map((d: { status: string }) => d.status)).toEqual(["published"]);
    expect(
      sandbox()
        .control.published()
        .facebook.posts.filter((p) => p.message?.includes(text)),
    ).toHaveLength(1);
  });

  it("signing in again for a unit that has the Page reconnects it with the new token", async () => {
    const root = units["kab-sanggau"]!;
    const before = await siar.services.prisma.channel.findFirstOrThrow({ where: { unitId: root, kind: "facebook" } });
    await siar.services.prisma.channel.update({
      where: { id: before.id },
      data: { status: "needs_reconnect", statusReason: "token expired" },
    });
    const { redirect, flowCookie } = await signIn("meta", root);
    const state = redirect.searchParams.get("state")!;
    const completed = await withFlow(flowCookie).post("/api/channels/oauth/meta/complete", {
      state,
      pageId: before.externalId,
      connectInstagram: false,
    });
    expect(completed.body.data).toEqual([{ id: before.id, kind: "facebook", name: before.name, reconnected: true }]);
    expect((await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: before.id } })).status).toBe(
      "connected",
    );
  });

  it("cancelling on Facebook returns to the channels page with oauthError=access_denied", async () => {
    const { redirect } = await signIn("meta", units["kec-kapuas"]!, "deny");
    expect(redirect.pathname + redirect.search).toBe("/app/admin/channels?oauthError=access_denied");
  });

  it("a callback whose state does not match the flow cookie, or without the cookie, is refused", async () => {
    const start = await navigate(admin, `${siar.url}/api/channels/oauth/meta/start?unitId=${units["kec-kapuas"]}`);
    const flowCookie = start.cookies.find((c) => c.startsWith("siar_oauth_meta="))!;
    const consent = await answerConsent(start.location, "allow");
    const forged = new URL(consent.location!);
    forged.searchParams.set("state", "attacker-state");
    expect((await navigate(admin, forged.toString(), flowCookie)).location).toBe(
      "/app/admin/channels?oauthError=invalid_state",
    );
    expect((await navigate(admin, consent.location!)).location).toBe("/app/admin/channels?oauthError=invalid_state");
  });

  it("completing with a state that has no pending selection is refused", async () => {
    const response = await admin.post("/api/channels/oauth/meta/complete", {
      state: "made-up",
      pageId: "1",
      connectInstagram: false,
    });
    expect(response.status).toBe(404);
    expect(response.body.error.details).toMatchObject({ field: "state", oauthError: "invalid_state" });
  });
});

describe("X OAuth 2.0 with PKCE", () => {
  it("sends the admin to X's authorize page with an S256 challenge, connects the account, and it publishes", async () => {
    const unitId = units["kec-kapuas"]!;
    // The kabupaten has the sandbox's X account: the channels page is told so, with the way to go on.
    const refused = await signIn("x", unitId);
    expect(Object.fromEntries(refused.redirect.searchParams)).toEqual({
      oauthError: "connected_elsewhere",
      unitId,
      elsewhere: "Pemerintah Kabupaten Sanggau",
    });
    expect(await siar.services.prisma.channel.count({ where: { unitId, kind: "x" } })).toBe(0);

    const { start, redirect } = await signIn("x", unitId, "allow", "&shareAccount=true");
    const authorize = new URL(start.location);
    expect(authorize.origin + authorize.pathname).toBe(`${sandbox().url}/i/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: sandbox().credentials.oauth.x.clientId,
      redirect_uri: `${siar.url}/api/channels/oauth/x/callback`,
      scope: "tweet.read tweet.write users.read offline.access media.write",
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: "S256",
    });
    expect(redirect.pathname + redirect.search).toBe("/app/admin/channels?oauthConnected=x");

    const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { unitId, kind: "x" } });
    const { credentials, settings } = targetOf(siar.services, channel);
    expect(Object.keys(credentials).sort()).toEqual(["expiresAt", "oauth2UserToken", "refreshToken"]);
    expect(Date.parse(credentials.expiresAt!) - Date.now()).toBeGreaterThan(TWO_HOURS_MS - 60_000);
    expect(settings).toMatchObject({ username: sandbox().credentials.x.username, baseUrl: sandbox().url });

    const text = `Jadwal posyandu Kecamatan Kapuas pekan ini, lewat OAuth 2.0 ${Date.now()}`;
    const post = await publishTo(unitId, [channel.id], text);
    expect(post.deliveries.map((d: { status: string }) => d.status)).toEqual(["published"]);
    expect(
      sandbox()
        .control.published()
        .x.tweets.filter((t) => t.text.includes(text)),
    ).toHaveLength(1);
  });

  it("refreshes an expired token with the rotating refresh token and seals the new pair", async () => {
    const channel = await siar.services.prisma.channel.findFirstOrThrow({
      where: { unitId: units["kec-kapuas"], kind: "x" },
    });
    const old = targetOf(siar.services, channel).credentials;
    sandbox().control.advanceClock(TWO_HOURS_MS);
    await expect(xAdapter.verify(targetOf(siar.services, channel))).rejects.toMatchObject({
      failure: "reconnect",
      code: "x:401",
    });

    // Two hours later on Siar's clock too: expiresAt is past, so it refreshes first.
    const fresh = await freshXCredentials(siar.services, channel, { now: new Date(Date.now() + TWO_HOURS_MS) });
    expect(fresh.credentials.oauth2UserToken).not.toBe(old.oauth2UserToken);
    expect(fresh.credentials.refreshToken).not.toBe(old.refreshToken);
    expect((await xAdapter.verify(fresh)).externalId).toBe(sandbox().credentials.x.userId);
    const stored = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(targetOf(siar.services, stored).credentials).toEqual(fresh.credentials);
    // Not due: nothing is refreshed or written.
    expect(await freshXCredentials(siar.services, stored)).toEqual(fresh);
  });

  it("when X answers 401 before expiresAt, withFreshXToken refreshes once and retries", async () => {
    const channel = await siar.services.prisma.channel.findFirstOrThrow({
      where: { unitId: units["kec-kapuas"], kind: "x" },
    });
    const before = targetOf(siar.services, channel).credentials;
    sandbox().control.advanceClock(TWO_HOURS_MS);
    const calls: string[] = [];
    const account = await withFreshXToken(siar.services, channel, (target) => {
      calls.push(target.credentials.oauth2UserToken!);
      return xAdapter.verify(target);
    });
    expect(account.externalId).toBe(sandbox().credentials.x.userId);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe(before.oauth2UserToken);
    expect(calls[1]).not.toBe(before.oauth2UserToken);
  });

  it("cancelling on X returns with oauthError=access_denied and connects nothing", async () => {
    const count = await siar.services.prisma.channel.count({ where: { kind: "x" } });
    const { redirect } = await signIn("x", units["kec-tayan-hulu"]!, "deny");
    expect(redirect.pathname + redirect.search).toBe("/app/admin/channels?oauthError=access_denied");
    expect(await siar.services.prisma.channel.count({ where: { kind: "x" } })).toBe(count);
  });
});

describe("only admins", () => {
  it("humas may not list the buttons, start a flow or complete one", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await humas.get("/api/channels/oauth")).status).toBe(403);
    expect((await humas.get(`/api/channels/oauth/meta/start?unitId=${units["kec-kapuas"]}`)).status).toBe(403);
    expect((await humas.get(`/api/channels/oauth/x/start?unitId=${units["kec-kapuas"]}`)).status).toBe(403);
    expect(
      (await humas.post("/api/channels/oauth/meta/complete", { state: "s", pageId: "1", connectInstagram: false }))
        .status,
    ).toBe(403);
  });
});

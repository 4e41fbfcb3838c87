import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createXClientForSandbox, type Sandbox } from "@server/sandbox/index";
import { answerConsent } from "../helpers/oauthConsent";
import { startTestSandbox } from "./helpers";

let sandbox: Sandbox;
const REDIRECT = "https://siar.example.go.id/api/channels/oauth/meta/callback";
const X_REDIRECT = "https://siar.example.go.id/api/channels/oauth/x/callback";

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const json = async (response: Response) => ({ status: response.status, body: await response.json() });

describe("Facebook Login for Business (https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/)", () => {
  const meta = () => sandbox.credentials.oauth.meta;
  const dialog = (params: Record<string, string> = {}) =>
    `${sandbox.url}/v23.0/dialog/oauth?${new URLSearchParams({ client_id: meta().appId, redirect_uri: REDIRECT, state: "st4te", config_id: meta().loginConfigId, response_type: "code", ...params })}`;
  const tokenUrl = (params: Record<string, string>) =>
    `${sandbox.url}/v23.0/oauth/access_token?${new URLSearchParams({ client_id: meta().appId, client_secret: meta().appSecret, ...params })}`;

  async function authorizationCode(): Promise<string> {
    const { location } = await answerConsent(dialog(), "allow");
    return new URL(location!).searchParams.get("code")!;
  }

  it("a Business app's dialog without config_id (a scope list alone) says the app is not available", async () => {
    const withoutConfig = `${sandbox.url}/v23.0/dialog/oauth?${new URLSearchParams({ client_id: meta().appId, redirect_uri: REDIRECT, state: "st4te", scope: "pages_show_list,pages_manage_posts", response_type: "code" })}`;
    const page = await fetch(withoutConfig);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("this app isn&#39;t available");
    expect((await answerConsent(withoutConfig, "allow")).location).toBeNull();
    expect((await fetch(dialog({ config_id: "999999999" }))).status).toBe(400);
  });

  it("the dialog shows the configuration's permissions and redirects with code and state (and Facebook's #_=_)", async () => {
    const page = await fetch(dialog());
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const permission of ["pages_manage_posts", "pages_manage_metadata", "read_insights", "business_management"])
      expect(html).toContain(permission);
    const { status, location } = await answerConsent(dialog(), "allow");
    expect(status).toBe(302);
    expect(location).toMatch(
      /^https:\/\/siar\.example\.go\.id\/api\/channels\/oauth\/meta\/callback\?code=[^&]+&state=st4te#_=_$/,
    );
  });

  it("cancelling redirects with error=access_denied&error_reason=user_denied and the state", async () => {
    const { location } = await answerConsent(dialog(), "deny");
    const answer = new URL(location!).searchParams;
    expect(Object.fromEntries(answer)).toMatchObject({
      error: "access_denied",
      error_reason: "user_denied",
      error_code: "200",
      state: "st4te",
    });
    expect(answer.has("code")).toBe(false);
  });

  it("an unknown app id or a relative redirect_uri gets an error page, never a redirect", async () => {
    expect((await fetch(dialog({ client_id: "123" }))).status).toBe(400);
    const relative = await fetch(dialog({ redirect_uri: "/callback" }));
    expect(relative.status).toBe(400);
    expect(await relative.text()).toContain("191");
  });

  it("exchanges the code once for a short-lived token, then for a long-lived one", async () => {
    const code = await authorizationCode();
    const short = await json(await fetch(tokenUrl({ redirect_uri: REDIRECT, code })));
    expect(short).toMatchObject({
      status: 200,
      body: { access_token: expect.any(String), token_type: "bearer", expires_in: 3600 },
    });
    const reused = await json(await fetch(tokenUrl({ redirect_uri: REDIRECT, code })));
    expect(reused).toMatchObject({
      status: 400,
      body: { error: { type: "OAuthException", code: 100, error_subcode: 36009 } },
    });
    const long = await json(
      await fetch(tokenUrl({ grant_type: "fb_exchange_token", fb_exchange_token: short.body.access_token })),
    );
    expect(long.body).toMatchObject({
      access_token: expect.any(String),
      token_type: "bearer",
      expires_in: 60 * 24 * 3600,
    });
    expect(long.body.access_token).not.toBe(short.body.access_token);
  });

  it("refuses a bad code (100), a different redirect_uri (100/36008), a missing redirect_uri (191) and a wrong secret (1)", async () => {
    expect((await json(await fetch(tokenUrl({ redirect_uri: REDIRECT, code: "nonsense" })))).body.error).toMatchObject({
      code: 100,
      error_subcode: 36007,
    });
    const code = await authorizationCode();
    expect(
      (await json(await fetch(tokenUrl({ redirect_uri: "https://elsewhere.example/cb", code })))).body.error,
    ).toMatchObject({ code: 100, error_subcode: 36008 });
    expect((await json(await fetch(tokenUrl({ code })))).body.error).toMatchObject({
      code: 191,
      message: "Missing redirect_uri parameter.",
    });
    const wrongSecret = `${sandbox.url}/v23.0/oauth/access_token?${new URLSearchParams({ client_id: meta().appId, client_secret: "0".repeat(32), redirect_uri: REDIRECT, code })}`;
    expect(await json(await fetch(wrongSecret))).toMatchObject({
      status: 400,
      body: { error: { type: "OAuthException", code: 1 } },
    });
  });

  it("/me/accounts lists the seeded Page with a Page token carrying the granted permissions, and its Instagram account", async () => {
    const code = await authorizationCode();
    const short = (await json(await fetch(tokenUrl({ redirect_uri: REDIRECT, code })))).body.access_token;
    const fields = "id,name,access_token,instagram_business_account{id,username}";
    const accounts = await json(
      await fetch(`${sandbox.url}/v23.0/me/accounts?${new URLSearchParams({ fields, access_token: short })}`),
    );
    const { graph } = sandbox.credentials;
    expect(accounts.body.data).toEqual([
      {
        id: graph.pageId,
        name: graph.pageName,
        access_token: expect.stringMatching(/^EAAPage-/),
        instagram_business_account: { id: graph.igUserId, username: graph.igUsername },
      },
    ]);
    const permissions = await json(await fetch(`${sandbox.url}/v23.0/me/permissions?access_token=${short}`));
    expect(permissions.body.data).toContainEqual({ permission: "pages_manage_metadata", status: "granted" });
    // The Page token from the list publishes.
    const post = await json(
      await fetch(`${sandbox.url}/v23.0/${graph.pageId}/feed`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: "Uji", access_token: accounts.body.data[0].access_token }),
      }),
    );
    expect(post.body.id).toEqual(expect.any(String));
  });

  it("a short-lived user token expires after an hour on the sandbox clock", async () => {
    const code = await authorizationCode();
    const short = (await json(await fetch(tokenUrl({ redirect_uri: REDIRECT, code })))).body.access_token;
    sandbox.control.advanceClock(3601_000);
    const accounts = await json(await fetch(`${sandbox.url}/v23.0/me/accounts?access_token=${short}`));
    expect(accounts).toMatchObject({ status: 400, body: { error: { code: 190, error_subcode: 463 } } });
  });
});

describe("X OAuth 2.0 with PKCE (https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code)", () => {
  const VERIFIER = `${"a".repeat(20)}-verifier-of-at-least-43-characters`;
  const challenge = createHash("sha256").update(VERIFIER).digest("base64url");
  const x = () => sandbox.credentials.oauth.x;
  const authorize = (params: Record<string, string> = {}) =>
    `${sandbox.url}/i/oauth2/authorize?${new URLSearchParams({
      response_type: "code",
      client_id: x().clientId,
      redirect_uri: X_REDIRECT,
      scope: "tweet.read tweet.write users.read offline.access media.write",
      state: "xstate",
      code_challenge: challenge,
      code_challenge_method: "S256",
      ...params,
    })}`;
  const basic = () => `Basic ${Buffer.from(`${x().clientId}:${x().clientSecret}`).toString("base64")}`;
  const token = async (params: Record<string, string>, authorization: string | null = basic()) =>
    json(
      await fetch(`${sandbox.url}/2/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
        body: new URLSearchParams(params),
      }),
    );
  async function code(): Promise<string> {
    const { location } = await answerConsent(authorize(), "allow");
    return new URL(location!).searchParams.get("code")!;
  }

  it("the consent page redirects with state and code; cancelling with error=access_denied", async () => {
    const allowed = new URL((await answerConsent(authorize(), "allow")).location!);
    expect(allowed.origin + allowed.pathname).toBe(X_REDIRECT);
    expect(allowed.searchParams.get("state")).toBe("xstate");
    expect(allowed.searchParams.get("code")).toEqual(expect.any(String));
    const denied = new URL((await answerConsent(authorize(), "deny")).location!);
    expect(Object.fromEntries(denied.searchParams)).toEqual({ error: "access_denied", state: "xstate" });
  });

  it("an authorize request without PKCE gets an error page", async () => {
    expect((await fetch(authorize({ code_challenge: "" }))).status).toBe(400);
  });

  it("exchanges the code with the right verifier for a 2-hour token and a refresh token that the X API accepts", async () => {
    const issued = await token({
      grant_type: "authorization_code",
      code: await code(),
      redirect_uri: X_REDIRECT,
      code_verifier: VERIFIER,
    });
    expect(issued).toMatchObject({
      status: 200,
      body: {
        token_type: "bearer",
        expires_in: 7200,
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        scope: expect.stringContaining("offline.access"),
      },
    });
    const me = await createXClientForSandbox(sandbox.url, { bearerToken: issued.body.access_token }).v2.me();
    expect(me.data.username).toBe(sandbox.credentials.x.username);
  });

  it("a wrong code_verifier, a reused code and a wrong client secret are refused in X's error shape", async () => {
    const first = await code();
    expect(
      await token({
        grant_type: "authorization_code",
        code: first,
        redirect_uri: X_REDIRECT,
        code_verifier: "b".repeat(43),
      }),
    ).toEqual({
      status: 400,
      body: { error: "invalid_request", error_description: "Value passed for the code verifier was invalid." },
    });
    expect(
      (
        await token({
          grant_type: "authorization_code",
          code: first,
          redirect_uri: X_REDIRECT,
          code_verifier: VERIFIER,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await token({
          grant_type: "authorization_code",
          code: first,
          redirect_uri: X_REDIRECT,
          code_verifier: VERIFIER,
        })
      ).body,
    ).toEqual({
      error: "invalid_request",
      error_description: "Value passed for the authorization code was invalid.",
    });
    const wrongSecret = `Basic ${Buffer.from(`${x().clientId}:nope`).toString("base64")}`;
    expect(
      await token(
        { grant_type: "authorization_code", code: await code(), redirect_uri: X_REDIRECT, code_verifier: VERIFIER },
        wrongSecret,
      ),
    ).toMatchObject({
      status: 401,
      body: { error: "unauthorized_client" },
    });
  });

  it("a public client may name itself with client_id instead of Basic auth", async () => {
    const issued = await token(
      {
        grant_type: "authorization_code",
        code: await code(),
        redirect_uri: X_REDIRECT,
        code_verifier: VERIFIER,
        client_id: x().clientId,
      },
      null,
    );
    expect(issued.status).toBe(200);
  });

  it("access tokens expire after 7200 s on the sandbox clock; the refresh token rotates", async () => {
    const issued = (
      await token({
        grant_type: "authorization_code",
        code: await code(),
        redirect_uri: X_REDIRECT,
        code_verifier: VERIFIER,
      })
    ).body;
    sandbox.control.advanceClock(7200_000);
    const expired = await fetch(`${sandbox.url}/2/users/me`, {
      headers: { authorization: `Bearer ${issued.access_token}` },
    });
    expect(expired.status).toBe(401);
    const refreshed = await token({ grant_type: "refresh_token", refresh_token: issued.refresh_token });
    expect(refreshed.body).toMatchObject({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 7200,
    });
    expect(refreshed.body.refresh_token).not.toBe(issued.refresh_token);
    expect(
      (await createXClientForSandbox(sandbox.url, { bearerToken: refreshed.body.access_token }).v2.me()).data.id,
    ).toBe(sandbox.credentials.x.userId);
    expect(await token({ grant_type: "refresh_token", refresh_token: issued.refresh_token })).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
  });
});

/**
 * X OAuth 2.0 Authorization Code Flow with PKCE, server side: the authorize URL, the code
 * exchange, refreshing, and who the token belongs to.
 * https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code
 * https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token
 */
import { createHash } from "node:crypto";
import { randomToken } from "@server/auth/tokens.js";
import { ChannelError } from "@server/channels/adapter.js";
import { sendRequest, type Platform } from "@server/channels/http.js";
import { X_SCOPES, type XOAuthApp } from "./providers.js";

const X: Platform = { label: "X", codePrefix: "x" };

export type XTokens = { accessToken: string; refreshToken: string | undefined; expiresAt: Date };

/** A PKCE pair (RFC 7636): 43 characters of randomness and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomToken(32);
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function xAuthorizeUrl(app: XOAuthApp, redirectUri: string, state: string, codeChallenge: string): string {
  const url = new URL(app.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: app.clientId,
    redirect_uri: redirectUri,
    scope: X_SCOPES.join(" "),
    state,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

export function exchangeXCode(
  app: XOAuthApp,
  redirectUri: string,
  code: string,
  codeVerifier: string,
): Promise<XTokens> {
  return tokenRequest(app, {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    code_verifier: codeVerifier,
  });
}

/** X rotates refresh tokens: the one sent is spent, the answer carries the next one. */
export function refreshXTokens(app: XOAuthApp, refreshToken: string): Promise<XTokens> {
  return tokenRequest(app, { grant_type: "refresh_token", refresh_token: refreshToken });
}

/** The account the token acts as (GET /2/users/me). */
export async function xAccountOf(app: XOAuthApp, accessToken: string): Promise<{ id: string; username: string }> {
  const response = await sendRequest(X, new URL(`${app.apiUrl}/2/users/me`), {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const data = (response.body as { data?: { id: string; username: string } } | undefined)?.data;
  if (response.status !== 200 || !data) throw failure(response.status, response.body);
  return { id: data.id, username: data.username };
}

async function tokenRequest(app: XOAuthApp, params: Record<string, string>): Promise<XTokens> {
  const issuedAt = Date.now();
  // A confidential client authenticates with Basic auth; a public one names itself in the body.
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (app.clientSecret)
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString("base64")}`;
  const body = new URLSearchParams({ ...params, ...(app.clientSecret ? {} : { client_id: app.clientId }) }).toString();
  const response = await sendRequest(X, new URL(`${app.apiUrl}/2/oauth2/token`), { method: "POST", headers, body });
  const tokens = response.body as { access_token?: string; refresh_token?: string; expires_in?: number } | undefined;
  if (response.status !== 200 || !tokens?.access_token) throw failure(response.status, response.body);
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: new Date(issuedAt + (tokens.expires_in ?? 7200) * 1000),
  };
}

/** 5xx and 429 are worth another try later; a refused code or refresh token needs the admin. */
function failure(status: number, body: unknown): ChannelError {
  const error = body as { error?: string; error_description?: string; detail?: string } | undefined;
  const message = `X: ${error?.error_description ?? error?.detail ?? error?.error ?? `HTTP ${status}`}`;
  if (status >= 500 || status === 429) return new ChannelError("transient", `x:${status}`, message);
  return new ChannelError("reconnect", `x:oauth_${error?.error ?? status}`, message);
}

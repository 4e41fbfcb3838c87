/**
 * X authentication: OAuth 1.0a user context (HMAC-SHA1 signatures verified with the consumer and
 * token secrets, RFC 5849) and OAuth 2.0 bearer tokens (user context or app-only).
 * https://docs.x.com/resources/fundamentals/authentication/oauth-1-0a/creating-a-signature
 * https://docs.x.com/resources/fundamentals/authentication/overview
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { contentType, rawBody } from "@server/sandbox/http";
import type { SandboxState } from "@server/sandbox/state";
import { X_PLATFORM_ORIGINS } from "./origins";
import { xProblems } from "./problems";

export type XIdentity = { kind: "user"; userId: string } | { kind: "app" };

/** How far a signed request's timestamp may be from the server clock (X rejects stale signatures). */
const TIMESTAMP_TOLERANCE_S = 300;

export class XAuthenticator {
  private readonly seenNonces = new Map<string, number>();

  constructor(private readonly state: SandboxState) {}

  authenticate(req: Request): XIdentity {
    const header = req.headers.authorization ?? "";
    if (/^OAuth\s/i.test(header)) return { kind: "user", userId: this.verifyOAuth1(req, header) };
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!bearer) throw xProblems.unauthorized();
    if (bearer === this.state.x.appBearerToken) return { kind: "app" };
    const userId = this.state.x.oauth2UserTokens.get(bearer);
    if (!userId) throw xProblems.unauthorized();
    return { kind: "user", userId };
  }

  private verifyOAuth1(req: Request, header: string): string {
    const oauth = parseOAuthHeader(header);
    const { x } = this.state;
    const token = x.oauth1Tokens.get(oauth.oauth_token ?? "");
    if (oauth.oauth_consumer_key !== x.consumerKey || !token || oauth.oauth_signature_method !== "HMAC-SHA1")
      throw xProblems.unauthorized();
    const timestamp = Number(oauth.oauth_timestamp);
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > TIMESTAMP_TOLERANCE_S)
      throw xProblems.unauthorized();
    const nonceKey = `${oauth.oauth_nonce}:${timestamp}`;
    if (!oauth.oauth_nonce || this.seenNonces.has(nonceKey)) throw xProblems.unauthorized();

    const signingKey = `${percentEncode(x.consumerSecret)}&${percentEncode(token.secret)}`;
    const parameters = signatureParameters(req, oauth);
    const given = Buffer.from(oauth.oauth_signature ?? "", "base64");
    const valid = signedBaseUrls(req).some((baseUrl) => {
      const base = [req.method.toUpperCase(), percentEncode(baseUrl), percentEncode(parameters)].join("&");
      const expected = createHmac("sha1", signingKey).update(base).digest();
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!valid) throw xProblems.unauthorized();
    this.rememberNonce(nonceKey, nowSeconds);
    return token.userId;
  }

  private rememberNonce(key: string, nowSeconds: number): void {
    this.seenNonces.set(key, nowSeconds);
    for (const [nonce, seenAt] of this.seenNonces) {
      if (nowSeconds - seenAt > TIMESTAMP_TOLERANCE_S) this.seenNonces.delete(nonce);
    }
  }
}

/** RFC 3986 percent-encoding, as RFC 5849 requires. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseOAuthHeader(header: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of header.replace(/^OAuth\s+/i, "").matchAll(/([\w-]+)="([^"]*)"/g)) {
    result[match[1]!] = decodeURIComponent(match[2]!);
  }
  return result;
}

/** Normalized parameters: oauth_* (minus the signature), query string and URL-encoded body (never JSON or multipart). */
function signatureParameters(req: Request, oauth: Record<string, string>): string {
  const pairs: [string, string][] = Object.entries(oauth).filter(
    ([key]) => key !== "oauth_signature" && key !== "realm",
  );
  const url = new URL(req.originalUrl, "http://sandbox.local");
  pairs.push(...url.searchParams.entries());
  if (contentType(req) === "application/x-www-form-urlencoded")
    pairs.push(...new URLSearchParams(rawBody(req).toString("utf8")).entries());
  return pairs
    .map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

/** The URL the client signed: the sandbox URL itself, or the platform URL it was rewritten from. */
function signedBaseUrls(req: Request): string[] {
  const path = new URL(req.originalUrl, "http://sandbox.local").pathname;
  return [`${req.protocol}://${req.headers.host}${path}`, ...X_PLATFORM_ORIGINS.map((origin) => `${origin}${path}`)];
}

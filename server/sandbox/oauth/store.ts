/**
 * What the sandbox's OAuth endpoints remember: issued authorization codes, Facebook user tokens
 * and X refresh tokens and access-token expiries. Times are on the sandbox clock (state.now()),
 * so advancing it expires tokens.
 */
import { createHash, randomBytes } from "node:crypto";
import type { SandboxState } from "@server/sandbox/state";

export interface AuthorizationCode {
  platform: "meta" | "x";
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
  used: boolean;
  /** PKCE (X only). */
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
}

export interface MetaUserToken {
  longLived: boolean;
  expiresAt: number;
  /** The permissions the person granted: those of the login configuration they accepted. */
  scopes: string[];
}

export interface XRefreshToken {
  userId: string;
  clientId: string;
  scope: string;
}

export class OAuthStore {
  readonly codes = new Map<string, AuthorizationCode>();
  readonly metaUserTokens = new Map<string, MetaUserToken>();
  /** The Page tokens issued to a user token, per Page: /me/accounts answers the same ones each time. */
  readonly pageTokensOfUser = new Map<string, Map<string, string>>();
  readonly xRefreshTokens = new Map<string, XRefreshToken>();
  /** X access token -> expiry; the token itself is registered in state.x.oauth2UserTokens. */
  readonly xAccessExpiry = new Map<string, number>();

  constructor(readonly state: SandboxState) {}

  issueCode(code: Omit<AuthorizationCode, "expiresAt" | "used">, lifetimeS: number): string {
    const value = randomToken("code");
    this.codes.set(value, { ...code, expiresAt: this.state.now() + lifetimeS * 1000, used: false });
    return value;
  }

  /** Issues an X user access token the X API accepts until it expires. */
  issueXAccessToken(userId: string, lifetimeS: number): string {
    const token = randomToken("xat");
    this.state.x.oauth2UserTokens.set(token, userId);
    this.xAccessExpiry.set(token, this.state.now() + lifetimeS * 1000);
    return token;
  }

  isExpiredXAccessToken(token: string): boolean {
    const expiresAt = this.xAccessExpiry.get(token);
    return expiresAt !== undefined && expiresAt <= this.state.now();
  }
}

export function randomToken(prefix: string): string {
  return `${prefix}-${randomBytes(24).toString("base64url")}`;
}

/** RFC 7636: BASE64URL(SHA256(code_verifier)) for S256. */
export function pkceChallenge(verifier: string, method: "S256" | "plain"): string {
  return method === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
}

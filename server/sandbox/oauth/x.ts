/**
 * X OAuth 2.0 Authorization Code Flow with PKCE:
 * https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code
 * https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token
 */
import { type Request, type RequestHandler, type Response, Router } from "express";
import { queryParams } from "@server/sandbox/http";
import { DEFAULT_ACCOUNTS } from "@server/sandbox/state";
import { sendXProblem, xProblems } from "@server/sandbox/x/problems";
import { LIFETIMES_S, SANDBOX_OAUTH_APPS } from "./apps";
import {
  consentDecision,
  isAbsoluteHttpUrl,
  postedFields,
  redirectWith,
  sendConsentPage,
  sendErrorPage,
} from "./consent";
import { type OAuthStore, pkceChallenge, randomToken } from "./store";

const PLATFORM = "X";
const OFFLINE_ACCESS = "offline.access";

/** The token endpoint's errors, in the shape X documents: {"error", "error_description"}. */
class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const tokenErrors = {
  invalidClient: () => new TokenError(401, "unauthorized_client", "Missing valid authorization header"),
  missing: (name: string) => new TokenError(400, "invalid_request", `Missing required parameter [${name}].`),
  invalidCode: () => new TokenError(400, "invalid_request", "Value passed for the authorization code was invalid."),
  invalidVerifier: () => new TokenError(400, "invalid_request", "Value passed for the code verifier was invalid."),
  invalidRedirect: () => new TokenError(400, "invalid_request", "Value passed for the redirect uri was invalid."),
  invalidRefresh: () => new TokenError(400, "invalid_request", "Value passed for the token was invalid."),
  unsupportedGrant: () => new TokenError(400, "unsupported_grant_type", "The grant_type is not supported."),
};

export function xOAuthRoutes(store: OAuthStore): Router {
  const router = Router();

  router.get("/i/oauth2/authorize", (req, res) => {
    const params = queryParams(req);
    const problem = authorizeProblem(params);
    if (problem) return sendErrorPage(res, PLATFORM, problem);
    sendConsentPage(res, {
      platform: PLATFORM,
      account: `@${DEFAULT_ACCOUNTS.xUser.username}`,
      scopes: params.scope!.split(" ").filter(Boolean),
      params,
    });
  });

  router.post("/i/oauth2/authorize", async (req, res) => {
    const { params, decision } = await consentDecision(req);
    const problem = authorizeProblem(params);
    if (problem) return sendErrorPage(res, PLATFORM, problem);
    if (decision === "deny")
      return res.redirect(redirectWith(params.redirect_uri!, { error: "access_denied", state: params.state }));
    const code = store.issueCode(
      {
        platform: "x",
        clientId: params.client_id!,
        redirectUri: params.redirect_uri!,
        scope: params.scope!,
        codeChallenge: params.code_challenge,
        codeChallengeMethod: params.code_challenge_method === "plain" ? "plain" : "S256",
      },
      LIFETIMES_S.authorizationCode,
    );
    res.redirect(redirectWith(params.redirect_uri!, { state: params.state, code }));
  });

  router.post("/2/oauth2/token", async (req, res) => {
    try {
      const params = await postedFields(req);
      const clientId = authenticateClient(req, params);
      if (params.grant_type === "authorization_code") return res.json(exchangeCode(store, clientId, params));
      if (params.grant_type === "refresh_token") return res.json(refresh(store, clientId, params));
      throw params.grant_type ? tokenErrors.unsupportedGrant() : tokenErrors.missing("grant_type");
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      res.status(error.status).json({ error: error.error, error_description: error.description });
    }
  });

  return router;
}

/** In front of the X API: tokens issued here stop working when they expire, with X's 401. */
export function expiredXTokens(store: OAuthStore): RequestHandler {
  return (req: Request, res: Response, next) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
    if (req.path.startsWith("/2/") && bearer && store.isExpiredXAccessToken(bearer))
      return sendXProblem(res, xProblems.unauthorized());
    next();
  };
}

function authorizeProblem(params: Record<string, string>): string | undefined {
  if (params.client_id !== SANDBOX_OAUTH_APPS.x.clientId)
    return "Something went wrong: the client_id is not a registered app.";
  if (!isAbsoluteHttpUrl(params.redirect_uri)) return "Something went wrong: redirect_uri must be an absolute URL.";
  if (params.response_type !== "code") return "Something went wrong: response_type must be code.";
  if (!params.scope) return "Something went wrong: scope is required.";
  if (!params.state) return "Something went wrong: state is required.";
  if (!params.code_challenge || !["S256", "plain"].includes(params.code_challenge_method ?? "")) {
    return "Something went wrong: code_challenge and code_challenge_method (S256 or plain) are required.";
  }
  return undefined;
}

/** Confidential clients send Basic auth; public clients send client_id in the body. */
function authenticateClient(req: Request, params: Record<string, string>): string {
  const { clientId, clientSecret } = SANDBOX_OAUTH_APPS.x;
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, "base64")
      .toString("utf8")
      .split(/:(.*)/s)
      .map((part) => decodeURIComponent(part ?? ""));
    if (id !== clientId || secret !== clientSecret) throw tokenErrors.invalidClient();
    return clientId;
  }
  if (params.client_id !== clientId) throw tokenErrors.invalidClient();
  return clientId;
}

function exchangeCode(store: OAuthStore, clientId: string, params: Record<string, string>) {
  for (const name of ["code", "redirect_uri", "code_verifier"]) if (!params[name]) throw tokenErrors.missing(name);
  const code = store.codes.get(params.code!);
  if (code?.platform !== "x" || code.used || code.clientId !== clientId || code.expiresAt <= store.state.now())
    throw tokenErrors.invalidCode();
  if (code.redirectUri !== params.redirect_uri) throw tokenErrors.invalidRedirect();
  if (pkceChallenge(params.code_verifier!, code.codeChallengeMethod ?? "S256") !== code.codeChallenge)
    throw tokenErrors.invalidVerifier();
  code.used = true;
  return issueTokens(store, DEFAULT_ACCOUNTS.xUser.id, clientId, code.scope);
}

/** Refresh tokens rotate: the one used is spent and a new one comes back. */
function refresh(store: OAuthStore, clientId: string, params: Record<string, string>) {
  if (!params.refresh_token) throw tokenErrors.missing("refresh_token");
  const grant = store.xRefreshTokens.get(params.refresh_token);
  if (!grant || grant.clientId !== clientId) throw tokenErrors.invalidRefresh();
  store.xRefreshTokens.delete(params.refresh_token);
  return issueTokens(store, grant.userId, clientId, grant.scope);
}

function issueTokens(store: OAuthStore, userId: string, clientId: string, scope: string) {
  const accessToken = store.issueXAccessToken(userId, LIFETIMES_S.xAccessToken);
  const offline = scope.split(" ").includes(OFFLINE_ACCESS);
  const refreshToken = offline ? randomToken("xrt") : undefined;
  if (refreshToken) store.xRefreshTokens.set(refreshToken, { userId, clientId, scope });
  return {
    token_type: "bearer",
    expires_in: LIFETIMES_S.xAccessToken,
    access_token: accessToken,
    scope,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}

/**
 * The platforms' OAuth flows: Facebook Login (code exchange, long-lived user token, the Pages
 * the user manages) and X's OAuth 2.0 with PKCE (code exchange, rotating refresh tokens,
 * access tokens that expire after two hours on the sandbox clock).
 */
import { Router } from "express";
import type { SandboxState } from "@server/sandbox/state";
import { debugTokenRoutes } from "./debugToken";
import { metaOAuthRoutes } from "./meta";
import { OAuthStore } from "./store";
import { expiredXTokens, xOAuthRoutes } from "./x";

export { SANDBOX_OAUTH_APPS, type SandboxOAuthApps } from "./apps";

/** Mount before the Graph and X routers: it answers the OAuth paths and user-token reads they do not know. */
export function oauthApi(state: SandboxState): Router {
  const store = new OAuthStore(state);
  const router = Router();
  router.use(expiredXTokens(store));
  router.use(metaOAuthRoutes(store));
  router.use(debugTokenRoutes(store));
  router.use(xOAuthRoutes(store));
  return router;
}

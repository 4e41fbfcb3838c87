/**
 * Inspecting an access token with the app's own token, as apps check which permissions a person
 * granted: GET /debug_token?input_token={token}&access_token={app-id}|{app-secret}.
 * https://developers.facebook.com/docs/graph-api/reference/debug_token
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/debugging-and-error-handling
 */
import { Router } from "express";
import { tokenFromRequest } from "@server/sandbox/graph/auth";
import { GraphError, graphErrors, sendGraphError } from "@server/sandbox/graph/errors";
import { isGraphVersion } from "@server/sandbox/graph/router";
import { queryParams } from "@server/sandbox/http";
import type { SandboxState } from "@server/sandbox/state";
import { SANDBOX_META_USER, SANDBOX_OAUTH_APPS } from "./apps";
import type { OAuthStore } from "./store";

const META_APP = SANDBOX_OAUTH_APPS.meta;

/** Page and Instagram permissions are granted per asset: granular_scopes name the Pages and accounts chosen. */
const assetScoped = (permission: string) => permission.startsWith("pages_") || permission.startsWith("instagram_");

export function debugTokenRoutes(store: OAuthStore): Router {
  const router = Router();
  const { state } = store;

  router.get("/:version/debug_token", (req, res, next) => {
    if (!isGraphVersion(String(req.params.version))) return next();
    try {
      const params = queryParams(req);
      if (tokenFromRequest(req, params) !== `${META_APP.appId}|${META_APP.appSecret}`)
        throw graphErrors.invalidParameter(
          "You must provide an app access token, or a user access token that is an owner or developer of the app",
        );
      if (!params.input_token) throw graphErrors.invalidParameter("The parameter input_token is required");
      res.json({ data: describe(state, store, params.input_token) });
    } catch (error) {
      if (!(error instanceof GraphError)) return next(error);
      sendGraphError(res, error);
    }
  });
  return router;
}

function describe(state: SandboxState, store: OAuthStore, inputToken: string) {
  const common = { app_id: META_APP.appId, application: "Siar (sandbox)", user_id: SANDBOX_META_USER.id };
  const page = state.graph.tokens.get(inputToken);
  if (page) {
    const scopes = page.scopes ? [...page.scopes] : [...state.graph.loginConfigurations.values()].flat();
    const ig = state.graph.pages.get(page.pageId)?.igUserId;
    return {
      ...common,
      type: "PAGE",
      profile_id: page.pageId,
      is_valid: page.status === "valid",
      expires_at: 0,
      scopes: [...new Set(scopes)],
      granular_scopes: [...new Set(scopes)].filter(assetScoped).map((scope) => ({
        scope,
        target_ids: scope.startsWith("instagram_") && ig ? [ig] : [page.pageId],
      })),
    };
  }
  const user = store.metaUserTokens.get(inputToken);
  if (user) {
    return {
      ...common,
      type: "USER",
      is_valid: user.expiresAt > state.now(),
      expires_at: Math.floor(user.expiresAt / 1000),
      scopes: user.scopes,
    };
  }
  return {
    is_valid: false,
    scopes: [],
    error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token" },
  };
}

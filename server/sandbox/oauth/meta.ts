/**
 * Facebook Login for Business, manually built flow, from a saved configuration (config_id):
 * https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/
 * https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 * https://developers.facebook.com/docs/pages-api/getting-started (GET /me/accounts)
 */
import { type Request, Router } from "express";
import { tokenFromRequest } from "@server/sandbox/graph/auth";
import { GraphError, graphErrors, sendGraphError } from "@server/sandbox/graph/errors";
import { selectFields } from "@server/sandbox/graph/fields";
import { isGraphVersion } from "@server/sandbox/graph/router";
import { queryParams } from "@server/sandbox/http";
import type { SandboxState } from "@server/sandbox/state";
import { LIFETIMES_S, SANDBOX_META_USER, SANDBOX_OAUTH_APPS } from "./apps";
import {
  consentDecision,
  isAbsoluteHttpUrl,
  postedFields,
  redirectWith,
  sendConsentPage,
  sendErrorPage,
} from "./consent";
import { type MetaUserToken, type OAuthStore, randomToken } from "./store";

const PLATFORM = "Facebook";
/** Facebook appends this fragment to every Login redirect. */
const FRAGMENT = "#_=_";
const PAGE_TASKS = ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"];

const oauthError = (message: string, code: number, subcode?: number) =>
  new GraphError(400, { message, type: "OAuthException", code, ...(subcode ? { error_subcode: subcode } : {}) });

const metaErrors = {
  invalidAppId: () => oauthError("Error validating application. Invalid application ID.", 101),
  invalidSecret: () => oauthError("Error validating client secret.", 1),
  missingRedirect: () => oauthError("Missing redirect_uri parameter.", 191),
  redirectMismatch: () =>
    oauthError(
      "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
      100,
      36008,
    ),
  invalidCode: () => oauthError("Invalid verification code format.", 100, 36007),
  usedCode: () => oauthError("This authorization code has been used.", 100, 36009),
  expiredCode: () => oauthError("This authorization code has expired.", 100, 36007),
  missingParameter: (name: string) => graphErrors.invalidParameter(`Missing ${name} parameter.`),
};

export function metaOAuthRoutes(store: OAuthStore): Router {
  const { state } = store;
  const app = SANDBOX_OAUTH_APPS.meta;
  const router = Router();
  const graphVersion = (req: Request) => isGraphVersion(String(req.params.version));

  // The Login dialog on www.facebook.com; errors in the request itself are shown, not redirected.
  router.get("/:version/dialog/oauth", (req, res, next) => {
    if (!graphVersion(req)) return next();
    const params = queryParams(req);
    const problem = dialogProblem(state, params);
    if (problem) return sendErrorPage(res, PLATFORM, problem);
    sendConsentPage(res, {
      platform: PLATFORM,
      account: SANDBOX_META_USER.name,
      scopes: state.graph.loginConfigurations.get(params.config_id!)!,
      params,
    });
  });

  router.post("/:version/dialog/oauth", async (req, res, next) => {
    if (!graphVersion(req)) return next();
    const { params, decision } = await consentDecision(req);
    const problem = dialogProblem(state, params);
    if (problem) return sendErrorPage(res, PLATFORM, problem);
    const redirectUri = params.redirect_uri!;
    if (decision === "deny") {
      return res.redirect(
        redirectWith(
          redirectUri,
          {
            error: "access_denied",
            error_code: "200",
            error_description: "Permissions error",
            error_reason: "user_denied",
            state: params.state,
          },
          FRAGMENT,
        ),
      );
    }
    // A Login for Business configuration replaces the scope list: the person grants what it names.
    const permissions = state.graph.loginConfigurations.get(params.config_id!)!;
    const code = store.issueCode(
      { platform: "meta", clientId: app.appId, redirectUri, scope: permissions.join(",") },
      LIFETIMES_S.authorizationCode,
    );
    res.redirect(redirectWith(redirectUri, { code, state: params.state }, FRAGMENT));
  });

  router.all("/:version/oauth/access_token", async (req, res, next) => {
    if (!graphVersion(req)) return next();
    try {
      const params = { ...queryParams(req), ...(await postedFields(req)) };
      if (params.client_id !== app.appId) throw metaErrors.invalidAppId();
      if (params.client_secret !== app.appSecret) throw metaErrors.invalidSecret();
      const grant =
        params.grant_type === "fb_exchange_token" ? exchangeForLongLived(store, params) : exchangeCode(store, params);
      res.json(issueUserToken(store, grant));
    } catch (error) {
      if (!(error instanceof GraphError)) return next(error);
      sendGraphError(res, error);
    }
  });

  // User-token reads; a Page token falls through to the Graph router, which knows those.
  router.get(["/:version/me", "/:version/me/accounts", "/:version/me/permissions"], (req, res, next) => {
    const params = queryParams(req);
    const token = tokenFromRequest(req, params);
    const user = token ? store.metaUserTokens.get(token) : undefined;
    if (!graphVersion(req) || !user || !token) return next();
    try {
      if (user.expiresAt <= state.now()) throw graphErrors.expiredToken(new Date(state.now()));
      if (req.path.endsWith("/accounts")) return res.json(managedPages(store, token, user, params.fields));
      // https://developers.facebook.com/docs/graph-api/reference/user/permissions/
      if (req.path.endsWith("/permissions"))
        return res.json({ data: user.scopes.map((permission) => ({ permission, status: "granted" })) });
      res.json(selectFields({ ...SANDBOX_META_USER }, params.fields, "User", ["id", "name"]));
    } catch (error) {
      if (!(error instanceof GraphError)) return next(error);
      sendGraphError(res, error);
    }
  });

  return router;
}

/** What makes a dialog request unusable: Facebook shows an error page instead of redirecting. */
function dialogProblem(state: SandboxState, params: Record<string, string>): string | undefined {
  if (params.client_id !== SANDBOX_OAUTH_APPS.meta.appId)
    return "Invalid App ID: The provided app ID does not look like a valid app ID.";
  // A Business app logs in only through a Login for Business configuration; a scope list alone is not enough.
  if (!params.config_id)
    return "It looks like this app isn't available: this app needs at least one supported permission. (A Business app opens Facebook Login for Business with config_id.)";
  if (!state.graph.loginConfigurations.has(params.config_id))
    return "It looks like this app isn't available: the configuration (config_id) does not exist for this app.";
  if (!isAbsoluteHttpUrl(params.redirect_uri))
    return "Can't Load URL: The redirect_uri URL must be absolute. (error 191)";
  if (params.response_type && params.response_type !== "code")
    return `Unsupported response_type: ${params.response_type}`;
  return undefined;
}

type Grant = { lifetimeS: number; scopes: string[] };

/** The code exchange; returns the (short-lived) user token to issue. */
function exchangeCode(store: OAuthStore, params: Record<string, string>): Grant {
  if (!params.redirect_uri) throw metaErrors.missingRedirect();
  if (!params.code) throw metaErrors.missingParameter("code");
  const code = store.codes.get(params.code);
  if (code?.platform !== "meta") throw metaErrors.invalidCode();
  if (code.used) throw metaErrors.usedCode();
  if (code.expiresAt <= store.state.now()) throw metaErrors.expiredCode();
  if (code.redirectUri !== params.redirect_uri) throw metaErrors.redirectMismatch();
  code.used = true;
  return { lifetimeS: LIFETIMES_S.metaShortLivedToken, scopes: code.scope.split(",").filter(Boolean) };
}

function exchangeForLongLived(store: OAuthStore, params: Record<string, string>): Grant {
  if (!params.fb_exchange_token) throw metaErrors.missingParameter("fb_exchange_token");
  const user = store.metaUserTokens.get(params.fb_exchange_token);
  if (!user) throw graphErrors.invalidToken();
  if (user.expiresAt <= store.state.now()) throw graphErrors.expiredToken(new Date(store.state.now()));
  return { lifetimeS: LIFETIMES_S.metaLongLivedToken, scopes: user.scopes };
}

function issueUserToken(store: OAuthStore, { lifetimeS, scopes }: Grant) {
  const token = randomToken("EAAUser");
  store.metaUserTokens.set(token, {
    longLived: lifetimeS === LIFETIMES_S.metaLongLivedToken,
    expiresAt: store.state.now() + lifetimeS * 1000,
    scopes,
  });
  return { access_token: token, token_type: "bearer", expires_in: lifetimeS };
}

/** The user's Page token for a Page: it carries the user's permissions, and it never expires. */
function pageTokenOf(store: OAuthStore, userToken: string, user: MetaUserToken, pageId: string): string {
  const issued = store.pageTokensOfUser.get(userToken) ?? new Map<string, string>();
  store.pageTokensOfUser.set(userToken, issued);
  const known = issued.get(pageId);
  if (known && store.state.graph.tokens.has(known)) return known;
  const token = randomToken("EAAPage");
  store.state.graph.tokens.set(token, { token, pageId, status: "valid", scopes: new Set(user.scopes) });
  issued.set(pageId, token);
  return token;
}

/** The Pages the user manages, each with a Page token that the Graph router accepts. */
function managedPages(store: OAuthStore, userToken: string, user: MetaUserToken, fields: string | undefined) {
  const { state } = store;
  const data = [...state.graph.pages.values()].map((page) => {
    const token = pageTokenOf(store, userToken, user, page.id);
    const ig = state.graph.igAccounts.get(page.igUserId);
    return selectFields(
      {
        id: page.id,
        name: page.name,
        category: page.category,
        access_token: token,
        tasks: PAGE_TASKS,
        instagram_business_account: ig ? { id: ig.id, username: ig.username } : undefined,
      },
      fields,
      "Page",
      ["access_token", "category", "name", "id", "tasks"],
    );
  });
  const cursor = (id: unknown) => Buffer.from(String(id)).toString("base64url");
  return { data, paging: { cursors: { before: cursor(data[0]?.id ?? ""), after: cursor(data.at(-1)?.id ?? "") } } };
}

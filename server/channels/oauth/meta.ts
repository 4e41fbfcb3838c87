/**
 * Facebook Login for Business, server side: the dialog URL, the code exchange, the long-lived user
 * token and the Pages it manages (each with its Page token and linked Instagram account).
 * https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/
 * https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 */
import { sendRequest, type Platform } from "@server/channels/http.js";
import { OAuthFailure } from "./failure.js";
import type { MetaOAuthApp } from "./providers.js";

const FACEBOOK: Platform = { label: "Facebook", codePrefix: "graph" };

/** A Page the admin may connect; its token stays on the server. */
export type ManagedPage = {
  id: string;
  name: string;
  accessToken: string;
  instagram: { id: string; username: string } | null;
};

/**
 * The Login dialog opens the app's saved configuration (config_id) instead of a scope list: the
 * configuration names the token type (user access token), the assets and the permissions, and a
 * Business app without one is "not available" to the person signing in.
 */
export function metaDialogUrl(app: MetaOAuthApp, redirectUri: string, state: string): string {
  const url = new URL(`${app.dialogUrl}/${app.apiVersion}/dialog/oauth`);
  url.search = new URLSearchParams({
    client_id: app.appId,
    redirect_uri: redirectUri,
    state,
    config_id: app.loginConfigId,
    response_type: "code",
  }).toString();
  return url.toString();
}

/**
 * The code for a short-lived user token, then that for a long-lived one: Page tokens obtained
 * with a long-lived user token do not expire.
 */
export async function exchangeMetaCode(app: MetaOAuthApp, redirectUri: string, code: string): Promise<string> {
  const credentials = { client_id: app.appId, client_secret: app.appSecret };
  const shortLived = await graphGet<{ access_token: string }>(app, "oauth/access_token", {
    ...credentials,
    redirect_uri: redirectUri,
    code,
  });
  const longLived = await graphGet<{ access_token: string }>(app, "oauth/access_token", {
    ...credentials,
    grant_type: "fb_exchange_token",
    fb_exchange_token: shortLived.access_token,
  });
  return longLived.access_token;
}

type AccountsPage = {
  data: {
    id: string;
    name: string;
    access_token?: string;
    instagram_business_account?: { id: string; username?: string };
  }[];
  paging?: { next?: string };
};

/** The Pages the user manages (all pages of the list; an office rarely has more than a few dozen). */
export async function managedPages(app: MetaOAuthApp, userToken: string): Promise<ManagedPage[]> {
  const pages: ManagedPage[] = [];
  let next: URL | undefined = graphUrl(app, "me/accounts", {
    fields: "id,name,access_token,instagram_business_account{id,username}",
    limit: "100",
    access_token: userToken,
  });
  while (next) {
    const page: AccountsPage = await request<AccountsPage>(next);
    for (const account of page.data) {
      // Without a Page token the user lacks a task that publishing needs; such a Page cannot be connected.
      if (!account.access_token) continue;
      const ig = account.instagram_business_account;
      pages.push({
        id: account.id,
        name: account.name,
        accessToken: account.access_token,
        instagram: ig ? { id: ig.id, username: ig.username ?? ig.id } : null,
      });
    }
    next = page.paging?.next ? new URL(page.paging.next) : undefined;
  }
  return pages;
}

function graphUrl(app: MetaOAuthApp, path: string, query: Record<string, string>): URL {
  const url = new URL(`${app.graphUrl}/${app.apiVersion}/${path}`);
  url.search = new URLSearchParams(query).toString();
  return url;
}

function graphGet<T>(app: MetaOAuthApp, path: string, query: Record<string, string>): Promise<T> {
  return request<T>(graphUrl(app, path, query));
}

async function request<T>(url: URL): Promise<T> {
  const response = await sendRequest(FACEBOOK, url, { method: "GET" });
  if (response.status === 200) return response.body as T;
  const error = (response.body as { error?: { message?: string; code?: number } } | undefined)?.error;
  throw new OAuthFailure(
    "platform_error",
    `Facebook: ${error?.message ?? `HTTP ${response.status}`} (code ${error?.code ?? "?"})`,
  );
}

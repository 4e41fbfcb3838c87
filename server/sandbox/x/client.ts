/**
 * Pointing twitter-api-v2 at the sandbox: its hosts are constants and it always speaks https, so
 * a plugin rewrites api.x.com / upload.x.com URLs to the sandbox and a plain http.Agent is used.
 */
import http from "node:http";
import { type ITwitterApiClientPlugin, TwitterApi } from "twitter-api-v2";
import { X_PLATFORM_ORIGINS } from "./origins";

export function sandboxTwitterPlugin(baseUrl: string): ITwitterApiClientPlugin {
  const base = baseUrl.replace(/\/$/, "");
  const rewrite = ({ params }: { params: { url: string } }) => {
    const origin = X_PLATFORM_ORIGINS.find((o) => params.url.startsWith(o));
    if (origin) params.url = base + params.url.slice(origin.length);
  };
  return { onBeforeRequestConfig: rewrite, onBeforeStreamRequestConfig: rewrite };
}

export type SandboxXAuth =
  | { appKey: string; appSecret: string; accessToken: string; accessSecret: string }
  | { bearerToken: string };

/** A twitter-api-v2 client talking to the sandbox at `baseUrl`, with OAuth 1.0a keys or a bearer token. */
export function createXClientForSandbox(baseUrl: string, auth: SandboxXAuth): TwitterApi {
  const settings = { plugins: [sandboxTwitterPlugin(baseUrl)], httpAgent: new http.Agent({ keepAlive: false }) };
  return "bearerToken" in auth ? new TwitterApi(auth.bearerToken, settings) : new TwitterApi(auth, settings);
}

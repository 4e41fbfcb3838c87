/**
 * Where each platform's OAuth endpoints are and which app Siar signs in as: the configured
 * apps against the real platforms, or, when channels are simulated, the sandbox's URLs with the
 * sandbox's apps as defaults, so the connect buttons work end to end in demo mode.
 */
import type { Services } from "@server/services.js";
import { GRAPH_BASE_URL } from "@server/channels/graph.js";

export type OAuthProvider = "meta" | "x";

export type MetaOAuthApp = {
  appId: string;
  appSecret: string;
  /** The Facebook Login for Business configuration (token type, assets, permissions) the dialog opens. */
  loginConfigId: string;
  /** Where the Login dialog is: www.facebook.com, or the sandbox. */
  dialogUrl: string;
  graphUrl: string;
  apiVersion: string;
  /** Settings of the channels connected this way (the Graph base URL when simulated; the version comes from configuration). */
  channelSettings: Record<string, string>;
  simulated: boolean;
};

export type XOAuthApp = {
  clientId: string;
  /** Absent for a public client, which proves itself with PKCE alone. */
  clientSecret?: string;
  authorizeUrl: string;
  apiUrl: string;
  channelSettings: Record<string, string>;
  simulated: boolean;
};

/** offline.access brings the refresh token; media.write lets the adapter upload images and video. */
export const X_SCOPES = ["tweet.read", "tweet.write", "users.read", "offline.access", "media.write"];

export function metaOAuthApp({ config, sandbox }: Pick<Services, "config" | "sandbox">): MetaOAuthApp | null {
  const app = config.oauth.meta ?? sandbox?.credentials.oauth.meta;
  if (!app) return null;
  return {
    appId: app.appId,
    appSecret: app.appSecret,
    loginConfigId: app.loginConfigId,
    dialogUrl: config.oauth.meta?.dialogUrl ?? sandbox?.url ?? "https://www.facebook.com",
    graphUrl: sandbox?.url ?? GRAPH_BASE_URL,
    apiVersion: config.graphApiVersion,
    channelSettings: sandbox ? { baseUrl: sandbox.url } : {},
    simulated: sandbox !== null,
  };
}

export function xOAuthApp({ config, sandbox }: Pick<Services, "config" | "sandbox">): XOAuthApp | null {
  const app = config.oauth.x ?? sandbox?.credentials.oauth.x;
  if (!app) return null;
  return {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    authorizeUrl: `${sandbox?.url ?? "https://x.com"}/i/oauth2/authorize`,
    apiUrl: sandbox?.url ?? "https://api.x.com",
    channelSettings: sandbox ? { baseUrl: sandbox.url } : {},
    simulated: sandbox !== null,
  };
}

/** Where a platform sends the admin back; it must be registered with the app exactly like this. */
export function callbackUrl(services: Pick<Services, "config">, provider: OAuthProvider): string {
  return `${services.config.publicBaseUrl}/api/channels/oauth/${provider}/callback`;
}

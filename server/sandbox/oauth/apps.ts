import { DEFAULT_ACCOUNTS } from "@server/sandbox/state";

/** The OAuth apps registered on the sandbox; Siar's demo mode uses them when none are configured. */
export interface SandboxOAuthApps {
  /** A Meta Business app (Facebook Login for Business): its id is the Graph app id, with one login configuration. */
  meta: { appId: string; appSecret: string; loginConfigId: string };
  /** An X app with OAuth 2.0 enabled, as a confidential client. */
  x: { clientId: string; clientSecret: string };
}

export const SANDBOX_OAUTH_APPS: SandboxOAuthApps = {
  meta: {
    appId: DEFAULT_ACCOUNTS.graphAppId,
    appSecret: "sandbox-meta-app-secret",
    loginConfigId: DEFAULT_ACCOUNTS.metaLoginConfigId,
  },
  x: { clientId: "c2FuZGJveC14LWNsaWVudA", clientSecret: "sandbox-x-client-secret" },
};

/** The person who signs in on the consent pages: an admin of the seeded Page and the seeded X account. */
export const SANDBOX_META_USER = { id: "10229900112233445", name: "Admin Diskominfo Sanggau" } as const;

/** Lifetimes as the platforms document them. */
export const LIFETIMES_S = {
  /** Authorization codes are short-lived and single-use on both platforms. */
  authorizationCode: 10 * 60,
  /** Short-lived Facebook user tokens last about an hour; long-lived ones about 60 days. */
  metaShortLivedToken: 60 * 60,
  metaLongLivedToken: 60 * 24 * 3600,
  /** X user access tokens expire after two hours. */
  xAccessToken: 2 * 3600,
} as const;

/**
 * Siar's local imitation of the platform APIs it publishes to and listens on: Graph API (Facebook
 * Pages + Instagram, WhatsApp Cloud API), X API v2 and the WordPress REST API, served by one HTTP server on 127.0.0.1,
 * so real client code runs against it by changing only a base URL.
 */
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { SandboxControl, controlApi } from "./control";
import { FaultInjector } from "./faults";
import { graphApi } from "./graph/router";
import { GraphUsage } from "./graph/usage";
import { oauthApi, SANDBOX_OAUTH_APPS, type SandboxOAuthApps } from "./oauth";
import { platformOf, sendPlatformError, sendStatusError } from "./platform";
import { DEFAULT_ACCOUNTS, type SandboxConfig, SandboxState } from "./state";
import { WebhookDispatcher, type WebhookOptions } from "./webhooks";
import { whatsappApi } from "./whatsapp/router";
import { WHATSAPP_ACCOUNTS, WhatsAppSandbox } from "./whatsapp/state";
import { wordpressApi } from "./wordpress/router";
import { XBilling } from "./x/billing";
import { XRateLimiter } from "./x/rateLimits";
import { xApi } from "./x/router";

export { assertSandboxAllowed } from "./guard";
export { createCitizenTextGenerator, type CitizenText } from "./citizenText";
export { createXClientForSandbox, sandboxTwitterPlugin, type SandboxXAuth } from "./x/client";
export { signatureOf } from "./webhooks";
export type { FaultSpec, FaultRule } from "./faults";
export type { SandboxControl } from "./control";
export type { SandboxState, SandboxConfig } from "./state";

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Only loopback addresses are accepted. */
  host?: "127.0.0.1" | "localhost" | "::1";
  /** Seeds generated texts and fault sampling; the same seed gives the same run. */
  seed?: number;
  /** Bearer token required on /_sandbox/* control routes. */
  controlToken: string;
  webhook?: WebhookOptions;
  config?: Partial<SandboxConfig>;
}

export interface SandboxCredentials {
  graph: {
    /** e.g. http://127.0.0.1:PORT; append /v26.0/... */
    baseUrl: string;
    apiVersion: string;
    appId: string;
    pageId: string;
    pageName: string;
    pageAccessToken: string;
    igUserId: string;
    igUsername: string;
    /** Tokens that fail with OAuthException 190 (subcodes 463 and 458), for testing reconnection flows. */
    expiredPageAccessToken: string;
    revokedPageAccessToken: string;
  };
  x: {
    baseUrl: string;
    userId: string;
    username: string;
    appKey: string;
    appSecret: string;
    accessToken: string;
    accessSecret: string;
    oauth2UserToken: string;
    appOnlyBearerToken: string;
  };
  /** The WhatsApp Business Account, its phone number and the system-user token (Cloud API on the Graph paths). */
  whatsapp: {
    baseUrl: string;
    apiVersion: string;
    wabaId: string;
    phoneNumberId: string;
    displayPhoneNumber: string;
    accessToken: string;
  };
  wordpress: {
    /** Site URL; the REST API is at `${baseUrl}/wp-json/wp/v2`. */
    baseUrl: string;
    username: string;
    applicationPassword: string;
  };
  webhook?: { appSecret: string; verifyToken: string };
  /** The OAuth apps its Facebook Login and X OAuth 2.0 endpoints know. */
  oauth: SandboxOAuthApps;
}

export interface Sandbox {
  url: string;
  state: SandboxState;
  control: SandboxControl;
  credentials: SandboxCredentials;
  /** The bearer token its /_sandbox/* control routes require. */
  controlToken: string;
  close(): Promise<void>;
}

const DEFAULT_GRAPH_VERSION = "v26.0";
/** WordPress media and Graph photo sources arrive as one body; allow video-sized uploads. */
const MAX_BODY = "600mb";

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  if (!["127.0.0.1", "localhost", "::1"].includes(host))
    throw new Error("The sandbox only listens on a loopback address");
  if (!options.controlToken) throw new Error("startSandbox needs a controlToken");

  const state = new SandboxState(options.seed ?? 1, options.config);
  const services = {
    state,
    faults: new FaultInjector(state),
    graphUsage: new GraphUsage(state),
    xLimiter: new XRateLimiter(state),
    xBilling: new XBilling(state),
    webhooks: new WebhookDispatcher(state, options.webhook ? { ...options.webhook } : undefined),
    whatsapp: new WhatsAppSandbox(),
  };
  const control = new SandboxControl(services);
  let credentials: SandboxCredentials | undefined;

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(express.raw({ type: () => true, limit: MAX_BODY }));
  app.use(controlApi(control, options.controlToken, () => credentials));
  app.use(services.faults.middleware());
  app.use(oauthApi(state));
  app.use(whatsappApi(state, services.whatsapp, services.webhooks));
  app.use(graphApi(state, services.graphUsage));
  app.use(xApi(state, services.xLimiter, services.xBilling));
  app.use(wordpressApi(state));
  app.use((req: Request, res: Response) => sendStatusError(res, platformOf(req.path), 404));
  // Whatever goes wrong, the client gets its platform's JSON error, never an HTML page.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return res.end();
    if (sendPlatformError(res, error)) return;
    const status = (error as { status?: number }).status;
    sendStatusError(
      res,
      platformOf(req.path),
      typeof status === "number" && status >= 400 && status < 600 ? status : 500,
    );
  });

  const server = app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === "::1" ? "[::1]" : host}:${port}`;
  credentials = credentialsFor(url, options.webhook);

  return {
    url,
    state,
    control,
    credentials,
    controlToken: options.controlToken,
    close: async () => {
      services.webhooks.close();
      services.faults.releaseHanging();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function credentialsFor(url: string, webhook: WebhookOptions | undefined): SandboxCredentials {
  const a = DEFAULT_ACCOUNTS;
  return {
    graph: {
      baseUrl: url,
      apiVersion: DEFAULT_GRAPH_VERSION,
      appId: a.graphAppId,
      pageId: a.page.id,
      pageName: a.page.name,
      pageAccessToken: a.pageAccessToken,
      igUserId: a.igAccount.id,
      igUsername: a.igAccount.username,
      expiredPageAccessToken: a.expiredPageAccessToken,
      revokedPageAccessToken: a.revokedPageAccessToken,
    },
    x: {
      baseUrl: url,
      userId: a.xUser.id,
      username: a.xUser.username,
      appKey: a.xApp.consumerKey,
      appSecret: a.xApp.consumerSecret,
      accessToken: a.xOAuth1.token,
      accessSecret: a.xOAuth1.secret,
      oauth2UserToken: a.xOAuth2UserToken,
      appOnlyBearerToken: a.xApp.appOnlyBearerToken,
    },
    whatsapp: {
      baseUrl: url,
      apiVersion: DEFAULT_GRAPH_VERSION,
      wabaId: WHATSAPP_ACCOUNTS.wabaId,
      phoneNumberId: WHATSAPP_ACCOUNTS.phoneNumberId,
      displayPhoneNumber: WHATSAPP_ACCOUNTS.displayPhoneNumber,
      accessToken: WHATSAPP_ACCOUNTS.systemUserToken,
    },
    wordpress: { baseUrl: url, username: a.wpUser.username, applicationPassword: a.wpUser.applicationPassword },
    oauth: SANDBOX_OAUTH_APPS,
    ...(webhook ? { webhook: { appSecret: webhook.appSecret, verifyToken: webhook.verifyToken } } : {}),
  };
}

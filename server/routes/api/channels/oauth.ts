/**
 * Connecting Facebook Pages, Instagram accounts and X accounts by signing in on the platform
 * (admins only). start → the platform's consent page → callback → (Meta: choose Pages →
 * complete) → channels connected through connectChannel. Callback errors return to the
 * channels page as ?oauthError=<code>, which it shows in the admin's language.
 */
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { randomToken } from "@server/auth/tokens.js";
import { ChannelError } from "@server/channels/adapter.js";
import { accountsConnectedElsewhere, connectOrReconnect } from "@server/commands/channels.js";
import { OAuthFailure, type OAuthFailureCode } from "@server/channels/oauth/failure.js";
import { clearFlow, loadFlow, saveFlow } from "@server/channels/oauth/flowCookie.js";
import { exchangeMetaCode, managedPages, metaDialogUrl } from "@server/channels/oauth/meta.js";
import { callbackUrl, metaOAuthApp, type OAuthProvider, xOAuthApp } from "@server/channels/oauth/providers.js";
import { exchangeXCode, pkcePair, xAccountOf, xAuthorizeUrl } from "@server/channels/oauth/x.js";
import { xCredentialsOf } from "@server/channels/oauth/xTokens.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import type { ConnectedChannel, MetaPage, OAuthApps } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

const CHANNELS_PAGE = "/app/admin/channels";

const startQuery = z.object({
  unitId: z.uuid(),
  /** The admin confirmed connecting an account another unit already has. */
  shareAccount: z.enum(["true"]).optional(),
});
const callbackQuery = z.object({
  state: z.string().optional(),
  code: z.string().optional(),
  error: z.string().optional(),
});
const pagesQuery = z.object({ state: z.string().min(1) });
const completeBody = z
  .object({
    state: z.string().min(1),
    pageId: z.string().regex(/^\d{1,30}$/),
    connectFacebook: z.boolean().default(true),
    connectInstagram: z.boolean(),
    shareAccount: z.boolean().default(false),
  })
  .strict();

export function channelOAuthRoutes(services: Services): Router {
  const router = Router();
  // Every step creates or prepares channels: the same permission as connecting by token.
  router.use((req, _res, next) => {
    authorize(req.actor!, "create", "Channel");
    next();
  });
  const metaApp = () => metaOAuthApp(services) ?? notConfigured();
  const xApp = () => xOAuthApp(services) ?? notConfigured();

  /** Which connect buttons the channels page shows. */
  router.get("/", (_req, res) => {
    res.json({ meta: metaOAuthApp(services) !== null, x: xOAuthApp(services) !== null } satisfies OAuthApps);
  });

  router.get("/meta/start", async (req, res) => {
    const app = metaApp();
    const { unitId } = await startFor(req);
    const state = randomToken();
    saveFlow(services, req, res, { provider: "meta", state, userId: req.actor!.id, unitId });
    res.redirect(metaDialogUrl(app, callbackUrl(services, "meta"), state));
  });

  router.get(
    "/meta/callback",
    returningToChannelsPage("meta", async (req, res) => {
      const flow = callbackFlow(req, "meta");
      const code = req.query.code as string;
      const userToken = await exchangeMetaCode(metaApp(), callbackUrl(services, "meta"), code);
      // The Page tokens stay on the server; the cookie keeps the user token for the selection step.
      if ((await managedPages(metaApp(), userToken)).length === 0) throw new OAuthFailure("no_pages");
      saveFlow(services, req, res, { ...flow, userToken });
      return `${CHANNELS_PAGE}?oauth=meta&state=${encodeURIComponent(flow.state)}`;
    }),
  );

  /** The Pages to choose from, without their tokens, each naming the unit that already has it or its Instagram. */
  router.get("/meta/pages", async (req, res) => {
    const { state } = parse(pagesQuery, req.query, req);
    const pages = await pagesOf(req, state);
    const elsewhere = await accountsConnectedElsewhere(
      services,
      selectionFlow(req, state).unitId,
      pages.flatMap((page) => [
        { kind: "facebook" as const, externalId: page.id },
        ...(page.instagram ? [{ kind: "instagram" as const, externalId: page.instagram.id }] : []),
      ]),
    );
    res.json({
      data: pages.map(({ id, name, instagram }) => ({
        id,
        name,
        instagram,
        connectedElsewhere: {
          facebook: elsewhere.get(`facebook:${id}`) ?? null,
          instagram: instagram ? (elsewhere.get(`instagram:${instagram.id}`) ?? null) : null,
        },
      })),
    } satisfies { data: MetaPage[] });
  });

  router.post("/meta/complete", async (req, res) => {
    const body = parse(completeBody, req.body, req);
    const flow = selectionFlow(req, body.state);
    const page = (await pagesOf(req, body.state)).find((candidate) => candidate.id === body.pageId);
    if (!page) throw new AppError("not_found", { field: "pageId" });
    const app = metaApp();
    const common = {
      unitId: flow.unitId,
      settings: app.channelSettings,
      simulated: app.simulated,
      shareAccount: body.shareAccount,
    };
    const accounts = [];
    if (body.connectFacebook) {
      accounts.push(
        await connectOrReconnect(services, originOf(req), {
          ...common,
          kind: "facebook",
          name: page.name,
          externalId: page.id,
          credentials: { pageAccessToken: page.accessToken },
        }),
      );
    }
    if (body.connectInstagram) {
      if (!page.instagram) throw new AppError("not_found", { field: "connectInstagram" });
      // Instagram publishing goes through the linked Page's token.
      const instagram = {
        ...common,
        kind: "instagram" as const,
        name: `@${page.instagram.username}`,
        externalId: page.instagram.id,
        credentials: { accessToken: page.accessToken },
      };
      accounts.push(await connectOrReconnect(services, originOf(req), instagram));
    }
    res.status(201).json({
      data: accounts.map(({ channel, reconnected }) => ({
        id: channel.id,
        kind: channel.kind,
        name: channel.name,
        reconnected,
      })),
    } satisfies { data: ConnectedChannel[] });
  });

  router.get("/x/start", async (req, res) => {
    const app = xApp();
    const { unitId, shareAccount } = await startFor(req);
    const state = randomToken();
    const pkce = pkcePair();
    saveFlow(services, req, res, {
      provider: "x",
      state,
      userId: req.actor!.id,
      unitId,
      codeVerifier: pkce.verifier,
      shareAccount: shareAccount === "true",
    });
    res.redirect(xAuthorizeUrl(app, callbackUrl(services, "x"), state, pkce.challenge));
  });

  router.get(
    "/x/callback",
    returningToChannelsPage("x", async (req, res) => {
      const flow = callbackFlow(req, "x");
      const app = xApp();
      const tokens = await exchangeXCode(app, callbackUrl(services, "x"), req.query.code as string, flow.codeVerifier!);
      const account = await xAccountOf(app, tokens.accessToken);
      clearFlow(res, "x");
      try {
        await connectOrReconnect(services, originOf(req), {
          unitId: flow.unitId,
          kind: "x",
          name: `@${account.username}`,
          externalId: account.id,
          credentials: xCredentialsOf(tokens),
          settings: { ...app.channelSettings, username: account.username },
          simulated: app.simulated,
          shareAccount: flow.shareAccount ?? false,
        });
      } catch (error) {
        if (!(error instanceof AppError && error.code === "channel_connected_elsewhere")) throw error;
        // The channels page names the unit that has the account and offers to connect it anyway.
        const { unit } = error.details as { unit: string };
        const query = new URLSearchParams({ oauthError: "connected_elsewhere", unitId: flow.unitId, elsewhere: unit });
        return `${CHANNELS_PAGE}?${query}`;
      }
      return `${CHANNELS_PAGE}?oauthConnected=x`;
    }),
  );

  async function startFor(req: Request) {
    const query = parse(startQuery, req.query, req);
    if (!(await services.prisma.unit.findFirst({ where: { id: query.unitId, active: true } })))
      throw new AppError("not_found", { field: "unitId" });
    return query;
  }

  /** The flow a platform's redirect continues; the platform's own error (the admin cancelled) comes first. */
  function callbackFlow(req: Request, provider: OAuthProvider) {
    const query = parse(callbackQuery, req.query, req);
    const flow = loadFlow(services, req, provider, query.state);
    if (query.error)
      throw new OAuthFailure(
        query.error === "access_denied" ? "access_denied" : "platform_error",
        `${provider}: ${query.error}`,
      );
    if (!query.code) throw new OAuthFailure("platform_error", `${provider}: the callback has no code`);
    return flow;
  }

  function selectionFlow(req: Request, state: string) {
    const flow = loadFlow(services, req, "meta", state);
    if (!flow.userToken) throw new AppError("not_found", { field: "state" });
    return flow;
  }

  async function pagesOf(req: Request, state: string) {
    const flow = selectionFlow(req, state);
    return managedPages(metaApp(), flow.userToken!);
  }

  /** Runs a callback step and redirects to where it says, or to the channels page with an error code. */
  function returningToChannelsPage(provider: OAuthProvider, step: (req: Request, res: Response) => Promise<string>) {
    return async (req: Request, res: Response) => {
      let target: string;
      try {
        target = await step(req, res);
      } catch (error) {
        const code = failureCode(error);
        if (code === "invalid_state" || code === "platform_error")
          services.logger.warn({ err: error, provider }, "OAuth connection failed");
        clearFlow(res, provider);
        target = `${CHANNELS_PAGE}?oauthError=${code}`;
      }
      res.redirect(target);
    };
  }

  // The JSON steps answer flow problems as API errors; the web page words them.
  router.use((error: unknown, _req: Request, _res: Response, next: (error: unknown) => void) =>
    next(error instanceof OAuthFailure ? apiErrorOf(error) : error),
  );
  describeRoutes(router, {
    "GET /": {
      response: "OAuthApps",
      summary: "Which platform connect buttons are available",
      permission: { action: "create", model: "Channel" },
    },
    "GET /meta/start": {
      summary: "Start connecting a Facebook Page / Instagram account (redirects to Meta)",
      permission: { action: "create", model: "Channel" },
      query: startQuery,
      status: 302,
    },
    "GET /meta/callback": {
      summary: "Meta's redirect back (?code=&state=); returns to the channels page",
      permission: { action: "create", model: "Channel" },
      query: callbackQuery,
      status: 302,
    },
    "GET /meta/pages": {
      response: { list: "MetaPage" },
      summary:
        "The Pages to choose from, without their tokens, each naming the unit that already has it or its Instagram",
      permission: { action: "create", model: "Channel" },
      query: pagesQuery,
    },
    "POST /meta/complete": {
      response: { list: "ConnectedChannel" },
      summary: "Connect the chosen Page and its Instagram account",
      permission: { action: "create", model: "Channel" },
      body: completeBody,
      status: 201,
    },
    "GET /x/start": {
      summary: "Start connecting an X account (redirects to X)",
      permission: { action: "create", model: "Channel" },
      query: startQuery,
      status: 302,
    },
    "GET /x/callback": {
      summary: "X's redirect back (?code=&state=); returns to the channels page",
      permission: { action: "create", model: "Channel" },
      query: startQuery,
      status: 302,
    },
  });

  return router;
}

function apiErrorOf(failure: OAuthFailure): AppError {
  if (failure.code === "platform_error")
    return new AppError("channel_verification_failed", { reason: failure.message });
  return new AppError("not_found", {
    field: failure.code === "not_configured" ? "provider" : "state",
    oauthError: failure.code,
  });
}

function notConfigured(): never {
  throw new OAuthFailure("not_configured");
}

function failureCode(error: unknown): OAuthFailureCode {
  if (error instanceof OAuthFailure) return error.code;
  if (error instanceof ChannelError || (error instanceof AppError && error.code === "channel_verification_failed"))
    return "platform_error";
  throw error;
}

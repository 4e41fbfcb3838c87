import { Router, type Request, type Response } from "express";
import { toActor, type Actor } from "@server/auth/actor.js";
import { SESSION_COOKIE } from "@server/auth/sessions.js";
import { createApiToken, revokeApiToken } from "@server/commands/apiTokens.js";
import { changePassword, logIn, logOut, updateProfile } from "@server/commands/auth.js";
import { AppError } from "@server/errors.js";
import { abilitiesOf, authorize } from "@server/policies/index.js";
import { API_TOKEN_INCLUDE, presentApiToken } from "@server/presenters/apiToken.js";
import { presentSession } from "@server/presenters/user.js";
import type { Services } from "@server/services.js";
import { requireActor, requirePasswordChanged } from "@server/routes/middleware/authenticate.js";
import { originOf } from "@server/routes/origin.js";
import { parse, uuidParam } from "@server/routes/validate.js";
import { createTokenBody, loginBody, passwordBody, profileBody } from "./schema.js";
import type { IssuedApiToken } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";
import { z } from "zod";

function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure,
    path: "/",
    expires: expiresAt,
  });
}

/** Only for the reference: the handler reads `optional` itself. */
const sessionQuery = z.object({ optional: z.enum(["true", "false"]).optional() });

export function authRoutes(services: Services): Router {
  const router = Router();
  const sessionBody = (actor: Actor, csrfToken: string | undefined) =>
    // Driving the simulated platforms needs them running (demo mode) as well as the policy's consent.
    presentSession(
      actor,
      { ...abilitiesOf(actor), controlSandbox: abilitiesOf(actor).controlSandbox && services.sandbox !== null },
      csrfToken,
      {
        simulatedChannels: services.sandbox !== null,
        publicBaseUrl: services.config.publicBaseUrl,
      },
    );

  router.post("/login", async (req, res) => {
    const body = parse(loginBody, req.body, req);
    const { actor, session } = await logIn(services, {
      origin: { actor: null, ip: req.ip, requestId: String(req.id) },
      credentials: body,
      meta: { ip: req.ip, userAgent: req.get("user-agent") },
    });
    setSessionCookie(req, res, session.token, session.expiresAt);
    res.json(sessionBody(actor, session.csrfToken));
  });

  // ?optional=true: the staff app's first look answers "nobody signed in" with 204, not an error
  // the browser logs in its console; without it, signed out is 401 like every other endpoint.
  router.get("/session", (req, res) => {
    if (!req.actor && req.query.optional === "true") {
      res.status(204).end();
      return;
    }
    requireActor(req, res, () => res.json(sessionBody(req.actor!, req.csrfToken)));
  });

  router.post("/logout", requireActor, async (req, res) => {
    await logOut(services, { origin: originOf(req) });
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });

  router.post("/password", requireActor, async (req, res) => {
    await changePassword(services, { origin: originOf(req), passwords: parse(passwordBody, req.body, req) });
    res.status(204).end();
  });

  router.patch("/profile", requireActor, async (req, res) => {
    const user = await updateProfile(services, { origin: originOf(req), profile: parse(profileBody, req.body, req) });
    const actor = toActor(user, req.actor!.via, req.actor!.sessionId);
    req.locale = actor.locale;
    res.json(sessionBody(actor, req.csrfToken));
  });

  router.get("/tokens", requireActor, requirePasswordChanged, async (req, res) => {
    authorize(req.actor!, "list", "ApiToken");
    const tokens = await services.prisma.apiToken.findMany({
      where: { userId: req.actor!.id },
      include: API_TOKEN_INCLUDE,
      orderBy: { createdAt: "desc" },
    });
    res.json({ data: tokens.map(presentApiToken) });
  });

  router.post("/tokens", requireActor, requirePasswordChanged, async (req, res) => {
    authorize(req.actor!, "create", "ApiToken");
    const { apiToken, token } = await createApiToken(services, {
      origin: originOf(req),
      token: parse(createTokenBody, req.body, req),
    });
    res.status(201).json({ apiToken: presentApiToken(apiToken), token } satisfies IssuedApiToken);
  });

  router.delete("/tokens/:id", requireActor, requirePasswordChanged, async (req, res) => {
    const { id } = parse(uuidParam, req.params, req);
    const token = await services.prisma.apiToken.findUnique({ where: { id } });
    if (!token) throw new AppError("not_found");
    authorize(req.actor!, "revoke", "ApiToken", token);
    res.json(presentApiToken(await revokeApiToken(services, { origin: originOf(req), tokenId: id })));
  });

  describeRoutes(router, {
    "POST /login": {
      response: "Session",
      summary: "Sign in with e-mail and password (sets the session cookie)",
      permission: "public",
      body: loginBody,
      errors: ["invalid_credentials", "account_inactive", "sign_in_throttled"],
    },
    "GET /session": {
      response: "Session",
      summary: "The signed-in user, their abilities and the CSRF token",
      description: "With `?optional=true` a caller not signed in gets 204 instead of 401.",
      permission: "signedIn",
      query: sessionQuery,
    },
    "POST /logout": { summary: "Sign out (ends this session)", permission: "signedIn", status: 204 },
    "POST /password": { summary: "Change one's own password", permission: "signedIn", body: passwordBody, status: 204 },
    "PATCH /profile": {
      response: "Session",
      summary: "Change one's own name or language",
      permission: "signedIn",
      body: profileBody,
    },
    "GET /tokens": {
      response: { list: "ApiToken" },
      summary: "One's personal API tokens (without their secrets)",
      permission: { action: "list", model: "ApiToken" },
    },
    "POST /tokens": {
      response: "IssuedApiToken",
      summary: "Create a personal API token (the secret is shown once)",
      permission: { action: "create", model: "ApiToken" },
      body: createTokenBody,
      status: 201,
    },
    "DELETE /tokens/:id": {
      response: "ApiToken",
      summary: "Revoke one of one's API tokens",
      permission: { action: "revoke", model: "ApiToken" },
    },
  });

  return router;
}

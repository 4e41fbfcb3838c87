/** X API v2 routes: authentication, per-endpoint rate limits, request counting and billing around each handler. */
import { Router } from "express";
import { parseBody, queryParams } from "@server/sandbox/http";
import type { SandboxState } from "@server/sandbox/state";
import { XAuthenticator } from "./auth";
import { mediaRoutes } from "./media";
import { XProblem, sendXProblem, xProblems } from "./problems";
import type { XRateLimiter } from "./rateLimits";
import { tweetRoutes } from "./tweets";
import { usageRoutes } from "./usage";
import type { XBilling } from "./billing";
import { userRoutes } from "./users";

export function xApi(state: SandboxState, limiter: XRateLimiter, billing: XBilling): Router {
  const router = Router();
  const authenticator = new XAuthenticator(state);
  for (const route of [...tweetRoutes, ...userRoutes, ...mediaRoutes, ...usageRoutes]) {
    router[route.method](route.path, async (req, res, next) => {
      res.on("finish", () => limiter.record(route.endpoint, res.statusCode));
      try {
        const identity = authenticator.authenticate(req);
        if (route.userContextOnly && identity.kind === "app") throw xProblems.appOnlyForbidden();
        const rate = limiter.take(route.endpoint, identity);
        res.set({
          "x-rate-limit-limit": String(rate.limit),
          "x-rate-limit-remaining": String(rate.remaining),
          "x-rate-limit-reset": String(rate.reset),
        });
        if (!rate.allowed) throw xProblems.tooManyRequests();
        const body = await parseBody(req);
        const result = await route.handle({ state, identity, req, query: queryParams(req), body, limiter, billing });
        const status = result.status ?? 200;
        billing.record({
          endpoint: route.endpoint,
          identity,
          userParam: req.params.id as string | undefined,
          status,
          body: result.body,
        });
        res.status(status).json(result.body);
      } catch (error) {
        if (error instanceof XProblem) return sendXProblem(res, error);
        next(error);
      }
    });
  }
  router.all("/2/{*rest}", (_req, res) => sendXProblem(res, xProblems.noRoute()));
  return router;
}

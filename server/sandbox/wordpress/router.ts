/** The WordPress REST API routes of the imitated site, with WordPress's error envelope for every failure. */
import { type NextFunction, type Request, type Response, Router } from "express";
import type { SandboxState } from "@server/sandbox/state";
import { requireWpUser } from "./auth";
import { WpError, sendWpError, wpErrors } from "./errors";
import { registerMediaRoutes } from "./media";
import { registerPostRoutes } from "./posts";

export function wordpressApi(state: SandboxState): Router {
  const router = Router();
  registerPostRoutes(router, state);
  registerMediaRoutes(router, state);
  // https://developer.wordpress.org/rest-api/reference/users/#retrieve-a-user-2
  router.get("/wp-json/wp/v2/users/me", (req, res) => {
    const user = requireWpUser(state, req, "rest_not_logged_in", "You are not currently logged in.");
    res.json({
      id: user.id,
      name: user.name,
      slug: user.username,
      url: "",
      description: "",
      link: `${req.protocol}://${req.headers.host}/author/${user.username}/`,
    });
  });
  router.all("/wp-json/{*rest}", (_req, res) => sendWpError(res, wpErrors.noRoute()));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof WpError) return sendWpError(res, error);
    next(error);
  });
  return router;
}

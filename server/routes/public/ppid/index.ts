import { Router } from "express";
import type { Services } from "@server/services.js";
import { dipListRoutes } from "./dip.js";
import { dipItemRoutes } from "./dipItem.js";
import { objectionFormRoutes } from "./objectionForm.js";
import { ppidProfileRoutes } from "./profile.js";
import { registerRoutes } from "./register.js";
import { requestFormRoutes } from "./requestForm.js";
import { trackingRoutes } from "./tracking.js";

/**
 * The public PPID pages: profiles, the DIP and its documents, and the applicants' pages (the
 * request form, the case page with its letters, files, objection and survey, the register).
 * More specific paths first: /ppid/:code (a PPID Pelaksana's profile) comes last.
 */
export function ppidRoutes(services: Services): Router {
  const router = Router();
  router.use(requestFormRoutes(services));
  router.use(objectionFormRoutes(services));
  router.use(trackingRoutes(services));
  router.use(registerRoutes(services));
  router.use(dipListRoutes(services));
  router.use(dipItemRoutes(services));
  router.use(ppidProfileRoutes(services));
  return router;
}

import { Router } from "express";
import type { Services } from "../../../services.js";
import { languageRoutes } from "./language.js";
import { objectionFormRoutes } from "./objectionForm.js";
import { registerRoutes } from "./register.js";
import { requestFormRoutes } from "./requestForm.js";
import { trackingRoutes } from "./tracking.js";

/** The PPID's pages for applicants: the request form, the case page with its letters, files, objection and survey, and the register. */
export function ppidPublicRoutes(services: Services): Router {
  const router = Router();
  router.use(languageRoutes());
  router.use(requestFormRoutes(services));
  router.use(objectionFormRoutes(services));
  router.use(trackingRoutes(services));
  router.use(registerRoutes(services));
  return router;
}

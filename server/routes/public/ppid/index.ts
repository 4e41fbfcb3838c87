import { Router } from "express";
import type { Services } from "../../../services.js";
import { dipListRoutes } from "./dip.js";
import { dipItemRoutes } from "./dipItem.js";
import { ppidProfileRoutes } from "./profile.js";

/** The public PPID pages: profiles, the DIP and its documents. More specific paths first. */
export function ppidRoutes(services: Services): Router {
  const router = Router();
  router.use(dipListRoutes(services));
  router.use(dipItemRoutes(services));
  router.use(ppidProfileRoutes(services));
  return router;
}

import { Router } from "express";
import type { Services } from "../../../services.js";
import { ppidFileRoutes } from "./files.js";
import { ppidObjectionRoutes } from "./objections.js";
import { ppidRequestRoutes } from "./requests.js";

/** Everything under /api/ppid: requests, their files, objections, registers and reports. */
export function ppidRoutes(services: Services): Router {
  const router = Router();
  router.use("/requests", ppidFileRoutes(services));
  router.use("/requests", ppidRequestRoutes(services));
  router.use(ppidObjectionRoutes(services));
  return router;
}

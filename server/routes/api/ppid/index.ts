import { Router } from "express";
import { authorize, can } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { ppidFileRoutes } from "./files.js";
import { ppidObjectionRoutes } from "./objections.js";
import { ppidRegisterRoutes } from "./registers.js";
import { ppidFigureRoutes } from "./reports.js";
import { ppidRequestRoutes } from "./requests.js";
import type { PpidUnit } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** Everything under /api/ppid: requests, their files, objections, registers and reports. */
export function ppidRoutes(services: Services): Router {
  const router = Router();
  router.use("/requests", ppidFileRoutes(services));
  router.use("/requests", ppidRequestRoutes(services));
  router.use(ppidObjectionRoutes(services));
  router.use(ppidFigureRoutes(services));
  router.use(ppidRegisterRoutes(services));

  // The PPID units a request may go to or be forwarded to, with their atasan: for the PPID's forms.
  router.get("/units", async (req, res) => {
    if (!can(req.actor!, "list", "PpidRequest") && !can(req.actor!, "read", "PpidReport"))
      authorize(req.actor!, "list", "PpidRequest");
    const units = await services.prisma.unit.findMany({
      where: { ppidLevel: { not: null }, active: true },
      select: { id: true, name: true, ppidLevel: true, ppidSuperior: { select: { id: true, name: true } } },
      orderBy: [{ ppidLevel: "asc" }, { name: "asc" }], // the Utama first (the enum's order)
    });
    res.json({ data: units } satisfies { data: PpidUnit[] });
  });
  describeRoutes(router, {
    "GET /units": {
      response: { list: "PpidUnit" },
      summary: "The PPID units a request may go to or be forwarded to, with their atasan",
      permission: { action: "list", model: "PpidRequest" },
    },
  });

  return router;
}

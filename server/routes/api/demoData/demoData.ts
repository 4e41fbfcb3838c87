import { Router } from "express";
import { countDemoData, removeDemoData } from "@server/commands/demoData.js";
import { authorize } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import type { RemovedDemoData } from "@server/openapi/views.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** The demo's made-up month (server/demo/): how much there is, and removing it in one action. */
export function demoDataRoutes(services: Services): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    authorize(req.actor!, "read", "DemoData");
    res.json(await countDemoData(services));
  });

  router.delete("/", async (req, res) => {
    authorize(req.actor!, "update", "DemoData");
    res.json({ removed: await removeDemoData(services, { origin: originOf(req) }) } satisfies RemovedDemoData);
  });

  describeRoutes(router, {
    "GET /": {
      response: "DemoData",
      summary: "How much made-up demo data there is",
      permission: { action: "read", model: "DemoData" },
    },
    "DELETE /": {
      response: "RemovedDemoData",
      summary: "Remove the made-up demo data",
      permission: { action: "update", model: "DemoData" },
    },
  });

  return router;
}

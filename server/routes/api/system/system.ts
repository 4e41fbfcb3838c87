import { Router } from "express";
import { describeRoutes } from "@server/openapi/describe.js";
import { systemHealth } from "@server/observability/systemHealth.js";
import { authorize } from "@server/policies/index.js";
import { presentSystemHealth } from "@server/presenters/systemHealth.js";
import type { Services } from "@server/services.js";

export function systemRoutes(services: Services): Router {
  const router = Router();
  router.get("/health", async (req, res) => {
    authorize(req.actor!, "read", "SystemHealth");
    res.json(presentSystemHealth(await systemHealth(services)));
  });
  describeRoutes(router, {
    "GET /health": {
      response: "SystemHealth",
      summary: "Versions, migrations, queues, job runs, channel status, upload folders and the last backup",
      permission: { action: "read", model: "SystemHealth" },
    },
  });
  return router;
}

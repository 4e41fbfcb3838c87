import { Router } from "express";
import { migrationStatus } from "@server/db/migrate.js";
import type { Services } from "@server/services.js";

/** /healthz: the process answers. /readyz: the database answers and every migration is applied. */
export function healthRoutes(services: Services): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    try {
      const pending = (await migrationStatus(services.db)).filter((m) => !m.applied).map((m) => m.name);
      res
        .status(pending.length ? 503 : 200)
        .json({ status: pending.length ? "migrations_pending" : "ready", database: services.db.kind, pending });
    } catch (error) {
      req.log.warn({ err: error }, "readiness check failed");
      res.status(503).json({ status: "database_unavailable", database: services.db.kind });
    }
  });
  return router;
}

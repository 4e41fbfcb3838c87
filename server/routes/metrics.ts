import { timingSafeEqual } from "node:crypto";
import { Router } from "express";
import type { Services } from "@server/services.js";

/**
 * /metrics in Prometheus's text format, for a scraper holding SIAR_METRICS_TOKEN (Bearer). Without
 * the setting the address does not exist (404), so nothing about the installation shows.
 */
export function metricsRoutes(services: Services): Router {
  const router = Router();
  const token = services.config.metricsToken;
  router.get("/metrics", async (req, res) => {
    if (!token) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    if (!bearerMatches(req.get("authorization"), token)) {
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').type("text/plain").send("Unauthorized");
      return;
    }
    const { registry } = services.prometheus;
    res
      .set("Cache-Control", "no-store")
      .type(registry.contentType)
      .send(await registry.metrics());
  });
  return router;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

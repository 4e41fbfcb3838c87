import { Router, type Request } from "express";
import { recordAudit } from "@server/audit/record.js";
import { AppError } from "@server/errors.js";
import { authorize } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { describeRoutes } from "@server/openapi/describe.js";

/**
 * Admins drive the simulated platforms (inject citizen comments, faults, rate-limit exhaustion,
 * see what was published) through Siar: requests are relayed to the sandbox's control API
 * with the token only this process holds, and every change is audited.
 */
export function sandboxRoutes(services: Services): Router {
  const router = Router();

  router.all("/{*path}", async (req: Request, res) => {
    authorize(req.actor!, "control", "Sandbox");
    const sandbox = services.sandbox;
    if (!sandbox) throw new AppError("sandbox_disabled");
    const path = (req.params as { path: string[] }).path.join("/");
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    const hasBody = !["GET", "HEAD"].includes(req.method);
    const response = await fetch(`${sandbox.url}/_sandbox/${path}${query ? `?${query}` : ""}`, {
      method: req.method,
      headers: {
        authorization: `Bearer ${sandbox.controlToken}`,
        ...(hasBody ? { "content-type": "application/json" } : {}),
      },
      body: hasBody ? JSON.stringify(req.body ?? {}) : undefined,
    });
    const body = await response.text();
    if (hasBody && response.ok) {
      await recordAudit(services.prisma, originOf(req), {
        action: `sandbox.${req.method.toLowerCase()}`,
        targetType: "Sandbox",
        targetId: path,
        changes: { body: req.body ?? null },
      });
    }
    res
      .status(response.status)
      .type(response.headers.get("content-type") ?? "application/json")
      .send(body);
  });

  describeRoutes(router, {
    "ALL /{*path}": {
      response: "SandboxReply",
      summary: "Relay to the simulated platforms' control API (demo mode only; audited)",
      description: "Query and JSON body pass through unchanged to the sandbox's `/_sandbox/{path}`.",
      permission: { action: "control", model: "Sandbox" },
      methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      errors: ["sandbox_disabled"],
    },
  });

  return router;
}

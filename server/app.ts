import { randomUUID } from "node:crypto";
import cookieParser from "cookie-parser";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { LANGUAGE_COOKIE, localeFromHeader, requestLocale } from "./i18n/locale.js";
import { httpLogSerializers } from "./logger.js";
import { apiRoutes } from "./routes/api/index.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { httpMetrics } from "./observability/httpMetrics.js";
import { openDkRoutes } from "./routes/opendk.js";
import { open311Routes } from "./routes/open311.js";
import { mediaRoutes } from "./routes/media.js";
import { metaWebhookRoutes } from "./routes/webhooks/meta.js";
import { publicSiteRoutes } from "./routes/public/index.js";
import { errorHandler } from "./routes/middleware/errors.js";
import { STAFF_APP_BASE } from "./config.js";
import { staffApp } from "./routes/staffApp.js";
import type { Services } from "./services.js";

function trustProxySetting(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function createApp(services: Services): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(services.config.trustProxy));

  app.use(
    pinoHttp({
      logger: services.logger,
      // Accept a proxy's request id so one request can be followed across both logs.
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => ["/healthz", "/readyz", "/metrics"].includes(req.url ?? "") },
      // Shared with the tests: masked URLs, no headers, errors without their data.
      serializers: httpLogSerializers,
    }),
  );
  app.use(httpMetrics(services.prometheus));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "img-src": ["'self'", "data:", "blob:"],
          "connect-src": ["'self'", "ws:", "wss:"],
          "upgrade-insecure-requests": null,
        },
      },
    }),
  );
  app.use(cookieParser());
  app.use((req, _res, next) => {
    // The staff app sends its UI language as Accept-Language; pages follow a visitor's chosen
    // language (?lang=, else the cookie /bahasa sets), else the browser's. A signed-in user's own setting replaces both (authenticate.ts).
    const header = req.get("accept-language");
    req.locale = req.path.startsWith("/api/")
      ? localeFromHeader(header)
      : requestLocale((req.query as { lang?: unknown }).lang ?? req.cookies?.[LANGUAGE_COOKIE], header);
    next();
  });

  app.use(healthRoutes(services));
  app.use(metricsRoutes(services));
  // OpenSID pushes in OpenDK's API shape, with a desa's token rather than a session.
  app.use("/api/v1", openDkRoutes(services));
  app.use("/api", apiRoutes(services));
  app.use("/open311/v2", open311Routes(services));
  app.use("/webhooks/meta", metaWebhookRoutes(services));
  app.use(STAFF_APP_BASE, staffApp());
  app.use("/media", mediaRoutes(services));
  // Every public page behind this point is kept once rendered, if its handler says it may be.
  app.use(services.pageCache.middleware());
  app.use(publicSiteRoutes(services));
  app.use(errorHandler);
  return app;
}

/** Serves the built React app; every unknown path under /app is a client-side route. */

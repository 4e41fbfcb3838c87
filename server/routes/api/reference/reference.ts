import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";
import { openApiDocument } from "@server/openapi/document.js";
import { describeRoutes } from "@server/openapi/describe.js";

const require = createRequire(import.meta.url);
const swaggerUiAssets: string = require("swagger-ui-dist").getAbsoluteFSPath();
const ownAssets = fileURLToPath(new URL("../../../openapi/assets", import.meta.url));
const { version } = require(path.resolve(fileURLToPath(new URL("../../../..", import.meta.url)), "package.json")) as {
  version: string;
};

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Siar API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs.js"></script>
</body>
</html>
`;

/**
 * The API's own reference: the OpenAPI document built from the running app's route descriptions,
 * and Swagger UI over it, served from this server (no CDN). Public: it tells what the API
 * accepts, never any data, and the same code is open to read.
 */
export function apiReferenceRoutes(): Router {
  const router = Router();
  const documents = new WeakMap<object, unknown>();

  router.get("/openapi.json", (req, res) => {
    if (!documents.has(req.app)) documents.set(req.app, openApiDocument(req.app, version));
    res.json(documents.get(req.app));
  });

  router.get("/docs", (_req, res) => {
    res.type("html").send(DOCS_PAGE);
  });
  router.use("/docs/assets", express.static(swaggerUiAssets, { index: false }), express.static(ownAssets));

  describeRoutes(router, {
    "GET /openapi.json": {
      response: "OpenApiDocument",
      summary: "This API's OpenAPI 3.1 document",
      permission: "public",
    },
    "GET /docs": { summary: "The interactive API reference (Swagger UI)", permission: "public", produces: "text/html" },
  });
  return router;
}

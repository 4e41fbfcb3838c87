import { z } from "zod";
import { SESSION_COOKIE } from "@server/auth/sessions.js";
import { type ErrorCode, errorEntry } from "@server/errors.js";
import { descriptionsOf, type ResponseView, type RouteDescription } from "./describe.js";
import { rolesAllowed } from "./roles.js";
import { declaredRoutes } from "./routeTree.js";
import viewSchemas from "./views.generated.json" with { type: "json" };

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

const SECURED = [{ sessionCookie: [] }, { bearerToken: [] }];
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A zod schema as JSON Schema 2020-12 (what OpenAPI 3.1 uses), seen from the caller's side. */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** Express's "/:id" and "/{*path}" as OpenAPI's "/{id}", with the names of the parameters. */
function openApiPath(path: string): { path: string; names: string[] } {
  const names: string[] = [];
  const converted = path
    .replace(/\{\*(\w+)\}/g, (_, name: string) => (names.push(name), `{${name}}`))
    .replace(/:(\w+)/g, (_, name: string) => (names.push(name), `{${name}}`));
  return { path: converted, names };
}

/** Whether a query schema pages with ?cursor= (server/routes/pagination.ts). */
function isPaged(query: z.ZodType | undefined): boolean {
  const properties = query ? (jsonSchema(query).properties as Record<string, unknown> | undefined) : undefined;
  return !!properties && "cursor" in properties;
}

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const object = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: object.required?.includes(name) ?? false,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

/** The error codes a route may answer: those of its kind (input, sign-in, policy, record) and its own. */
function errorCodes(method: string, pathParams: string[], doc: RouteDescription): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (doc.body || doc.query || pathParams.length) codes.push("validation_failed");
  if (isPaged(doc.query)) codes.push("invalid_cursor");
  if (doc.body) codes.push("invalid_json", "unstorable_text", "payload_too_large");
  if (doc.body || doc.upload) codes.push("unsupported_media_type");
  if (doc.permission === "desaToken") codes.push("invalid_token");
  else if (doc.permission !== "public") {
    codes.push("unauthenticated", "invalid_token", "password_change_required");
    if (UNSAFE.has(method)) codes.push("csrf_failed");
  }
  if (typeof doc.permission === "object") codes.push("forbidden");
  if (pathParams.length) codes.push("not_found");
  return [...new Set([...codes, ...(doc.errors ?? [])])];
}

/** One response per status, listing its codes; the body is always the shared error shape. */
function errorResponses(codes: ErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const { status } = errorEntry(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `\`${code}\`: ${errorEntry(code).message}`).join("\n\n"),
        content: {
          "application/json": {
            schema: {
              allOf: [
                { $ref: "#/components/schemas/Error" },
                { properties: { error: { properties: { code: { enum: list } } } } },
              ],
            },
          },
        },
      },
    ]),
  );
}

function successResponse(doc: RouteDescription): Record<string, unknown> {
  const status = doc.status ?? 200;
  if (status === 204) return { "204": { description: "Done; no content." } };
  if (status >= 300 && status < 400) return { [status]: { description: "A redirect (see the Location header)." } };
  const paged = isPaged(doc.query);
  // No response named: the bare object tests/api/openapi.test.ts refuses.
  const json = doc.response ? viewSchema(doc.response) : { type: "object" };
  const types = [doc.produces ?? "application/json"].flat();
  const content = Object.fromEntries(
    types.map((type) => [type, { schema: type === "application/json" ? json : { type: "string", format: "binary" } }]),
  );
  const description = paged ? "One page of the list." : doc.produces ? "The file or the figures." : "Done.";
  return { [status]: { description, content } };
}

const view = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The schema of a route's JSON success: a view of views.ts, or a list or page of them. */
function viewSchema(response: ResponseView): JsonSchema {
  if (typeof response === "string") return view(response);
  const data = { type: "array", items: view("list" in response ? response.list : response.page) };
  if ("list" in response) return { type: "object", required: ["data"], properties: { data } };
  return {
    type: "object",
    required: ["data", "nextCursor"],
    properties: {
      data,
      nextCursor: { type: ["string", "null"], description: "Pass as ?cursor= for the next page; null on the last." },
    },
  };
}

function permissionText(doc: RouteDescription): string {
  const { permission } = doc;
  if (permission === "public") return "Anyone; no sign-in.";
  if (permission === "desaToken") return "A desa's OpenSID push token (Authorization: Bearer), issued by an admin.";
  if (permission === "signedIn") return "Any signed-in user, on their own account.";
  const roles = rolesAllowed(permission.action, permission.model);
  return `Roles: ${roles.join(", ") || "no role as such: the person the rule names"} (policy \`${permission.model}:${permission.action}\`; records limited to the caller's units).`;
}

function operation(method: string, path: string, pathParams: string[], doc: RouteDescription): Operation {
  const permission = permissionText(doc);
  return {
    summary: doc.summary,
    description: [doc.description, `**Permission:** ${permission}`].filter(Boolean).join("\n\n"),
    operationId: `${method.toLowerCase()}${path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ?? "").toUpperCase())}`,
    tags: [path.split("/")[2] ?? "api"],
    "x-permission":
      typeof doc.permission === "object"
        ? { ...doc.permission, roles: rolesAllowed(doc.permission.action, doc.permission.model) }
        : doc.permission,
    security: doc.permission === "public" ? [] : doc.permission === "desaToken" ? [{ desaToken: [] }] : SECURED,
    parameters: [
      ...pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...(doc.query ? queryParameters(doc.query) : []),
    ],
    ...(doc.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(doc.body) } } } }
      : doc.upload
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                doc.upload.map((type) => [type, { schema: { type: "string", format: "binary" } }]),
              ),
            },
          }
        : {}),
    responses: { ...successResponse(doc), ...errorResponses(errorCodes(method, pathParams, doc)) },
  };
}

/** The OpenAPI 3.1 document of every described /api route of the running app. */
export function openApiDocument(app: object, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of declaredRoutes(app)) {
    if (!route.path.startsWith("/api/")) continue;
    const doc = descriptionsOf(route.router)?.[`${route.method} ${route.declared}`];
    if (!doc) continue;
    const { path, names } = openApiPath(route.path);
    const methods = route.method === "ALL" ? (doc.methods ?? ["GET", "POST"]) : [route.method];
    for (const method of methods) {
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = operation(method, path, names, doc);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Siar API",
      version,
      description:
        "The staff API of Siar. Every error answers `{ error: { code, message, details } }` with the message in the caller's language (Accept-Language: id or en). Sign in with the session cookie the staff app uses (unsafe methods then need the X-CSRF-Token header from GET /api/auth/session), or with a personal API token (POST /api/auth/tokens) sent as `Authorization: Bearer <token>`.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE,
          description: "The staff app's session; unsafe methods also send X-CSRF-Token.",
        },
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (POST /api/auth/tokens)." },
        desaToken: { type: "http", scheme: "bearer", description: "A desa's OpenSID push token (OpenDK's API)." },
      },
      schemas: {
        ...viewSchemas,
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message", "details"],
              properties: {
                code: { type: "string" },
                message: { type: "string", description: "In the caller's language." },
                details: { description: "Per code: the fields that failed validation, the action refused, …" },
              },
            },
          },
        },
      },
    },
  };
}

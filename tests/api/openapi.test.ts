import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offlineOpenApiDocument } from "@server/openapi/offline.js";
import { ApiClient, signedIn } from "../helpers/client.js";
import { listRoutes } from "../helpers/routes.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The API reference (GET /api/openapi.json) is built from the descriptions next to each route:
// every /api route must have one, the document must be valid OpenAPI 3.1, and a client that
// knows the API only from the document must get what it promises.

type Operation = {
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
  "x-permission": unknown;
};
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>> };

const run = promisify(execFile);

let siar: TestSiar;
let doc: OpenApi;
beforeAll(async () => {
  siar = await startTestSiar();
  const response = await fetch(`${siar.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  doc = (await response.json()) as OpenApi;
});
afterAll(async () => siar?.close());

/** "ALL /api/sandbox/{*path}" and "GET /api/posts/:id" as the document's path keys. */
const documentPath = (path: string) => path.replace(/\{\*(\w+)\}/g, "{$1}").replace(/:(\w+)/g, "{$1}");

describe("the document describes every route", () => {
  it("has an operation for each /api route of the running app", () => {
    const routes = listRoutes(siar.services).filter((route) => route.path.startsWith("/api/"));
    expect(routes.length).toBeGreaterThan(150);
    const missing = routes.filter((route) => {
      const operations = doc.paths[documentPath(route.path)];
      return !operations || (route.method !== "ALL" && !operations[route.method.toLowerCase()]);
    });
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it("describes nothing the app does not answer", () => {
    const routes = new Set(listRoutes(siar.services).map((route) => documentPath(route.path)));
    expect(Object.keys(doc.paths).filter((path) => !routes.has(path))).toEqual([]);
  });

  it("names the roles from the policy and lists the shared error shape", () => {
    const create = doc.paths["/api/posts"]!.post!;
    expect(create["x-permission"]).toEqual({ action: "create", model: "Post", roles: ["admin", "humas", "officer"] });
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403"]));
    expect(JSON.stringify(create.responses["403"])).toContain("forbidden");
    expect(create.requestBody?.content).toHaveProperty("application/json");
    const list = doc.paths["/api/inbox"]!.get!;
    expect(list.parameters.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(["limit", "cursor"]));
  });
});

/** Each operation's JSON successes: "GET /api/posts 200" → its schema. */
function jsonSuccesses(): [string, unknown][] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      Object.entries(operation.responses)
        .filter(([status]) => status.startsWith("2"))
        .flatMap(([status, response]) => {
          const schema = (response as { content?: Record<string, { schema: unknown }> }).content?.["application/json"]
            ?.schema;
          return schema ? [[`${method.toUpperCase()} ${path} ${status}`, schema] as [string, unknown]] : [];
        }),
    ),
  );
}

describe("the document describes every response", () => {
  it("names the response type of every JSON success (describeRoutes' `response`)", () => {
    const successes = jsonSuccesses();
    expect(successes.length).toBeGreaterThan(150);
    const unnamed = successes.filter(([, schema]) => !JSON.stringify(schema).includes('"$ref":"#/components/schemas/'));
    expect(unnamed.map(([operation]) => operation)).toEqual([]);
  });

  it("is the same document without a server, as the web app's types are generated from", () => {
    expect(offlineOpenApiDocument()).toEqual(doc);
  });

  it("has the committed schemas and web types of the current code (npm run api:schemas, api:types)", async () => {
    // In a child process: the generator reads the whole program and would stall this test's server.
    const check = await run("npx", ["tsx", "server/openapi/generate.ts", "check"]).catch(
      (error: { stderr: string }) => error,
    );
    expect(check.stderr).toBe("");
  }, 180_000);

  it("matches what the app answers: every list and page, and one record of each", async () => {
    const ajv = documentAjv();
    const clients = {
      admin: await signedIn(siar.url, "admin@sanggau.demo"),
      ppid: await signedIn(siar.url, "ppid@sanggau.demo"),
    };
    const checked: string[] = [];
    const mismatches: string[] = [];
    const check = async (client: ApiClient, path: string, url: string) => {
      const response = await client.get(url);
      if (response.status !== 200 || !doc.paths[path]?.get?.responses["200"]) return response;
      const validate = ajv.getSchema(
        `openapi#${pointer("paths", path, "get", "responses", "200", "content", "application/json", "schema")}`,
      );
      if (!validate || !String(response.headers.get("content-type")).includes("application/json")) return response;
      if (!validate(response.body)) mismatches.push(`${url}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      checked.push(path);
      return response;
    };
    const reads = Object.keys(doc.paths).filter(
      (path) =>
        doc.paths[path]!.get && !path.includes("{") && !/openapi|sandbox|oauth\/.*\/(start|callback)/.test(path),
    );
    for (const client of Object.values(clients))
      for (const path of reads) {
        const response = await check(client, path, path);
        // One record of a list, where the document has the list's "/{id}".
        const first = (response.body as { data?: { id?: unknown }[] } | undefined)?.data?.[0]?.id;
        if (typeof first === "string" && doc.paths[`${path}/{id}`]?.get)
          await check(client, `${path}/{id}`, `${path}/${first}`);
      }
    expect(mismatches).toEqual([]);
    expect(new Set(checked).size).toBeGreaterThan(45);
  }, 120_000);
});

describe("the document is valid OpenAPI 3.1", () => {
  it("passes the OpenAPI 3.1 structural checks", async () => {
    const result = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: "openapi.json",
      config: await createConfig({
        rules: {
          struct: "error",
          "no-unresolved-refs": "error",
          "path-parameters-defined": "error",
          "operation-operationId-unique": "error",
        },
      }),
    });
    expect(doc.openapi).toBe("3.1.0");
    expect(result.map((problem) => `${problem.message} at ${problem.location[0]?.pointer}`)).toEqual([]);
  });

  it("has JSON Schema 2020-12 schemas that compile", () => {
    const ajv = documentAjv();
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const type of Object.keys(operation.requestBody?.content ?? {}))
          expect(() =>
            ajv.getSchema(`openapi#${pointer("paths", path, method, "requestBody", "content", type, "schema")}`),
          ).not.toThrow();
  });
});

/** Ajv over the whole document, with the string formats zod writes checked rather than logged as unknown. */
function documentAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  ajv.addFormat("email", /^[^@\s]+@[^@\s]+$/);
  ajv.addSchema(doc, "openapi");
  return ajv;
}

const pointer = (...parts: string[]) =>
  `/${parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;

/**
 * A client that knows the API only from the document: it finds the operation, refuses a body the
 * request schema does not accept, fills path parameters, and checks the answer against the
 * response the document declares for its status.
 */
function documentClient(client: ApiClient) {
  const ajv = documentAjv();
  return async (method: string, path: string, params: Record<string, string> = {}, body?: unknown) => {
    const operation = doc.paths[path]?.[method];
    if (!operation) throw new Error(`${method} ${path} is not in the document`);
    if (body !== undefined) {
      const validate = ajv.getSchema(
        `openapi#${pointer("paths", path, method, "requestBody", "content", "application/json", "schema")}`,
      )!;
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
    const response = await client.request(method.toUpperCase(), url, body);
    const declared = operation.responses[String(response.status)] as { content?: Record<string, unknown> } | undefined;
    expect(declared, `${method} ${path} answered ${response.status}, not in the document`).toBeDefined();
    if (declared?.content?.["application/json"]) {
      const validate = ajv.getSchema(
        `openapi#${pointer("paths", path, method, "responses", String(response.status), "content", "application/json", "schema")}`,
      )!;
      expect(validate(response.body), JSON.stringify(validate.errors)).toBe(true);
    }
    return response;
  };
}

describe("a client driven by the document", () => {
  it("reads and writes with an API token and gets what the document says", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    const token = (await humas.post("/api/auth/tokens", { name: "reference client" })).body.token as string;
    const script = new ApiClient(siar.url);
    script.bearer = token;
    const call = documentClient(script);

    const inbox = await call("get", "/api/inbox");
    expect(inbox.status).toBe(200);
    expect(Array.isArray(inbox.body.data)).toBe(true);

    const channels = await call("get", "/api/channels");
    const channel = (channels.body.data ?? channels.body)[0] as { id: string; unit: { id: string } };
    const created = await call(
      "post",
      "/api/posts",
      {},
      {
        unitId: channel.unit.id,
        title: "Pengumuman dari klien referensi",
        body: "Isi pengumuman.",
        channelIds: [channel.id],
      },
    );
    expect(created.status).toBe(201);
    const read = await call("get", "/api/posts/{id}", { id: created.body.id });
    expect(read.body.title).toBe("Pengumuman dari klien referensi");

    const refused = await call(
      "post",
      "/api/posts",
      {},
      { unitId: channel.unit.id, title: "Tanpa kanal", body: "x", channelIds: [] },
    ).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
  });

  it("gets the documented errors: unknown record, missing sign-in, a role the policy refuses", async () => {
    const anonymous = documentClient(new ApiClient(siar.url));
    const unsigned = await anonymous("get", "/api/inbox");
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.code).toBe("unauthenticated");

    const operator = documentClient(await signedIn(siar.url, "operator.sungaimawang@sanggau.demo"));
    const missing = await operator("get", "/api/posts/{id}", { id: "00000000-0000-4000-8000-000000000000" });
    expect(missing.status).toBe(404);
    const forbidden = await operator("get", "/api/audit-events");
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("forbidden");
  });
});

describe("the reference page", () => {
  it("serves Swagger UI and its assets from this server", async () => {
    const page = await fetch(`${siar.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('src="/api/docs/assets/swagger-ui-bundle.js"');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ["swagger-ui-bundle.js", "swagger-ui.css", "docs.js"])
      expect((await fetch(`${siar.url}/api/docs/assets/${asset}`)).status, asset).toBe(200);
  });
});

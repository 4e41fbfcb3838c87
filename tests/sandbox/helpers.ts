/** Shared pieces of the sandbox contract tests: a plain Graph client and a local media host. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startSandbox, type Sandbox, type SandboxOptions } from "@server/sandbox/index";

export const CONTROL_TOKEN = "test-control-token";

export function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, seed: 42, controlToken: CONTROL_TOKEN, ...options });
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

async function asJson(response: Response): Promise<JsonResponse> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The way Siar is meant to call Graph: fetch against a configurable base URL and version. */
export function graphClient(sandbox: Sandbox, token = sandbox.credentials.graph.pageAccessToken) {
  const { baseUrl, apiVersion } = sandbox.credentials.graph;
  const url = (path: string, query: Record<string, string> = {}) => {
    const target = new URL(`${baseUrl}/${apiVersion}/${path.replace(/^\//, "")}`);
    for (const [key, value] of Object.entries({ access_token: token, ...query })) target.searchParams.set(key, value);
    return target;
  };
  return {
    get: (path: string, query?: Record<string, string>) => fetch(url(path, query)).then(asJson),
    post: (path: string, params: Record<string, unknown> = {}) =>
      fetch(url(path), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
      }).then(asJson),
    postForm: (path: string, form: FormData) => fetch(url(path), { method: "POST", body: form }).then(asJson),
    delete: (path: string) => fetch(url(path), { method: "DELETE" }).then(asJson),
    fetchUrl: (absolute: string) => fetch(absolute).then(asJson),
  };
}

export function controlClient(sandbox: Sandbox, token = CONTROL_TOKEN) {
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}/_sandbox${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }).then(asJson);
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body?: unknown) => call("POST", path, body ?? {}),
    put: (path: string, body?: unknown) => call("PUT", path, body ?? {}),
    delete: (path: string) => call("DELETE", path),
  };
}

/** A 1x1 PNG. */
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Starts a local HTTP server for the duration of a test file. */
export async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Where image_url / video_url / url point in tests: a real image, a video, an HTML page and a 404. */
export function startMediaHost(): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.url === "/pengumuman.png") return res.writeHead(200, { "content-type": "image/png" }).end(PNG_BYTES);
    if (req.url === "/video.mp4") return res.writeHead(200, { "content-type": "video/mp4" }).end(Buffer.alloc(2048, 1));
    if (req.url === "/page.html")
      return res.writeHead(200, { "content-type": "text/html" }).end("<html>not an image</html>");
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
}

type GraphClient = ReturnType<typeof graphClient>;

/** Polls a container as the content publishing guide recommends, until it leaves IN_PROGRESS. */
export async function waitForContainer(graph: GraphClient, id: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { body } = await graph.get(id, { fields: "status_code,status" });
    if (body.status_code !== "IN_PROGRESS") return body.status_code;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("container stayed IN_PROGRESS");
}

/** The two-step Instagram publish: container from image_url, wait for FINISHED, media_publish. */
export async function publishInstagramImage(sandbox: Sandbox, imageUrl: string, caption?: string): Promise<string> {
  const graph = graphClient(sandbox);
  const { igUserId } = sandbox.credentials.graph;
  const container = await graph.post(`${igUserId}/media`, { image_url: imageUrl, ...(caption ? { caption } : {}) });
  const status = await waitForContainer(graph, container.body.id);
  if (status !== "FINISHED") throw new Error(`container ended ${status}`);
  const published = await graph.post(`${igUserId}/media_publish`, { creation_id: container.body.id });
  return published.body.id;
}

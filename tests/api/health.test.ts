import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
beforeAll(async () => {
  siar = await startTestSiar();
});
afterAll(async () => siar?.close());

describe("health endpoints", () => {
  it("answers /healthz while the process runs", async () => {
    const response = await fetch(`${siar.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("reports ready once every migration is applied", async () => {
    const response = await fetch(`${siar.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ready", pending: [] });
  });

  it("returns a request id, echoing a sane one from a proxy", async () => {
    const response = await fetch(`${siar.url}/healthz`, { headers: { "x-request-id": "proxy-abc.123" } });
    expect(response.headers.get("x-request-id")).toBe("proxy-abc.123");
    const generated = await fetch(`${siar.url}/healthz`, { headers: { "x-request-id": "bad id <script>" } });
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

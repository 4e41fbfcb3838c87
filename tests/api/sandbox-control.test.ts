import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let admin: ApiClient;
beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
});
afterAll(async () => siar?.close());

describe("simulated platforms in demo mode", () => {
  it("tells every signed-in user that channels are simulated", async () => {
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const session = (await officer.get("/api/auth/session")).body;
    expect(session.instance).toEqual({ simulatedChannels: true, publicBaseUrl: siar.url });
    expect(session.abilities.controlSandbox).toBe(false);
    expect((await admin.get("/api/auth/session")).body.abilities.controlSandbox).toBe(true);
  });

  it("lets an admin inject citizen mentions and read them back through Siar, audited", async () => {
    const injected = await admin.post("/api/sandbox/x/mentions", {
      texts: ["@diskominfo_sgu jln di Desa Semuntai rusak parah"],
    });
    expect(injected.status).toBeLessThan(300);
    expect(JSON.stringify(injected.body)).toContain("Semuntai");
    const audit = await admin.get("/api/audit-events?targetType=Sandbox");
    expect(audit.body.data[0]).toMatchObject({ action: "sandbox.post", targetId: "x/mentions" });
    const published = await admin.get("/api/sandbox/published");
    expect(published.status).toBe(200);
    expect(published.body).toEqual(expect.any(Object));
  });

  it("refuses the control API to anyone but admins, and without a session", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await humas.get("/api/sandbox/published")).status).toBe(403);
    expect((await humas.post("/api/sandbox/x/mentions", { count: 3 })).status).toBe(403);
    expect((await new ApiClient(siar.url).get("/api/sandbox/published")).status).toBe(401);
  });

  it("listens on loopback only", () => {
    expect(siar.services.sandbox!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe("without the simulation", () => {
  it("answers 404 sandbox_disabled and says channels are real", async () => {
    const plain = await startTestSiar({ SIAR_SANDBOX: "false" });
    try {
      const client = await signedIn(plain.url, "admin@sanggau.demo");
      const response = await client.get("/api/sandbox/published");
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("sandbox_disabled");
      expect((await client.get("/api/auth/session")).body.instance).toMatchObject({ simulatedChannels: false });
    } finally {
      await plain.close();
    }
  });
});

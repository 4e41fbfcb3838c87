import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The HTTP side of issue #16's small flows: the session check without a 401, the favicon, the
// public site's language, the duplicate-connection warning, and what the audit log names.

let siar: TestSiar;
let admin: ApiClient;
beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
});
afterAll(async () => siar?.close());

const page = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${siar.url}${path}`, { headers, redirect: "manual" });

describe("signed out", () => {
  it("the optional session check answers 204, the plain one still 401", async () => {
    expect((await page("/api/auth/session?optional=true")).status).toBe(204);
    expect((await page("/api/auth/session")).status).toBe(401);
  });
});

describe("the public site", () => {
  it("serves a favicon, and /favicon.ico sends browsers on to it", async () => {
    const icon = await page("/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
    const ico = await page("/favicon.ico");
    expect(ico.status).toBe(301);
    expect(ico.headers.get("location")).toBe("/favicon.svg");
  });

  it("follows an English browser, and a chosen language before it", async () => {
    const english = await page("/", { "accept-language": "en-US,en;q=0.9" });
    expect(english.headers.get("vary")).toContain("Accept-Language");
    const text = await english.text();
    expect(text).toContain('<html lang="en">');
    expect(text).toContain("<h1>Latest announcements</h1>");
    const chosen = await (await page("/", { "accept-language": "en", cookie: "siar_lang=id" })).text();
    expect(chosen).toContain("<h1>Pengumuman terbaru</h1>");
  });

  it("/bahasa keeps the choice and returns to a path on this site only", async () => {
    const choice = await page("/bahasa?ke=en&kembali=%2Ftransparansi");
    expect(choice.status).toBe(303);
    expect(choice.headers.get("location")).toBe("/transparansi?lang=en");
    expect(choice.headers.get("set-cookie")).toMatch(/^siar_lang=en;/);
    for (const away of ["//evil.example", "/.//evil.example", "https://evil.example", "/\\evil.example"]) {
      const location = (await page(`/bahasa?ke=id&kembali=${encodeURIComponent(away)}`)).headers.get("location")!;
      expect(location.startsWith("/") && !location.startsWith("//"), `${away} → ${location}`).toBe(true);
    }
  });
});

describe("connecting an account another unit already has", () => {
  it("is refused with the unit's name until the admin confirms", async () => {
    const { x } = siar.services.sandbox!.credentials;
    const units = (await admin.get("/api/units?limit=1000")).body.data as { id: string; code: string }[];
    const kapuas = units.find((unit) => unit.code === "kec-kapuas")!.id;
    const body = {
      unitId: kapuas,
      kind: "x",
      credentials: {
        appKey: x.appKey,
        appSecret: x.appSecret,
        accessToken: x.accessToken,
        accessSecret: x.accessSecret,
      },
      settings: { baseUrl: x.baseUrl },
    };
    const refused = await admin.post("/api/channels", body);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "channel_connected_elsewhere",
      message: expect.stringContaining("Pemerintah Kabupaten Sanggau"),
    });
    const confirmed = await admin.post("/api/channels", { ...body, shareAccount: true });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
  });
});

describe("the audit log", () => {
  it("names the post an event is about", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    const website = (await humas.get("/api/channels")).body.data.find((c: { kind: string }) => c.kind === "website");
    const root = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
    const created = await humas.post("/api/posts", {
      unitId: root,
      title: "Kabar humas",
      body: "Isi kabar.",
      channelIds: [website.id],
    });
    expect(created.body.needsApproval).toBe(false);
    const audit = await admin.get(`/api/audit-events?targetId=${created.body.id}`);
    expect(audit.body.data[0]).toMatchObject({ action: "post.create", targetName: "Kabar humas" });
  });
});

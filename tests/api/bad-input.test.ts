import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { encodeCursor } from "@server/routes/pagination.js";

// The bad input an outside tester sent (issue 12, defects 5 and 9): each is a 4xx with the
// catalogue's message in the caller's language, and nothing already stored changes.

let siar: TestSiar;
let admin: ApiClient;
let anonymous: ApiClient;

beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  anonymous = new ApiClient(siar.url);
});
afterAll(async () => siar?.close());

const NUL = "a\u0000b";
const LONE_SURROGATE = "tolong \ud83d segera";

describe("NUL bytes and lone surrogates are refused at the edge", () => {
  it("signing in with a NUL in the e-mail is a 400 naming the field, without sign-in", async () => {
    const response = await anonymous.post("/api/auth/login", { email: "a\u0000b@x.id", password: "x" });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "unstorable_text", details: { field: "body.email" } });
    expect(response.body.error.message).toContain("tidak dapat disimpan");
  });

  it("answers in English when asked", async () => {
    const english = new ApiClient(siar.url, "en");
    const response = await english.post("/api/auth/login", { email: "a@x.id", password: LONE_SURROGATE });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("cannot be stored");
  });

  it("a signed-in edit with a NUL or a lone surrogate changes nothing", async () => {
    const before = (await admin.get("/api/auth/session")).body;
    for (const name of [NUL, LONE_SURROGATE]) {
      const response = await admin.patch("/api/auth/profile", { name });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("unstorable_text");
    }
    expect((await admin.get("/api/auth/session")).body).toEqual(before);
  });

  it("nested text, keys of records and searches are checked too", async () => {
    const channelId = (await admin.get("/api/channels")).body.data[0].id;
    const unitId = (await admin.get("/api/units")).body.data[0].id;
    const cases = [
      admin.post("/api/posts", {
        unitId,
        title: "Pengumuman",
        body: "Isi",
        channelIds: [channelId],
        overrides: { [channelId]: NUL },
      }),
      admin.post("/api/canned-responses", { title: "Templat", body: LONE_SURROGATE, unitId: null, language: "id" }),
      admin.patch(`/api/channels/${channelId}`, { settings: { [NUL]: "x" } }),
      admin.get("/api/inbox?q=a%00b"),
      admin.get("/api/users?q=a%00b"),
      admin.get("/api/audit-events?targetId=a%00b"),
      admin.post("/api/auth/tokens", { name: NUL }),
    ];
    for (const response of await Promise.all(cases)) {
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.code).toBe("unstorable_text");
    }
  });

  it("public pages answer a NUL in their address with a page, not a 500", async () => {
    for (const path of ["/pengumuman/a%00b", "/lacak/a%00b", "/?halaman=a%00b", "/pengumuman/%ED%A0%BD"]) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(400);
      expect(String(response.body)).toContain("Alamat tidak valid");
    }
  });
});

describe("cursors, dates and numbers out of range are a 400", () => {
  const cursor = (key: string) => encodeURIComponent(encodeCursor(key));

  it("a cursor whose id is not a uuid, a huge number or a NUL is invalid_cursor", async () => {
    const paths = [
      `/api/inbox?cursor=${cursor("2026-01-01T00:00:00.000Z|------------------------------------")}`,
      `/api/posts?cursor=${cursor("2026-01-01T00:00:00.000Z|zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")}`,
      `/api/audit-events?cursor=${cursor("99999999999999999999999999")}`,
      `/api/users?cursor=${cursor(NUL)}`,
      `/api/units?cursor=${cursor(NUL)}`,
    ];
    for (const path of paths) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code, path).toBe("invalid_cursor");
    }
  });

  it("a good cursor still pages", async () => {
    const first = await admin.get("/api/units?limit=2");
    const second = await admin.get(`/api/units?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
  });

  it("dates in year 0001 or 9999 are refused by the dashboards, reports and the audit log", async () => {
    const paths = [
      "/api/dashboard/summary?from=0001-01-01&to=0001-12-01",
      "/api/dashboard/summary?from=9999-01-01&to=9999-12-01",
      "/api/dashboard/volume?to=9999-12-31",
      "/api/dashboard/units?from=0001-01-01T00:00:00Z",
      "/api/reports/monthly.pdf?month=9999-12",
      "/api/reports/dashboard.pdf?from=0001-01-01",
      "/api/audit-events?from=0001-01-01T00:00:00Z",
      "/api/posts?from=9999-12-31T00:00:00Z",
    ];
    for (const path of paths) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code, path).toBe("validation_failed");
    }
  });

  it("the public transparency page refuses a month out of range with a page", async () => {
    for (const month of ["9999-12", "0001-01"]) {
      const response = await anonymous.get(`/transparansi?bulan=${month}`);
      expect(response.status).toBe(400);
      expect(String(response.body)).toContain("Bulan tidak valid");
    }
    expect((await anonymous.get("/transparansi?bulan=2026-11")).status).toBe(200);
  });

  it("a monthly request budget beyond a database integer is refused and the old budget kept", async () => {
    const channel =
      (await admin.get("/api/channels")).body.data.find((c: { kind: string }) => c.kind === "x") ??
      (await admin.get("/api/channels")).body.data[0];
    const response = await admin.patch(`/api/channels/${channel.id}`, { monthlyRequestBudget: 3_000_000_000 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    const stored = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(stored.monthlyRequestBudget).toBe(channel.monthlyRequestBudget ?? null);
  });

  it("a money budget or a price out of range, or not a number, is refused and nothing changes", async () => {
    // An X account of its own: on PostgreSQL the tests start without the sandbox's channels.
    const { prisma } = siar.services;
    const kabupaten = await prisma.unit.findFirstOrThrow({ where: { type: "kabupaten" } });
    const x = await prisma.channel.create({
      data: { unitId: kabupaten.id, kind: "x", name: "Uji anggaran", externalId: "x-budget-input", credentials: "" },
    });
    for (const monthlySpendBudget of [-1, 10_000_000, "sepuluh"]) {
      const response = await admin.patch(`/api/channels/${x.id}`, { monthlySpendBudget });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("validation_failed");
    }
    for (const unitPrice of [-0.001, 1e9, "0.005", null]) {
      const response = await admin.patch("/api/platform-prices/x.post_read", { unitPrice });
      expect(response.status).toBe(400);
    }
    const price = await prisma.platformPrice.findUniqueOrThrow({ where: { item: "x.post_read" } });
    expect(price.unitPriceMicros).toBe(5000);
    expect((await prisma.channel.findUniqueOrThrow({ where: { id: x.id } })).monthlySpendBudgetCents).toBeNull();
  });
});

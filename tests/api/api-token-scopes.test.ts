import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
const unitIds: Record<string, string> = {};

beforeAll(async () => {
  siar = await startTestSiar();
  for (const unit of await siar.services.prisma.unit.findMany({ select: { id: true, code: true } })) {
    if (unit.code) unitIds[unit.code] = unit.id;
  }
});
afterAll(() => siar?.close());

/** A script client holding a new token of `email`'s with these scopes (and unit limit). */
async function tokenClient(email: string, body: Record<string, unknown>) {
  const owner = await signedIn(siar.url, email);
  const created = await owner.post("/api/auth/tokens", { name: "skrip", ...body });
  expect(created.status).toBe(201);
  const script = new ApiClient(siar.url);
  script.bearer = created.body.token;
  return { script, created: created.body.apiToken, owner };
}

describe("API token scopes", () => {
  it("shows scopes and unit limit when created and listed", async () => {
    const { created, owner } = await tokenClient("camat.kapuas@sanggau.demo", {
      scopes: ["inbox", "read"],
      unitLimitId: unitIds["desa-sungai-mawang"],
    });
    expect(created.scopes).toEqual(["read", "inbox"]);
    expect(created.unitLimit).toEqual({
      id: unitIds["desa-sungai-mawang"],
      name: expect.stringMatching(/Sungai Mawang/),
    });
    const listed = (await owner.get("/api/auth/tokens")).body.data.find((t: { id: string }) => t.id === created.id);
    expect(listed.scopes).toEqual(["read", "inbox"]);
    expect(listed.unitLimit.id).toBe(unitIds["desa-sungai-mawang"]);
  });

  it("gives a token created without scopes every scope, as tokens behaved before scopes", async () => {
    const { created, script } = await tokenClient("admin@sanggau.demo", {});
    expect(created.scopes).toEqual(["read", "inbox", "publishing", "ppid", "admin"]);
    expect(created.unitLimit).toBeNull();
    expect((await script.get("/api/audit-events")).status).toBe(200);
    expect((await script.patch("/api/settings/reporting", {})).status).not.toBe(403);
  });

  it("lets a read token only GET, and names the missing scope in both languages", async () => {
    const { script } = await tokenClient("admin@sanggau.demo", { scopes: ["read"] });
    expect((await script.get("/api/audit-events")).status).toBe(200);
    expect((await script.get("/api/inbox")).status).toBe(200);
    const refused = await script.post("/api/units", { name: "Unit Baru", code: "unit-baru", type: "opd" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("token_scope_missing");
    expect(refused.body.error.details.scope).toBe("admin");
    expect(refused.body.error.message).toContain("\u201cadmin\u201d");
    expect(refused.body.error.message).toMatch(/^Token API ini tidak memiliki cakupan/);
    expect(await siar.services.prisma.unit.count({ where: { code: "unit-baru" } })).toBe(0);

    // A token answers in its user's saved language.
    const { script: english, owner } = await tokenClient("humas@sanggau.demo", { scopes: ["read"] });
    expect((await owner.patch("/api/auth/profile", { locale: "en" })).status).toBe(200);
    const inEnglish = await english.post("/api/posts", { body: "x" });
    expect(inEnglish.status).toBe(403);
    expect(inEnglish.body.error.details.scope).toBe("publishing");
    expect(inEnglish.body.error.message).toBe(
      "This API token lacks the \u201cpublishing\u201d scope this request needs. Create a token with that scope.",
    );
    expect((await owner.patch("/api/auth/profile", { locale: "id" })).status).toBe(200);
  });

  it("keeps each area's writes to its scope, and a GET needs read or the area's scope", async () => {
    const { script } = await tokenClient("admin@sanggau.demo", { scopes: ["inbox"] });
    expect((await script.get("/api/inbox")).status).toBe(200);
    const posts = await script.get("/api/posts");
    expect(posts.status).toBe(403);
    expect(posts.body.error.details.scopes).toEqual(["read", "publishing"]);
    expect((await script.get("/api/ppid/requests")).body.error.details.scope).toBe("ppid");
    expect((await script.get("/api/users")).body.error.details.scope).toBe("admin");
    expect((await script.post("/api/auth/tokens", { name: "x" })).body.error.code).toBe("token_scope_missing");
  });

  it("never adds a right the user's role lacks", async () => {
    const { script } = await tokenClient("petugas.kapuas@sanggau.demo", { scopes: ["admin", "read"] });
    const refused = await script.post("/api/units", { name: "Unit Baru", code: "unit-baru-2", type: "opd" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect((await script.get("/api/audit-events")).status).toBe(403);
  });

  it("limits a token to its unit and the units below it, even for an admin", async () => {
    const { script } = await tokenClient("admin@sanggau.demo", {
      scopes: ["read"],
      unitLimitId: unitIds["kec-kapuas"],
    });
    const units = (await script.get("/api/units?limit=1000")).body.data as { code: string }[];
    expect(units.map((u) => u.code)).toContain("desa-sungai-mawang");
    expect(units.map((u) => u.code)).not.toContain("dinas-pupr");
    const users = (await script.get("/api/users?limit=200")).body.data as { email: string }[];
    expect(users.map((u) => u.email)).toContain("petugas.kapuas@sanggau.demo");
    expect(users.map((u) => u.email)).not.toContain("petugas.pupr@sanggau.demo");
    expect((await script.get(`/api/units/${unitIds["dinas-pupr"]}`)).status).toBeGreaterThanOrEqual(403);
  });

  it("refuses a unit limit outside the user's units, and a token cannot issue wider tokens", async () => {
    const owner = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const outside = await owner.post("/api/auth/tokens", { name: "x", unitLimitId: unitIds["dinas-pupr"] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.field).toBe("unitLimitId");
    expect((await owner.post("/api/auth/tokens", { name: "x", scopes: [] })).status).toBe(400);
    expect((await owner.post("/api/auth/tokens", { name: "x", scopes: ["everything"] })).status).toBe(400);

    const { script } = await tokenClient("admin@sanggau.demo", { scopes: ["admin", "read"] });
    const wider = await script.post("/api/auth/tokens", { name: "wider", scopes: ["admin", "inbox"] });
    expect(wider.status).toBe(403);
    expect(wider.body.error.details.scope).toBe("inbox");
    expect((await script.post("/api/auth/tokens", { name: "narrower", scopes: ["read"] })).status).toBe(201);
  });

  it("gives tokens stored before scopes every scope (the migration's default)", async () => {
    const admin = await siar.services.prisma.user.findUniqueOrThrow({ where: { email: "admin@sanggau.demo" } });
    const rows = await siar.services.prisma.$queryRaw<{ scopes: string[] }[]>`
      INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "prefix")
      VALUES (gen_random_uuid(), ${admin.id}::uuid, 'lama', 'hash-lama', 'siar_lama')
      RETURNING "scopes"::text[] AS scopes`;
    expect(rows[0]!.scopes).toEqual(["read", "inbox", "publishing", "ppid", "admin"]);
  });
});

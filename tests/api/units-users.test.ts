import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let admin: ApiClient;
const units: Record<string, string> = {};
beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  for (const unit of (await admin.get("/api/units?limit=1000")).body.data) units[unit.code] = unit.id;
});
afterAll(async () => siar?.close());

describe("units", () => {
  it("creates a desa below a kecamatan, with its depth and the parent's time zone", async () => {
    const created = await admin.post("/api/units", {
      name: "Desa Lape",
      type: "desa",
      parentId: units["kec-kapuas"],
      code: "desa-lape",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Desa Lape",
      type: "desa",
      parentId: units["kec-kapuas"],
      depth: 2,
      timezone: "Asia/Jakarta",
    });
    expect((await admin.get(`/api/units/${created.body.id}`)).body.code).toBe("desa-lape");
  });

  it("refuses a unit type in the wrong place of the tree", async () => {
    const response = await admin.post("/api/units", {
      name: "Desa Salah",
      type: "desa",
      parentId: units["kab-sanggau"],
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "invalid_unit_parent", details: { field: "parentId" } });
    expect(response.body.error.message).toContain("Kecamatan");
  });

  it("refuses a duplicate code with 409 and keeps the existing unit", async () => {
    const response = await admin.post("/api/units", {
      name: "Kecamatan Kembar",
      type: "kecamatan",
      parentId: units["kab-sanggau"],
      code: "kec-kapuas",
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("unit_code_taken");
    expect((await admin.get(`/api/units/${units["kec-kapuas"]}`)).body.name).toBe("Kecamatan Kapuas");
  });

  it("names each invalid field in the caller's language", async () => {
    const response = await admin.post("/api/units", { name: "", type: "provinsi", parentId: "not-a-uuid", extra: 1 });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "type", "parentId"]));
    expect(response.body.error.message).toBe("Data yang dikirim tidak valid.");
  });

  it("moves a unit with its whole subtree, so scopes follow", async () => {
    const opd = await admin.post("/api/units", { name: "Bidang Uji", type: "opd", parentId: units["dinas-kominfo"] });
    const sub = await admin.post("/api/units", { name: "Seksi Uji", type: "opd", parentId: opd.body.id });
    const moved = await admin.patch(`/api/units/${opd.body.id}`, { parentId: units["dinas-pupr"] });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: units["dinas-pupr"], depth: 2 });
    expect((await admin.get(`/api/units/${sub.body.id}`)).body.depth).toBe(3);
    // The PUPR officer now sees the moved subtree.
    const officer = await signedIn(siar.url, "petugas.pupr@sanggau.demo");
    expect((await officer.get(`/api/units/${sub.body.id}`)).status).toBe(200);
    const cycle = await admin.patch(`/api/units/${opd.body.id}`, { parentId: sub.body.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.code).toBe("unit_cycle");
  });

  it("moves a desa beside a namesake, giving its site an address of its own", async () => {
    // Two desa called Semuntai, in two kecamatan: both have the site address "semuntai".
    const namesake = await admin.post("/api/units", {
      name: "Desa Semuntai",
      type: "desa",
      parentId: units["kec-kapuas"],
    });
    expect(namesake.status).toBe(201);
    const moved = await admin.patch(`/api/units/${units["desa-semuntai"]}`, { parentId: units["kec-kapuas"] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const slugs = await siar.services.prisma.unit.findMany({
      where: { id: { in: [namesake.body.id, units["desa-semuntai"]!] } },
      select: { id: true, slug: true },
    });
    expect(Object.fromEntries(slugs.map((unit) => [unit.id, unit.slug]))).toEqual({
      [namesake.body.id]: "semuntai",
      [units["desa-semuntai"]!]: "semuntai-2",
    });
    expect((await fetch(`${siar.url}/kecamatan/kapuas/semuntai-2`)).status).toBe(200);
    const audit = await siar.services.prisma.auditEvent.findFirstOrThrow({
      where: { targetId: units["desa-semuntai"], action: "unit.update" },
      orderBy: { id: "desc" },
    });
    expect(audit.changes).toMatchObject({ slug: { from: "semuntai", to: "semuntai-2" } });
  });

  it("does not deactivate a unit that still has active sub-units", async () => {
    const response = await admin.patch(`/api/units/${units["kec-balai"]}`, { active: false });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("unit_has_active_children");
    expect((await admin.patch(`/api/units/${units["desa-kebadu"]}`, { active: false })).body.active).toBe(false);
  });

  it("pages through units with a cursor and rejects a forged cursor", async () => {
    const first = await admin.get("/api/units?limit=5");
    expect(first.body.data).toHaveLength(5);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(`/api/units?limit=5&cursor=${first.body.nextCursor}`);
    const firstIds = first.body.data.map((u: { id: string }) => u.id);
    expect(second.body.data.some((u: { id: string }) => firstIds.includes(u.id))).toBe(false);
    expect((await admin.get("/api/units?cursor=%%%")).status).toBe(400);
  });
});

describe("users", () => {
  it("creates an officer in several units and refuses the same e-mail twice", async () => {
    const body = {
      email: "Dua.Unit@Sanggau.demo",
      name: "Petugas Dua Unit",
      role: "officer",
      unitIds: [units["kec-balai"], units["kec-mukok"]],
    };
    const created = await admin.post("/api/users", body);
    expect(created.status).toBe(201);
    expect(created.body.user.email).toBe("dua.unit@sanggau.demo");
    expect(created.body.user.units.map((u: { id: string }) => u.id).sort()).toEqual(
      [units["kec-balai"], units["kec-mukok"]].sort(),
    );
    const again = await admin.post("/api/users", body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("email_taken");
  });

  it("keeps at least one active administrator and stops admins deactivating themselves", async () => {
    const me = (await admin.get("/api/auth/session")).body.user.id;
    const self = await admin.patch(`/api/users/${me}`, { active: false });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe("cannot_deactivate_self");
    const demote = await admin.patch(`/api/users/${me}`, { role: "humas" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("last_admin");
    expect((await admin.get(`/api/users/${me}`)).body.role).toBe("admin");
  });

  it("filters users by role, unit and text", async () => {
    const officers = await admin.get(`/api/users?role=officer&unitId=${units["kec-kapuas"]}`);
    expect(officers.body.data.map((u: { email: string }) => u.email)).toEqual(["petugas.kapuas@sanggau.demo"]);
    const found = await admin.get("/api/users?q=camat");
    expect(found.body.data.map((u: { email: string }) => u.email)).toEqual(["camat.kapuas@sanggau.demo"]);
  });

  it("refuses unknown fields and unknown units without changing the user", async () => {
    const id = (await admin.get("/api/users?q=petugas.pupr")).body.data[0].id;
    expect((await admin.patch(`/api/users/${id}`, { passwordHash: "x" })).status).toBe(400);
    const unknownUnit = await admin.patch(`/api/users/${id}`, { unitIds: ["00000000-0000-4000-8000-000000000000"] });
    expect(unknownUnit.status).toBe(404);
    expect((await admin.get(`/api/users/${id}`)).body.units.map((u: { id: string }) => u.id)).toEqual([
      units["dinas-pupr"],
    ]);
  });
});

describe("audit log", () => {
  it("records who changed what, with before and after", async () => {
    await admin.patch(`/api/units/${units["kec-mukok"]}`, { name: "Kecamatan Mukok Baru" });
    const events = await admin.get(`/api/audit-events?targetId=${units["kec-mukok"]}&action=unit.update`);
    expect(events.body.data[0]).toMatchObject({
      action: "unit.update",
      targetType: "Unit",
      actor: { label: "Admin Diskominfo <admin@sanggau.demo>" },
      unit: { id: units["kec-mukok"], name: "Kecamatan Mukok Baru" },
      changes: { name: { from: "Kecamatan Mukok", to: "Kecamatan Mukok Baru" } },
    });
    expect(events.body.data[0].requestId).toEqual(expect.any(String));
  });

  it("filters by time and pages newest first", async () => {
    const page1 = await admin.get("/api/audit-events?limit=3");
    const page2 = await admin.get(`/api/audit-events?limit=3&cursor=${page1.body.nextCursor}`);
    const ids = [...page1.body.data, ...page2.body.data].map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const future = await admin.get(
      `/api/audit-events?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
    );
    expect(future.body.data).toEqual([]);
    expect((await admin.get("/api/audit-events?from=yesterday")).status).toBe(400);
  });

  it("cannot be edited or deleted through the API", async () => {
    const id = (await admin.get("/api/audit-events?limit=1")).body.data[0].id;
    expect((await admin.patch(`/api/audit-events/${id}`, { action: "forged" })).status).toBe(404);
    expect((await admin.delete(`/api/audit-events/${id}`)).status).toBe(404);
    expect((await admin.get("/api/audit-events?limit=1")).body.data[0].action).not.toBe("forged");
  });

  it("is refused by the database itself when something tries to change it", async () => {
    await expect(siar.services.prisma.auditEvent.deleteMany({})).rejects.toThrow(/cannot be changed or deleted/);
    await expect(siar.services.prisma.auditEvent.updateMany({ data: { action: "forged" } })).rejects.toThrow(
      /cannot be changed or deleted/,
    );
    expect(await siar.services.prisma.auditEvent.count()).toBeGreaterThan(0);
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const response = await new ApiClient(siar.url, "en").get("/api/nothing-here");
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: "route_not_found", message: "Unknown API address." });
  });
});

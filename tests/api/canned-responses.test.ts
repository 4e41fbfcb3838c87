import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { submitWebReport } from "@server/inbox/webReports.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let admin: ApiClient;
const units: Record<string, string> = {};
beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  for (const unit of await siar.services.prisma.unit.findMany()) units[unit.code!] = unit.id;
});
afterAll(async () => siar?.close());

/** A web report routed to the unit with this code (after the automatic triage, so it does not race the test). */
async function reportRoutedTo(unitCode: string): Promise<string> {
  const { prisma } = siar.services;
  const { itemId } = await submitWebReport(siar.services, {
    name: "Warga",
    contact: { phone: "+6281200000000" },
    placeUnitId: units["kec-kapuas"]!,
    citizenCategory: null,
    text: "Lampu jalan mati sejak seminggu",
    location: null,
  });
  await vi.waitFor(
    async () => expect((await prisma.inboxItem.findUniqueOrThrow({ where: { id: itemId } })).kind).not.toBeNull(),
    { timeout: 10_000 },
  );
  await siar.services.prisma.inboxItem.update({ where: { id: itemId }, data: { unitId: units[unitCode]! } });
  return itemId;
}

describe("canned responses", () => {
  it("come seeded from the demo, in Indonesian and English, with their variables", async () => {
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const list = await officer.get("/api/canned-responses");
    expect(list.status).toBe(200);
    expect(list.body.data.map((response: { language: string }) => response.language)).toEqual(
      expect.arrayContaining(["id", "en"]),
    );
    expect(
      list.body.data.find((response: { title: string }) => response.title === "Nomor laporan untuk memantau").body,
    ).toContain("{nomor}");
  });

  it("are created, changed and deleted by admins, each change audited", async () => {
    const created = await admin.post("/api/canned-responses", {
      title: "Jalan rusak",
      body: "Halo {nama}, {unit} sudah menjadwalkan perbaikan.",
      unitId: units["dinas-pupr"],
      language: "id",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: "Jalan rusak",
      language: "id",
      unit: { id: units["dinas-pupr"], name: "Dinas Pekerjaan Umum dan Penataan Ruang" },
    });
    const id = created.body.id;

    const changed = await admin.patch(`/api/canned-responses/${id}`, {
      title: "Jalan rusak: dijadwalkan",
      unitId: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: "Jalan rusak: dijadwalkan", unit: null });
    expect((await admin.delete(`/api/canned-responses/${id}`)).status).toBe(204);
    expect((await admin.delete(`/api/canned-responses/${id}`)).status).toBe(404);

    const audit = await admin.get(`/api/audit-events?targetId=${id}`);
    expect(audit.body.data.map((event: { action: string }) => event.action).sort()).toEqual([
      "canned_response.create",
      "canned_response.delete",
      "canned_response.update",
    ]);
    const update = audit.body.data.find((event: { action: string }) => event.action === "canned_response.update");
    expect(update.changes).toMatchObject({
      title: { from: "Jalan rusak", to: "Jalan rusak: dijadwalkan" },
      unitId: { from: units["dinas-pupr"], to: null },
    });
  });

  it("may be read by everyone who answers citizens and changed by admins only", async () => {
    const body = { title: "Coba", body: "Terima kasih.", unitId: null, language: "id" };
    for (const email of ["humas@sanggau.demo", "petugas.kapuas@sanggau.demo"]) {
      const user = await signedIn(siar.url, email);
      expect((await user.get("/api/canned-responses")).status).toBe(200);
      expect((await user.post("/api/canned-responses", body)).status).toBe(403);
    }
    const leader = await signedIn(siar.url, "pimpinan@sanggau.demo");
    expect((await leader.get("/api/canned-responses")).status).toBe(403);
    const someone = (await admin.get("/api/canned-responses")).body.data[0].id;
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await humas.patch(`/api/canned-responses/${someone}`, { title: "Diubah" })).status).toBe(403);
    expect((await humas.delete(`/api/canned-responses/${someone}`)).status).toBe(403);
  });

  it("refuse unknown variables, languages and fields with a 400 in the user's language", async () => {
    const unknown = await admin.post("/api/canned-responses", {
      title: "Salah",
      body: "Halo {name}, {nama}.",
      unitId: null,
      language: "id",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "unknown_template_variable", details: { variables: ["name"] } });
    expect(unknown.body.error.message).toContain("{nama}, {nomor}, {unit} atau {formulir_ppid}");
    expect(
      (await admin.post("/api/canned-responses", { title: "x", body: "y", unitId: null, language: "fr" })).status,
    ).toBe(400);
    expect(
      (await admin.post("/api/canned-responses", { title: "", body: "y", unitId: null, language: "id" })).status,
    ).toBe(400);
    expect(
      (await admin.post("/api/canned-responses", { title: "x", body: "y", unitId: null, language: "id", secret: 1 }))
        .status,
    ).toBe(400);
    expect(
      (
        await admin.post("/api/canned-responses", {
          title: "x",
          body: "y",
          unitId: "00000000-0000-4000-8000-000000000000",
          language: "id",
        })
      ).status,
    ).toBe(404);
  });

  it("offer an item only the unscoped templates and those of its unit or a unit above it", async () => {
    const scoped = await admin.post("/api/canned-responses", {
      title: "Khusus Kapuas",
      body: "Halo {nama}.",
      unitId: units["kec-kapuas"],
      language: "id",
    });
    const elsewhere = await admin.post("/api/canned-responses", {
      title: "Khusus PUPR",
      body: "Halo {nama}.",
      unitId: units["dinas-pupr"],
      language: "id",
    });
    const item = await reportRoutedTo("kel-beringin");
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const titles = (await officer.get(`/api/canned-responses?forItem=${item}`)).body.data.map(
      (response: { title: string }) => response.title,
    );
    expect(titles).toContain("Khusus Kapuas");
    expect(titles).toContain("Sudah ditangani");
    expect(titles).not.toContain("Khusus PUPR");

    const otherOfficer = await signedIn(siar.url, "petugas.pupr@sanggau.demo");
    expect((await otherOfficer.get(`/api/canned-responses?forItem=${item}`)).status).toBe(403);
    expect((await officer.get("/api/canned-responses?forItem=nope")).status).toBe(400);
    for (const response of [scoped, elsewhere]) await admin.delete(`/api/canned-responses/${response.body.id}`);
  });
});

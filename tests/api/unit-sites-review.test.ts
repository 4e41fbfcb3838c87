import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { projectContent, unitIdOf, uploadPhoto } from "../helpers/sites.js";

// Desa operators draft their desa's pages; the kecamatan reviews them against the published version.

let siar: TestSiar;
let operator: ApiClient;
let camat: ApiClient;
let officerTayanHulu: ApiClient;
let humas: ApiClient;
const units: Record<string, string> = {};

beforeAll(async () => {
  siar = await startTestSiar();
  operator = await signedIn(siar.url, "operator.sungaimawang@sanggau.demo");
  camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  officerTayanHulu = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  for (const code of ["desa-sungai-mawang", "desa-penyeladi", "kec-kapuas", "desa-sosok"])
    units[code] = await unitIdOf(siar, code);
});
afterAll(async () => siar?.close());

const createProject = (client: ApiClient, unitId: string, content = projectContent(), submit = false) =>
  client.post(`/api/site-entries/units/${unitId}`, { kind: "project", content, submit });

describe("a desa operator", () => {
  it("drafts and submits its desa's project with a photo but cannot publish it", async () => {
    const photo = await uploadPhoto(operator, units["desa-sungai-mawang"]!);
    const content = projectContent({
      stages: [{ date: "2026-04-01", progress: 10, note: "Pemadatan", photos: [photo] }],
    });
    const created = await createProject(operator, units["desa-sungai-mawang"]!, content);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("draft");
    expect(created.body.permissions.approve).toBe(false);
    const submitted = await operator.post(`/api/site-entries/${created.body.id}/submit`);
    expect(submitted.body.status).toBe("in_review");
    const approve = await operator.post(`/api/site-entries/${created.body.id}/approve`);
    expect(approve.status).toBe(403);
    const stored = await siar.services.prisma.siteEntry.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.published).toBeNull();
  });

  it("may not write another desa's or its kecamatan's pages", async () => {
    expect((await createProject(operator, units["desa-penyeladi"]!)).status).toBe(403);
    expect((await createProject(operator, units["kec-kapuas"]!)).status).toBe(403);
    const other = await createProject(camat, units["desa-penyeladi"]!);
    expect((await operator.patch(`/api/site-entries/${other.body.id}`, { content: projectContent() })).status).toBe(
      404,
    );
  });

  it("may not attach another unit's photo", async () => {
    const photo = await uploadPhoto(camat, units["kec-kapuas"]!);
    const content = projectContent({ stages: [{ date: "2026-04-01", progress: 10, note: "", photos: [photo] }] });
    const response = await createProject(operator, units["desa-sungai-mawang"]!, content);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("site_attachment_not_found");
  });
});

describe("the kecamatan's review", () => {
  it("returns with comments, then approves, showing each change against the published version", async () => {
    const created = await createProject(
      operator,
      units["desa-sungai-mawang"]!,
      projectContent({ title: "Sumur Bor Dusun Hulu" }),
      true,
    );
    const id = created.body.id as string;
    expect((await officerTayanHulu.get(`/api/site-entries/${id}`)).status).toBe(404);
    expect((await officerTayanHulu.post(`/api/site-entries/${id}/approve`)).status).toBe(404);

    const queue = await camat.get("/api/site-entries?status=in_review");
    expect(queue.body.data.map((entry: { id: string }) => entry.id)).toContain(id);
    const returned = await camat.post(`/api/site-entries/${id}/return`, { note: "Lengkapi volume pekerjaan." });
    expect(returned.body.status).toBe("returned");
    const seenByOperator = await operator.get(`/api/site-entries/${id}`);
    expect(seenByOperator.body.reviewNote).toBe("Lengkapi volume pekerjaan.");

    await operator.patch(`/api/site-entries/${id}`, {
      content: projectContent({ title: "Sumur Bor Dusun Hulu", volume: "2 titik" }),
      submit: true,
    });
    const first = await camat.post(`/api/site-entries/${id}/approve`);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("published");
    expect(first.body.verifiedBy.name).toBe("Kecamatan Kapuas");

    await operator.patch(`/api/site-entries/${id}`, {
      content: projectContent({ title: "Sumur Bor Dusun Hulu Baru", volume: "2 titik", progress: 75 }),
      submit: true,
    });
    const review = await camat.get(`/api/site-entries/${id}`);
    const changes = Object.fromEntries(review.body.changes.map((c: { field: string }) => [c.field, c]));
    expect(Object.keys(changes).sort()).toEqual(["progress", "title"]);
    expect(changes.progress).toMatchObject({ before: 40, after: 75 });
    expect(changes.title.segments).toEqual([
      { op: "equal", text: "Sumur Bor Dusun Hulu" },
      { op: "insert", text: " Baru" },
    ]);
    expect(review.body.published.title).toBe("Sumur Bor Dusun Hulu");

    const audit = await siar.services.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.action)).toEqual([
      "site_entry.create",
      "site_entry.return",
      "site_entry.update",
      "site_entry.approve",
      "site_entry.update",
    ]);
  });

  it("lets the camat edit what waits and publish the edit", async () => {
    const created = await createProject(
      operator,
      units["desa-sungai-mawang"]!,
      projectContent({ title: "Drainase" }),
      true,
    );
    const edited = await camat.patch(`/api/site-entries/${created.body.id}`, {
      content: projectContent({ title: "Drainase Jalan Desa" }),
    });
    expect(edited.body.status).toBe("in_review");
    const approved = await camat.post(`/api/site-entries/${created.body.id}/approve`);
    expect(approved.body.published.title).toBe("Drainase Jalan Desa");
  });

  it("publishes the kecamatan's own pages directly, unless admins require the kabupaten's review", async () => {
    const profile = { history: "Kecamatan tertua.", address: "Jl. Jend. Sudirman", latitude: 0.12, longitude: 110.59 };
    const own = await camat.post(`/api/site-entries/units/${units["kec-kapuas"]}`, {
      kind: "profile",
      content: profile,
    });
    expect((await camat.post(`/api/site-entries/${own.body.id}/approve`)).status).toBe(200);
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    expect((await admin.patch(`/api/sites/${units["kec-kapuas"]}`, { reviewRequired: true })).status).toBe(200);
    await camat.patch(`/api/site-entries/${own.body.id}`, {
      content: { ...profile, hours: "08.00–15.00" },
      submit: true,
    });
    expect((await camat.post(`/api/site-entries/${own.body.id}/approve`)).status).toBe(403);
    const byHumas = await humas.post(`/api/site-entries/${own.body.id}/approve`);
    expect(byHumas.body.verifiedBy.name).toBe("Pemerintah Kabupaten Sanggau");
    await admin.patch(`/api/sites/${units["kec-kapuas"]}`, { reviewRequired: false });
  });
});

describe("publishing a reviewed change", () => {
  it("shows on the desa's cached public page at once", async () => {
    const pagePath = "/kecamatan/kapuas/sungai-mawang/pembangunan";
    const before = await fetch(siar.url + pagePath);
    expect(before.status).toBe(200);
    expect((await fetch(siar.url + pagePath)).headers.get("x-cache")).toBe("HIT");
    const title = `Drainase Dusun Baru ${Date.now()}`;
    const created = await createProject(operator, units["desa-sungai-mawang"]!, projectContent({ title }), true);
    expect(created.body.status).toBe("in_review");
    expect(await (await fetch(siar.url + pagePath)).text()).not.toContain(title);
    expect((await camat.post(`/api/site-entries/${created.body.id}/approve`)).status).toBe(200);
    expect(await (await fetch(siar.url + pagePath)).text()).toContain(title);
  });
});

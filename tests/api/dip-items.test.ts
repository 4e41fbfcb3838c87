import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recordEndedExemptions } from "@server/commands/dipAutomation.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { dipEntry, tinyPdf, uploadDipFile } from "../helpers/dip.js";
import { publishNow, tickUntilSettled } from "../helpers/publishing.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let ppidKapuas: ApiClient;
let ppidUtama: ApiClient;
let operator: ApiClient;
const units: Record<string, string> = {};

beforeAll(async () => {
  siar = await startTestSiar();
  ppidKapuas = await signedIn(siar.url, "ppid.kapuas@sanggau.demo");
  ppidUtama = await signedIn(siar.url, "ppid@sanggau.demo");
  operator = await signedIn(siar.url, "operator.sungaimawang@sanggau.demo");
  for (const unit of await siar.services.prisma.unit.findMany()) units[unit.code!] = unit.id;
});
afterAll(async () => siar?.close());

const publicPage = async (path: string) => {
  const response = await fetch(siar.url + path);
  return { status: response.status, text: await response.text(), headers: response.headers };
};
const auditActions = async (itemId: string) =>
  (await siar.services.prisma.auditEvent.findMany({ where: { targetId: itemId }, orderBy: { id: "asc" } })).map(
    (event) => event.action,
  );

async function publishedEntry(client: ApiClient, entry: Record<string, unknown>) {
  const created = await client.post("/api/dip-items", entry);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await client.post(`/api/dip-items/${created.body.id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body;
}

describe("keeping the DIP", () => {
  it("a PPID drafts an entry (not public), publishes it (public), changes and withdraws it, each step audited", async () => {
    const created = await ppidKapuas.post(
      "/api/dip-items",
      dipEntry(units["kec-kapuas"]!, { title: "Rencana Kerja Kecamatan Kapuas 2027" }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "draft", public: false, class: "berkala", year: 2026 });
    const id = created.body.id;
    expect((await publicPage(`/ppid/dip/${id}`)).status).toBe(404);

    const published = await ppidKapuas.post(`/api/dip-items/${id}/publish`);
    expect(published.body).toMatchObject({ status: "published", public: true });
    const page = await publicPage(`/ppid/dip/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Rencana Kerja Kecamatan Kapuas 2027");
    expect((await publicPage("/ppid/dip?q=rencana+kerja+kapuas")).text).toContain(`/ppid/dip/${id}`);

    const changed = await ppidKapuas.patch(`/api/dip-items/${id}`, { retention: "10 tahun" });
    expect(changed.body.retention).toBe("10 tahun");
    expect((await ppidKapuas.post(`/api/dip-items/${id}/publish`)).status).toBe(409);
    expect((await ppidKapuas.delete(`/api/dip-items/${id}`)).status).toBe(409);

    const withdrawn = await ppidKapuas.post(`/api/dip-items/${id}/withdraw`, { reason: "Diganti versi revisi" });
    expect(withdrawn.body).toMatchObject({
      status: "withdrawn",
      public: false,
      withdrawalReason: "Diganti versi revisi",
    });
    expect((await publicPage(`/ppid/dip/${id}`)).status).toBe(404);
    expect(await auditActions(id)).toEqual([
      "dip_item.create",
      "dip_item.publish",
      "dip_item.update",
      "dip_item.withdraw",
    ]);
    const update = await siar.services.prisma.auditEvent.findFirstOrThrow({
      where: { targetId: id, action: "dip_item.update" },
    });
    expect(update.changes).toEqual({ retention: { from: "5 tahun", to: "10 tahun" } });
  });

  it("a draft is deleted with its files; refuses a body outside a desa and bad input with 4xx", async () => {
    const draft = await ppidKapuas.post("/api/dip-items", dipEntry(units["kec-kapuas"]!));
    expect(
      (await uploadDipFile(siar.url, ppidKapuas, draft.body.id, { bytes: tinyPdf("x"), type: "application/pdf" }))
        .status,
    ).toBe(201);
    expect((await ppidKapuas.delete(`/api/dip-items/${draft.body.id}`)).status).toBe(204);
    expect(await siar.services.prisma.dipFileVersion.count({ where: { file: { itemId: draft.body.id } } })).toBe(0);
    expect(await auditActions(draft.body.id)).toContain("dip_item.delete");

    const body = await ppidKapuas.post("/api/dip-items", dipEntry(units["kec-kapuas"]!, { body: "bpd" }));
    expect(body.status).toBe(400);
    expect(body.body.error.code).toBe("dip_body_needs_desa");
    for (const bad of [
      { year: 1999 },
      { formats: [] },
      { title: "" },
      { class: "rahasia" },
      { madeOn: "2026-02-30" },
    ]) {
      const response = await ppidKapuas.post("/api/dip-items", dipEntry(units["kec-kapuas"]!, bad));
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe("documents and versions", () => {
  it("an upload is version 1, the next upload version 2; both are kept, listed and downloadable", async () => {
    const entry = await publishedEntry(ppidKapuas, dipEntry(units["kec-kapuas"]!, { title: "Statistik Penduduk" }));
    const first = await uploadDipFile(siar.url, ppidKapuas, entry.id, {
      bytes: tinyPdf("versi satu"),
      type: "application/pdf",
      name: "Statistik Penduduk 2026",
    });
    expect(first.status).toBe(201);
    const fileId = first.body.files[0].id;
    const second = await uploadDipFile(siar.url, ppidKapuas, entry.id, {
      bytes: tinyPdf("versi dua"),
      type: "application/pdf",
      fileId,
    });
    expect(second.status).toBe(201);
    const versions = second.body.files[0].versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const staffDownload = await fetch(siar.url + versions[1].downloadUrl, { headers: { cookie: ppidKapuas.cookie! } });
    expect(Buffer.from(await staffDownload.arrayBuffer()).toString("latin1")).toContain("versi satu");

    const page = await publicPage(`/ppid/dip/${entry.id}`);
    const links = [...page.text.matchAll(/href="(\/ppid\/dip\/[^"]+\/berkas\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links).toHaveLength(2);
    const bodies = await Promise.all(
      links.map(async (link) => {
        const response = await fetch(siar.url + link);
        expect(response.headers.get("content-disposition")).toContain("attachment");
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        return Buffer.from(await response.arrayBuffer()).toString("latin1");
      }),
    );
    expect(bodies[0]).toContain("versi dua");
    expect(bodies[1]).toContain("versi satu");
    expect((await auditActions(entry.id)).filter((action) => action === "dip_file.upload")).toHaveLength(2);
  });

  it("takes spreadsheets, CSV and images by their bytes, and refuses other or disguised files", async () => {
    const entry = await ppidKapuas.post("/api/dip-items", dipEntry(units["kec-kapuas"]!));
    const upload = (bytes: Buffer, type: string) => uploadDipFile(siar.url, ppidKapuas, entry.body.id, { bytes, type });
    expect((await upload(Buffer.from("tahun,jumlah\n2025,12\n"), "text/csv")).status).toBe(201);
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    expect((await upload(png, "image/png")).status).toBe(201);
    const exe = Buffer.from("MZ\x90\x00 not a pdf", "latin1");
    const disguised = await upload(exe, "application/pdf");
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.code).toBe("unreadable_media_file");
    const zip = await upload(Buffer.from("PK\x03\x04rest", "latin1"), "application/zip");
    expect(zip.status).toBe(415);
    expect(zip.body.error.code).toBe("unsupported_dip_file");
    expect(
      (
        await upload(
          Buffer.from("PK\x03\x04 no workbook", "latin1"),
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
      ).status,
    ).toBe(400);
    expect((await upload(Buffer.alloc(26 * 1024 * 1024, 0x25), "application/pdf")).status).toBe(413);
    // Nothing refused was stored.
    expect(await siar.services.prisma.dipFile.count({ where: { itemId: entry.body.id } })).toBe(2);
    expect(await siar.services.prisma.dipFileVersion.count({ where: { file: { itemId: entry.body.id } } })).toBe(2);
  });
});

describe("excepted information", () => {
  it("needs its Pasal 17 letter, consequence test and end; is on the excepted list only; returns to the public list when the exception ends, audited once", async () => {
    const entry = dipEntry(units["kec-kapuas"]!, {
      class: "dikecualikan",
      title: "Data Pribadi Penerima Bantuan Kapuas",
      exemptionLetter: "h",
    });
    const created = await ppidKapuas.post("/api/dip-items", entry);
    const id = created.body.id;
    const incomplete = await ppidKapuas.post(`/api/dip-items/${id}/publish`);
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error).toMatchObject({
      code: "dip_exemption_incomplete",
      details: { field: "consequenceTest" },
    });

    // The consequence test as a document, and the information itself, which stays closed.
    const test = await uploadDipFile(siar.url, ppidKapuas, id, {
      bytes: tinyPdf("uji konsekuensi"),
      type: "application/pdf",
      name: "Uji konsekuensi",
      purpose: "consequence_test",
    });
    const info = await uploadDipFile(siar.url, ppidKapuas, id, {
      bytes: tinyPdf("data rahasia"),
      type: "application/pdf",
      name: "Data penerima",
    });
    expect(info.status).toBe(201);
    expect((await ppidKapuas.post(`/api/dip-items/${id}/publish`)).body.error.details.field).toBe("exemptionEndsOn");
    await ppidKapuas.patch(`/api/dip-items/${id}`, { exemptionEndsOn: "2030-01-01" });
    const published = await ppidKapuas.post(`/api/dip-items/${id}/publish`);
    expect(published.body).toMatchObject({
      public: false,
      exemption: { letter: "h", endsOn: "2030-01-01", inForce: true },
    });

    expect((await publicPage("/ppid/dip?q=penerima+bantuan+kapuas")).text).not.toContain(id);
    const excepted = await publicPage("/ppid/dip/dikecualikan?q=penerima+bantuan+kapuas");
    expect(excepted.text).toContain(id);
    expect(excepted.text).toContain("Pasal 17 huruf h");
    const versionOf = (upload: typeof test) => upload.body.files.at(-1).versions[0].id;
    const testVersion = test.body.files[0].versions[0].id;
    expect((await publicPage(`/ppid/dip/${id}/berkas/${testVersion}`)).status).toBe(200);
    expect((await publicPage(`/ppid/dip/${id}/berkas/${versionOf(info)}`)).status).toBe(404);

    // The exception ends (as if time had passed): public again at once, its files too, audited by the job once.
    await siar.services.prisma.dipItem.update({
      where: { id },
      data: { exemptionEndsAt: new Date(Date.now() - 1000) },
    });
    const open = await publicPage("/ppid/dip?q=penerima+bantuan+kapuas&kelas=setiap_saat");
    expect(open.text).toContain(id);
    expect((await publicPage(`/ppid/dip/${id}/berkas/${versionOf(info)}`)).status).toBe(200);
    await vi.waitFor(async () => expect(await auditActions(id)).toContain("dip_item.exemption_ended"), {
      timeout: 70_000,
      interval: 1000,
    });
    // A page kept before the end (the excepted list) is renewed when the job records it.
    expect((await publicPage("/ppid/dip/dikecualikan?q=penerima+bantuan+kapuas")).text).not.toContain(id);
    expect(await recordEndedExemptions(siar.services)).toBe(0);
    expect((await auditActions(id)).filter((action) => action === "dip_item.exemption_ended")).toHaveLength(1);
  }, 90_000);
});

describe("serta-merta from the composer", () => {
  it("an announcement marked serta-merta joins its unit's DIP when published, linking to its page, and leaves when withdrawn", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    const website = (await humas.get("/api/channels")).body.data.find((c: { kind: string }) => c.kind === "website");
    const post = await publishNow(humas, {
      unitId: units["dinas-kominfo"],
      title: "Evakuasi warga bantaran Sungai Sekayam",
      body: "Air sungai naik cepat. Warga bantaran diminta mengungsi ke posko di SD Negeri 3.",
      channelIds: [website.id],
      sertaMerta: true,
    });
    expect(post.sertaMerta).toBe(true);
    expect((await tickUntilSettled(siar, humas, post.id)).status).toBe("published");

    const entry = await vi.waitFor(
      async () => {
        const found = await siar.services.prisma.dipItem.findUnique({ where: { postId: post.id } });
        expect(found).not.toBeNull();
        return found!;
      },
      { timeout: 10_000 },
    );
    expect(entry).toMatchObject({ class: "serta_merta", status: "published", unitId: units["dinas-kominfo"] });
    const page = await publicPage(`/ppid/dip/${entry.id}`);
    expect(page.text).toContain(`/pengumuman/${post.slug}`);
    expect((await publicPage("/ppid/dip?kelas=serta_merta&q=evakuasi+sekayam")).text).toContain(entry.id);
    expect(await auditActions(entry.id)).toEqual(["dip_item.serta_merta_from_post"]);

    expect((await humas.post(`/api/posts/${post.id}/withdraw`)).status).toBe(200);
    await vi.waitFor(
      async () =>
        expect((await siar.services.prisma.dipItem.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe(
          "withdrawn",
        ),
      { timeout: 10_000 },
    );
    expect((await publicPage(`/ppid/dip/${entry.id}`)).status).toBe(404);
  });

  it("an announcement not marked serta-merta stays out of the DIP", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    const website = (await humas.get("/api/channels")).body.data.find((c: { kind: string }) => c.kind === "website");
    const post = await publishNow(humas, {
      unitId: units["dinas-kominfo"],
      title: "Lomba foto",
      body: "Ikuti lomba foto.",
      channelIds: [website.id],
    });
    await tickUntilSettled(siar, humas, post.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await siar.services.prisma.dipItem.count({ where: { postId: post.id } })).toBe(0);
  });
});

describe("who keeps which list", () => {
  it("a desa operator drafts for their own desa's bodies only, and cannot publish; the kecamatan's PPID publishes", async () => {
    const draft = await operator.post(
      "/api/dip-items",
      dipEntry(units["desa-sungai-mawang"]!, { body: "bum_desa", title: "Laporan BUM Desa" }),
    );
    expect(draft.status).toBe(201);
    expect(draft.body.permissions).toEqual({ update: true, publish: false });
    expect((await operator.post(`/api/dip-items/${draft.body.id}/publish`)).status).toBe(403);
    expect((await operator.post("/api/dip-items", dipEntry(units["desa-engkasan"]!))).status).toBe(403);
    expect((await ppidKapuas.post(`/api/dip-items/${draft.body.id}/publish`)).status).toBe(200);
    // Published: the operator no longer changes it.
    expect((await operator.patch(`/api/dip-items/${draft.body.id}`, { title: "Diubah" })).status).toBe(403);
    expect((await ppidUtama.patch(`/api/dip-items/${draft.body.id}`, { period: "2025" })).status).toBe(200);
  });
});

describe("lists, search and filters", () => {
  it("staff lists page by cursor within the scope; search finds word prefixes; filters narrow by class, year, unit and body", async () => {
    const tag = `Zamrud${Date.now()}`;
    for (const [unit, year, dipClass] of [
      ["kec-kapuas", 2024, "berkala"],
      ["kec-kapuas", 2025, "setiap_saat"],
      ["desa-sungai-mawang", 2025, "berkala"],
      ["dinas-pupr", 2025, "berkala"],
    ] as const) {
      await publishedEntry(
        ppidUtama,
        dipEntry(units[unit]!, {
          title: `Dokumen ${tag} ${unit}`,
          year,
          class: dipClass,
          ...(unit.startsWith("desa") ? { body: "pemerintah_desa" } : {}),
        }),
      );
    }
    const prefix = tag.slice(0, -3).toLowerCase();
    const kapuasList = await ppidKapuas.get(`/api/dip-items?q=${prefix}&limit=2`);
    expect(kapuasList.body.data).toHaveLength(2);
    const rest = await ppidKapuas.get(`/api/dip-items?q=${prefix}&limit=2&cursor=${kapuasList.body.nextCursor}`);
    const titles = [...kapuasList.body.data, ...rest.body.data].map((item: { title: string }) => item.title);
    // Kapuas's PPID: Kapuas and its desa, not PUPR.
    expect(titles.sort()).toEqual([
      `Dokumen ${tag} desa-sungai-mawang`,
      `Dokumen ${tag} kec-kapuas`,
      `Dokumen ${tag} kec-kapuas`,
    ]);
    expect((await ppidUtama.get(`/api/dip-items?q=${prefix}`)).body.data).toHaveLength(4);
    expect((await ppidUtama.get(`/api/dip-items?q=${prefix}&year=2025&class=berkala`)).body.data).toHaveLength(2);
    expect((await ppidUtama.get(`/api/dip-items?q=${prefix}&unitId=${units["kec-kapuas"]}`)).body.data).toHaveLength(3);
    expect((await ppidUtama.get(`/api/dip-items?q=${prefix}&body=pemerintah_desa`)).body.data).toHaveLength(1);
    expect((await ppidUtama.get("/api/dip-items?q=%21%21%21")).body.data).toHaveLength(0);
    expect((await ppidUtama.get("/api/dip-items?cursor=bm9wZQ")).status).toBe(400);

    // A kecamatan's list holds its desa's too.
    const publicList = await publicPage(`/ppid/dip?q=${prefix}&unit=kec-kapuas&tahun=2025`);
    expect(publicList.text).toContain("2 informasi ditemukan");
    expect(publicList.text).toContain(`Dokumen ${tag} kec-kapuas`);
    expect(publicList.text).toContain(`Dokumen ${tag} desa-sungai-mawang`);
    expect((await publicPage(`/ppid/dip?q=${prefix}&unit=desa-sungai-mawang`)).text).toContain("1 informasi ditemukan");
    expect((await publicPage(`/ppid/dip?q=${prefix}&kelas=setiap_saat`)).text).toContain("1 informasi ditemukan");
    expect((await publicPage("/ppid/dip?unit=tidak-ada")).status).toBe(400);
    expect((await publicPage("/ppid/dip?kelas=dikecualikan")).status).toBe(400);
  });

  it("pages the public list twenty at a time", async () => {
    const tag = `Halaman${Date.now()}`;
    for (let n = 0; n < 23; n++)
      await siar.services.prisma.dipItem.create({
        data: {
          ...dipEntry(units["dinas-pupr"]!, { title: `${tag} ${n}` }),
          madeOn: null,
          status: "published",
          publishedAt: new Date(Date.now() - n * 1000),
        },
      });
    const first = await publicPage(`/ppid/dip?q=${tag}`);
    expect(first.text).toContain("Halaman 1 dari 2");
    expect(first.text.match(/<article class="dip">/g)).toHaveLength(20);
    const second = await publicPage(`/ppid/dip?q=${tag}&halaman=2`);
    expect(second.text.match(/<article class="dip">/g)).toHaveLength(3);
  });
});

describe("a search with very many matches", () => {
  it("says more than a thousand were found and still pages on, newest first", async () => {
    const tag = `Ribuan${Date.now()}`;
    const now = Date.now();
    await siar.services.prisma.dipItem.createMany({
      data: Array.from({ length: 1005 }, (_, n) => ({
        ...dipEntry(units["dinas-pupr"]!, { title: `${tag} ${n}` }),
        madeOn: null,
        status: "published" as const,
        publishedAt: new Date(now - n * 1000),
      })),
    });
    const first = await publicPage(`/ppid/dip?q=${tag}`);
    expect(first.text).toContain("Lebih dari 1.000 informasi ditemukan");
    expect(first.text).toContain(`>${tag} 0<`);
    expect(first.text).toContain(`halaman=2" rel="next"`);
    const last = await publicPage(`/ppid/dip?q=${tag}&halaman=51`);
    expect(last.text.match(/<article class="dip">/g)).toHaveLength(5);
    expect(last.text).toContain(`>${tag} 1004<`);
    expect(last.text).not.toContain('rel="next"');
  });
});

describe("exports", () => {
  it("the public DIP as CSV and JSON, with the filters of the page; staff export with status", async () => {
    const tag = `Ekspor${Date.now()}`;
    const entry = await publishedEntry(ppidKapuas, dipEntry(units["kec-kapuas"]!, { title: `${tag} "kutip", koma` }));
    const csv = await publicPage(`/ppid/dip?q=${tag}&format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const [header, row] = csv.text.split("\r\n");
    expect(header).toContain("title,summary,responsibleOfficial");
    expect(row).toContain(`"${tag} ""kutip"", koma"`);
    const json = JSON.parse((await publicPage(`/ppid/dip?q=${tag}&format=json`)).text);
    expect(json.data).toHaveLength(1);
    expect(json.data[0]).toMatchObject({
      id: entry.id,
      class: "berkala",
      unitCode: "kec-kapuas",
      retention: "5 tahun",
    });
    expect(json.data[0]).not.toHaveProperty("status");
    const staff = await ppidKapuas.get(`/api/dip-items/export?format=json&q=${tag}`);
    expect(staff.body.data[0].status).toBe("published");
    expect((await ppidKapuas.get(`/api/dip-items/export?q=${tag}`)).body).toContain(tag);
  });
});

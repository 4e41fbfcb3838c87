import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { smallPhoto, unitIdOf } from "../helpers/sites.js";
import { zipOf } from "../helpers/zip.js";

// A desa's OpenSID pushes to Siar as it pushes to OpenDK (same paths, fields and Bearer token);
// what it sends waits for the kecamatan's review like an operator's draft.

let siar: TestSiar;
let admin: ApiClient;
let camat: ApiClient;
let desaId: string;
let token: string;

beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  desaId = await unitIdOf(siar, "desa-penyeladi");
  const issued = await admin.post(`/api/sites/${desaId}/push-token`);
  expect(issued.status).toBe(201);
  token = issued.body.token;
});
afterAll(async () => siar?.close());

const PROJECT_COLUMNS =
  "desa_id,id,sumber_dana,lokasi,judul,keterangan,volume,tahun_anggaran,pelaksana_kegiatan,status,anggaran,perubahan_anggaran,sumber_biaya_pemerintah,sumber_biaya_provinsi,sumber_biaya_kab_kota,sumber_biaya_swadaya,sumber_biaya_jumlah,manfaat,waktu,sifat_proyek,foto";

/** Sends a ZIP as OpenSID's Guzzle multipart does: the file and the desa code. */
async function pushZip(path: string, archive: Buffer, bearer = token, desaCode = "61.03.01.2007") {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(archive)], { type: "application/zip" }), "pembangunan_opendk.zip");
  form.append("desa_id", desaCode);
  const response = await fetch(`${siar.url}/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "x-requested-with": "XMLHttpRequest" },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

describe("OpenSID pushes in OpenDK's shape", () => {
  it("refuses a push without the desa's token", async () => {
    const response = await pushZip("/pembangunan", zipOf({ "a.csv": PROJECT_COLUMNS }), "siaropd_salah");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("invalid_token");
  });

  it("refuses a push that names another desa than the token's, and stores nothing", async () => {
    // Desa Sungai Mawang's code (61.03.01.2014) sent with Penyeladi's token: OpenSID set up wrongly.
    const row = `6103012014,40,Dana Desa,Dusun Hulu,Sumur Bor,,1 unit,2026,TPK,1,50000000,50000000,50000000,0,0,0,50000000,Air bersih,30 Hari,Baru,`;
    const archive = zipOf({ "pembangunan_opendk.csv": `${PROJECT_COLUMNS}\n${row}\n` });
    const byField = await pushZip("/pembangunan", archive, token, "61.03.01.2014");
    expect(byField.status).toBe(403);
    expect(byField.body.error.code).toBe("push_desa_mismatch");
    expect(byField.body.error.message).toContain("bukan kode desa pemilik token");
    const byRow = await pushZip("/pembangunan", archive);
    expect(byRow.status).toBe(403);
    const apbdes = await fetch(`${siar.url}/api/v1/laporan-apbdes`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ desa_id: "6103012014", laporan_apbdes: [] }),
    });
    expect(apbdes.status).toBe(403);
    const stored = await siar.services.prisma.siteEntry.count({ where: { entryKey: "opensid:40" } });
    expect(stored).toBe(0);
  });

  it("turns pushed projects, their photos and progress reports into entries the kecamatan approves", async () => {
    const row = `6103012007,12,Dana Desa,Dusun Ilir,"Jalan Usaha Tani, Tahap 2",,600 m,2026,TPK Penyeladi,1,200000000,210000000,180000000,0,20000000,0,200000000,Akses kebun sawit,120 Hari,Baru,jut.png`;
    const projects = await pushZip(
      "/pembangunan",
      zipOf({ "pembangunan_opendk.csv": `${PROJECT_COLUMNS}\n${row}\n`, "jut.png": await smallPhoto() }),
    );
    expect(projects.status).toBe(200);
    expect(projects.body.status).toBe("success");

    const progressCsv =
      "desa_id,id,id_pembangunan,gambar,persentase,keterangan,created_at,updated_at\n6103012007,3,12,p50.png,50,Pengecoran separuh,2026-06-01,2026-06-01\n";
    const progress = await pushZip(
      "/pembangunan/dokumentasi",
      zipOf({ "dokumentasi_opendk.csv": progressCsv, "p50.png": await smallPhoto("#1565c0") }),
    );
    expect(progress.status).toBe(200);

    const entry = await siar.services.prisma.siteEntry.findFirstOrThrow({
      where: { unitId: desaId, entryKey: "opensid:12" },
    });
    expect(entry.status).toBe("in_review");
    expect(entry.source).toBe("opensid");
    expect(entry.published).toBeNull();
    expect(entry.draft).toMatchObject({
      title: "Jalan Usaha Tani, Tahap 2",
      amount: 200_000_000,
      funding: { danaDesa: 180_000_000, kabupaten: 20_000_000 },
      progress: 50,
      status: "berjalan",
      revisions: [{ amount: 210_000_000 }],
    });
    expect((await fetch(`${siar.url}/kecamatan/kapuas/penyeladi/pembangunan/${entry.id}`)).status).toBe(404);

    const queue = await camat.get("/api/site-entries?status=in_review");
    expect(queue.body.data.map((e: { id: string }) => e.id)).toContain(entry.id);
    expect((await camat.post(`/api/site-entries/${entry.id}/approve`)).status).toBe(200);
    const page = await (await fetch(`${siar.url}/kecamatan/kapuas/penyeladi/pembangunan/${entry.id}`)).text();
    expect(page).toContain("Jalan Usaha Tani, Tahap 2");
    expect(page).toContain("Pengecoran separuh");
    expect(page).toContain("Diverifikasi oleh Kecamatan Kapuas");
    expect(page.match(/\/media\/[0-9a-f]+\.png/g)?.length).toBeGreaterThanOrEqual(2);

    const audit = await siar.services.prisma.auditEvent.findMany({
      where: { action: "site.opensid_push", unitId: desaId },
    });
    expect(audit.map((event) => event.actorLabel)).toEqual(["OpenSID Desa Penyeladi", "OpenSID Desa Penyeladi"]);
  });

  it("accepts the identity and the APBDes report JSON, and the login OpenSID's key button makes", async () => {
    const login = await fetch(`${siar.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "operator@penyeladi.desa.id", password: token }),
    });
    expect((await login.json()).access_token).toBe(token);

    const identity = await fetch(`${siar.url}/api/v1/identitas-desa`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        kode_desa: "6103012007",
        sebutan_desa: "Desa",
        website: "https://penyeladi.desa.id",
        path: "",
      }),
    });
    expect(identity.status).toBe(200);

    const pdf = Buffer.from("%PDF-1.4\n% laporan\n").toString("base64");
    const apbdes = await fetch(`${siar.url}/api/v1/laporan-apbdes`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        desa_id: "61.03.01.2007",
        laporan_apbdes: [
          {
            id: 7,
            judul: "APBDes 2026 Semester 1",
            tahun: 2026,
            semester: 1,
            nama_file: "apbdes_2026_1.pdf",
            file: pdf,
          },
        ],
      }),
    });
    expect(apbdes.status).toBe(200);
    const budget = await siar.services.prisma.siteEntry.findFirstOrThrow({
      where: { unitId: desaId, entryKey: "2026-1" },
    });
    expect(budget.status).toBe("in_review");
    await camat.post(`/api/site-entries/${budget.id}/approve`);
    const page = await (await fetch(`${siar.url}/kecamatan/kapuas/penyeladi/apbdes`)).text();
    expect(page).toContain("apbdes_2026_1.pdf");

    const notPdf = await fetch(`${siar.url}/api/v1/laporan-apbdes`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        desa_id: "61.03.01.2007",
        laporan_apbdes: [
          {
            id: 8,
            judul: "x",
            tahun: 2026,
            semester: 2,
            nama_file: "x.pdf",
            file: Buffer.from("<html>").toString("base64"),
          },
        ],
      }),
    });
    expect(notPdf.status).toBe(415);
  });
});

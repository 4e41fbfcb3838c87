import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@server/sites/opendk/csv.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { APPLICANT, download, fileWebRequest, NOTICES } from "../helpers/ppid.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Open data for Satu Data portals: a DCAT-US 1.1 catalogue at /data.json whose every download
// answers with its media type, CSV that parses, and not one citizen's or applicant's identity.

let siar: TestSiar;
let utama: ApiClient;
let catalogue: {
  "@type": string;
  conformsTo: string;
  dataset: {
    title: string;
    identifier: string;
    modified?: string;
    license: string;
    accessLevel: string;
    publisher: { name: string };
    contactPoint: { fn: string; hasEmail?: string };
    keyword: string[];
    distribution: { downloadURL: string; mediaType: string; format: string }[];
  }[];
};

beforeAll(async () => {
  // The demo month: made-up citizens with names, e-mail addresses and phone numbers.
  siar = await startTestSiar({ SIAR_DEMO_MONTH: "true" });
  utama = await signedIn(siar.url, "ppid@sanggau.demo");
  // A request from an applicant with a name, an identity number and contacts, decided and summarised.
  const filed = await fileWebRequest(siar);
  expect(filed.id).toBeTruthy();
  await utama.patch(`/api/ppid/requests/${filed.id}`, { publicSummary: "Kontrak jembatan Sungai Mawang 2025" });
  expect((await utama.post(`/api/ppid/requests/${filed.id}/decide`, NOTICES.granted)).status).toBe(200);
  catalogue = (await fetch(`${siar.url}/data.json`).then((r) => r.json())) as typeof catalogue;
});
afterAll(async () => siar?.close());

const localPath = (url: string) => new URL(url).pathname;

describe("the catalogue", () => {
  it("has the DCAT-US 1.1 shape CKAN harvesters read", async () => {
    expect(catalogue).toMatchObject({
      "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
      "@type": "dcat:Catalog",
      conformsTo: "https://project-open-data.cio.gov/v1.1/schema",
      describedBy: "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
    });
    expect(catalogue.dataset.map((d) => localPath(d.identifier))).toEqual([
      "/data/transparansi",
      "/data/dip",
      "/data/register-ppid",
    ]);
    for (const dataset of catalogue.dataset) {
      expect(dataset.title.length).toBeGreaterThan(5);
      expect(dataset.keyword.length).toBeGreaterThan(0);
      expect(dataset).toMatchObject({
        accessLevel: "public",
        license: "https://creativecommons.org/licenses/by/4.0/",
        publisher: { "@type": "org:Organization", name: expect.stringContaining("Sanggau") },
        contactPoint: { "@type": "vcard:Contact" },
      });
      expect(dataset.distribution.map((d) => [localPath(d.downloadURL), d.mediaType, d.format])).toEqual([
        [`${localPath(dataset.identifier)}.csv`, "text/csv", "CSV"],
        [`${localPath(dataset.identifier)}.json`, "application/json", "JSON"],
      ]);
    }
  });

  it("dates each dataset by the last change of its records", async () => {
    const newest = async () => ({
      request: (await siar.services.prisma.ppidRequest.aggregate({ _max: { updatedAt: true } }))._max.updatedAt!,
      item: (await siar.services.prisma.inboxItem.aggregate({ _max: { updatedAt: true } }))._max.updatedAt!,
    });
    // Background jobs (the notice's e-mail, the arrival triage) may touch records while the
    // catalogue is read: read it between two equal readings of the newest changes.
    for (let attempt = 0; ; attempt++) {
      const before = await newest();
      const fresh = (await fetch(`${siar.url}/data.json`).then((r) => r.json())) as typeof catalogue;
      const download = await fetch(`${siar.url}/data/register-ppid.csv`);
      const after = await newest();
      if (attempt < 20 && JSON.stringify(before) !== JSON.stringify(after)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      const register = fresh.dataset.find((d) => d.identifier.endsWith("/register-ppid"))!;
      expect(register.modified).toBe(after.request.toISOString());
      // Never older than the last change (a cache would keep stale rows); the public page cache
      // may date it when it rendered the file, a second or so later.
      const lastModified = new Date(download.headers.get("last-modified")!).getTime();
      expect(lastModified).toBeGreaterThanOrEqual(Math.floor(after.request.getTime() / 1000) * 1000);
      expect(lastModified).toBeLessThanOrEqual(Date.now());
      const transparency = fresh.dataset.find((d) => d.identifier.endsWith("/transparansi"))!;
      expect(transparency.modified).toBe(after.item.toISOString());
      return;
    }
  });
});

describe("the downloads", () => {
  const distributions = () => catalogue.dataset.flatMap((d) => d.distribution);

  it("answer 200 with their media type; the CSV parses and matches the JSON", async () => {
    expect(distributions()).toHaveLength(6);
    for (const dataset of catalogue.dataset) {
      const [csvUrl, jsonUrl] = dataset.distribution.map((d) => localPath(d.downloadURL));
      const csv = await download(siar, csvUrl!);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const rows = parseCsv(csv.body.toString("utf8"));
      const json = await download(siar, jsonUrl!);
      expect(json.status).toBe(200);
      expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const data = JSON.parse(json.body.toString("utf8")).data as unknown[];
      expect(rows.length).toBe(data.length);
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it("hold the figures and rows the public pages show", async () => {
    const register = parseCsv((await download(siar, "/data/register-ppid.csv")).body.toString("utf8"));
    expect(register[0]).toMatchObject({
      ringkasan: "Kontrak jembatan Sungai Mawang 2025",
      keputusan: expect.any(String),
    });
    const transparency = JSON.parse((await download(siar, "/data/transparansi.json")).body.toString("utf8")).data;
    const overall = transparency.filter((row: { kategori: string | null }) => row.kategori === null);
    const received = overall.reduce((sum: number, row: { diterima: number }) => sum + row.diterima, 0);
    expect(received).toBeGreaterThan(0);
  });

  it("carry no citizen's or applicant's identity", async () => {
    const items = await siar.services.prisma.inboxItem.findMany({ select: { authorName: true, contact: true } });
    const contacts = items.flatMap(({ contact }) => {
      const { email, phone } = (contact ?? {}) as { email?: string; phone?: string };
      return [email, phone].filter((value): value is string => !!value);
    });
    // Full names only: a single short name could be part of an ordinary word.
    const names = items.map((item) => item.authorName).filter((name) => name.includes(" ") && name.length >= 8);
    expect(contacts.length + names.length).toBeGreaterThan(10);
    const personal = [
      ...new Set([...names, ...contacts]),
      APPLICANT.nama,
      APPLICANT.email,
      APPLICANT.telepon,
      APPLICANT.nomor_identitas,
      APPLICANT.alamat,
      APPLICANT.informasi,
    ];
    for (const distribution of distributions()) {
      const text = (await download(siar, localPath(distribution.downloadURL))).body.toString("utf8");
      for (const value of personal) expect(text, `${distribution.downloadURL} holds "${value}"`).not.toContain(value);
    }
  });

  it("are linked from the public pages", async () => {
    for (const [page, dataset] of [
      ["/transparansi", "transparansi"],
      ["/ppid/dip", "dip"],
      ["/ppid/register", "register-ppid"],
    ]) {
      const html = (await download(siar, page!)).body.toString("utf8");
      expect(html).toContain(`href="/data/${dataset}.csv"`);
      expect(html).toContain(`href="/data/${dataset}.json"`);
      expect(html).toContain('href="/data.json"');
    }
  });

  it("answer 404 for a dataset or format that does not exist", async () => {
    expect((await download(siar, "/data/rahasia.csv")).status).toBe(404);
    expect((await download(siar, "/data/dip.xml")).status).toBe(404);
  });
});

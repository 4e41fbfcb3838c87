import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@server/sites/opendk/csv.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { APPLICANT, download, fileWebRequest, NOTICES } from "../helpers/ppid.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Open data for Satu Data portals: a DCAT-US 1.1 catalogue at /data.json whose every download
// answers with its media type, CSV that parses, and not one citizen's or applicant's identity.

let siar: TestSiar;
let utama: ApiClient;
let filedId: string;
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
  filedId = filed.id!;
  await utama.patch(`/api/ppid/requests/${filed.id}`, { publicSummary: "Kontrak jembatan Sungai Mawang 2025" });
  expect((await utama.post(`/api/ppid/requests/${filed.id}/decide`, NOTICES.granted)).status).toBe(200);
  catalogue = (await fetch(`${siar.url}/data.json`).then((r) => r.json())) as typeof catalogue;
});
afterAll(async () => siar?.close());

const localPath = (url: string) => new URL(url).pathname;
/** A date as HTTP carries it: whole seconds. */
const httpDate = (date: Date) => date.toUTCString();
const newestRequestChange = async () =>
  (await siar.services.prisma.ppidRequest.aggregate({ _max: { updatedAt: true } }))._max.updatedAt!;

/**
 * Waits until the clock is in a later second than `date` (HTTP dates are whole seconds): a file
 * rendered then can tell the data's last change from the time of its rendering.
 */
const laterSecondThan = (date: Date | string) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, Math.floor(+new Date(date) / 1000) * 1000 + 1000 - Date.now())),
  );

/**
 * A download asked for only if it changed since `since`, as a browser revalidates its copy (fetch
 * would add `Cache-Control: no-cache`, under which express sends the file again).
 */
async function downloadIfModifiedSince(path: string, since: string) {
  const headers = { "If-Modified-Since": since, "Cache-Control": "max-age=0" };
  const response = await fetch(`${siar.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

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
      request: await newestRequestChange(),
      item: (await siar.services.prisma.inboxItem.aggregate({ _max: { updatedAt: true } }))._max.updatedAt!,
    });
    await laterSecondThan(await newestRequestChange());
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
      // The data's last change, not when the public page cache rendered the file.
      expect(download.headers.get("last-modified")).toBe(httpDate(after.request));
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

  it("answer a request for the copy of their last change with 304, the DIP's stream too", async () => {
    for (const path of ["/data/register-ppid.csv", "/data/dip.csv", "/data/dip.json"]) {
      const lastModified = (await download(siar, path)).headers.get("last-modified")!;
      expect(lastModified, path).toMatch(/ GMT$/);
      const again = await downloadIfModifiedSince(path, lastModified);
      expect(again.status, path).toBe(304);
      expect(again.text, path).toBe("");
      const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await downloadIfModifiedSince(path, older)).status, path).toBe(200);
    }
  });

  it("move their Last-Modified with a change of the data, and send the changed rows to a client's old copy", async () => {
    const path = "/data/register-ppid.csv";
    const before = (await download(siar, path)).headers.get("last-modified")!;
    expect(before).toBe(httpDate(await newestRequestChange()));
    const cached = await downloadIfModifiedSince(path, before);
    expect([cached.status, cached.headers.get("x-cache"), cached.headers.get("last-modified")]).toEqual([
      304,
      "HIT",
      before,
    ]);

    // Changed in a later second than the last change, and downloaded in a later second still.
    await laterSecondThan(before);
    const summary = "Kontrak jembatan Sungai Mawang 2025, adendum pertama";
    expect((await utama.patch(`/api/ppid/requests/${filedId}`, { publicSummary: summary })).status).toBe(200);
    await laterSecondThan(await newestRequestChange());
    const changed = await downloadIfModifiedSince(path, before);
    expect(changed.status).toBe(200);
    const after = changed.headers.get("last-modified")!;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    expect(after).toBe(httpDate(await newestRequestChange()));
    expect(parseCsv(changed.text)[0]).toMatchObject({ ringkasan: summary });
    expect((await downloadIfModifiedSince(path, after)).status).toBe(304);
  });

  it("answer 404 for a dataset or format that does not exist", async () => {
    expect((await download(siar, "/data/rahasia.csv")).status).toBe(404);
    expect((await download(siar, "/data/dip.xml")).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Every CSV a leader can hand on speaks the UI's words in the chosen language (headers and codes),
// and the machine-readable form keeps the code names for scripts.

let siar: TestSiar;
let leader: ApiClient;
let ppid: ApiClient;

beforeAll(async () => {
  // The demo month: items of every source, kind and category within the default period.
  siar = await startTestSiar({ SIAR_DEMO_MONTH: "true", SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  [leader, ppid] = await Promise.all([
    signedIn(siar.url, "pimpinan@sanggau.demo"),
    signedIn(siar.url, "ppid@sanggau.demo"),
  ]);
});
afterAll(async () => siar?.close());

/** Rows of a CSV (simple split: the checks below read only unquoted cells). */
const lines = (csv: string) => csv.trimEnd().split("\r\n");
const header = (csv: string) => lines(csv)[0]!.split(",");

/** Code names and dotted paths that must never reach a labelled file. */
const RAW =
  /facebook_comment|web_report|x_mention|instagram_comment|infrastruktur|pelayanan_publik|\w+\.\w+|[a-z]+[A-Z]\w*/;

async function csv(client: ApiClient, path: string): Promise<string> {
  const response = await client.get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type"), path).toBe("text/csv; charset=utf-8");
  return response.body as string;
}

describe("dashboard CSV", () => {
  it("names the columns in Indonesian by default and in English when asked", async () => {
    const id = await csv(leader, "/api/dashboard/summary?format=csv");
    expect(header(id)).toEqual(["Angka", "Periode ini", "Periode sebelumnya"]);
    expect(id).toContain("Tanggapan pertama · menit kalender · median,");
    const en = await csv(leader, "/api/dashboard/summary?format=csv&lang=en");
    expect(header(en)).toEqual(["Figure", "This period", "Previous period"]);
    expect(en).toContain("First response · calendar minutes · median,");
    for (const file of [id, en]) expect(file).not.toContain("firstResponse.calendarMinutes.median");
  });

  it("puts sources, categories, kinds and urgencies in words", async () => {
    const sources = await csv(leader, "/api/dashboard/volume?format=csv&groupBy=source");
    expect(header(sources)).toEqual(["Mulai periode", "Sumber", "Jumlah"]);
    expect(sources).toContain("Komentar Facebook");
    expect(sources).not.toContain("facebook_comment");
    const sourcesEn = await csv(leader, "/api/dashboard/volume?format=csv&groupBy=source&lang=en");
    expect(header(sourcesEn)).toEqual(["Period starting", "Source", "Count"]);
    expect(sourcesEn).toContain("Facebook comment");
    const categories = await csv(leader, "/api/dashboard/volume?format=csv&groupBy=category&lang=en");
    expect(header(categories)[1]).toBe("Category");
    expect(categories).toContain("Infrastructure");
    expect(categories).not.toMatch(/,infrastruktur,/);
    const kinds = await csv(leader, "/api/dashboard/volume?format=csv&groupBy=kind");
    expect(kinds).toContain("Pengaduan");
    expect(kinds).not.toContain("permohonan_informasi");
  });

  it("writes no code names, ids or dotted paths in any labelled report, in either language", async () => {
    const unitId = /[0-9a-f]{8}-[0-9a-f]{4}-/;
    for (const report of ["summary", "volume", "units", "backlog", "areas", "publishing", "glossary"])
      for (const lang of ["id", "en"]) {
        const file = await csv(leader, `/api/dashboard/${report}?format=csv&lang=${lang}`);
        for (const column of header(file)) expect(column, `${report} ${lang}`).not.toMatch(RAW);
        expect(file, `${report} ${lang}`).not.toMatch(unitId);
      }
    const units = await csv(leader, "/api/dashboard/units?format=csv&lang=en");
    expect(header(units).slice(0, 3)).toEqual(["Unit", "Unit type", "The unit's own items"]);
    expect(units).toMatch(/,(Yes|No),/);
    expect(units).not.toMatch(/,(true|false),/);
    const publishing = await csv(leader, "/api/dashboard/publishing?format=csv");
    expect(publishing).toContain("Situs web");
  });

  it("keeps the code names and raw values with machine=1", async () => {
    const summary = await csv(leader, "/api/dashboard/summary?format=csv&machine=1&lang=en");
    expect(header(summary)).toEqual(["figure", "current", "previous"]);
    expect(summary).toContain("firstResponse.calendarMinutes.median,");
    const volume = await csv(leader, "/api/dashboard/volume?format=csv&groupBy=source&machine=1");
    expect(header(volume)).toEqual(["bucket", "key", "count", "label"]);
    expect(volume).toContain("facebook_comment");
    const units = await csv(leader, "/api/dashboard/units?format=csv&machine=1");
    expect(header(units).slice(0, 4)).toEqual(["unitId", "unitName", "unitType", "own"]);
    const glossary = await csv(leader, "/api/dashboard/glossary?format=csv&machine=1");
    expect(header(glossary)).toEqual(["figure", "name_id", "definition_id", "name_en", "definition_en"]);
  });

  it("gives the glossary in the reader's language only", async () => {
    const en = await csv(leader, "/api/dashboard/glossary?format=csv&lang=en");
    expect(header(en)).toEqual(["Name", "Definition"]);
    expect(en).toContain("First-response time,");
    expect(en).not.toContain("Waktu tanggapan pertama");
  });

  it("refuses an unknown language or machine value with a 400", async () => {
    expect((await leader.get("/api/dashboard/summary?format=csv&lang=fr")).status).toBe(400);
    expect((await leader.get("/api/dashboard/summary?format=csv&machine=maybe")).status).toBe(400);
  });
});

describe("sites freshness CSV", () => {
  it("names columns and unit types in both languages", async () => {
    const id = await csv(leader, "/api/sites/freshness?format=csv");
    expect(header(id)).toEqual([
      "Unit",
      "Jenis unit",
      "Kecamatan",
      "Alamat situs",
      "Terakhir diperbarui",
      "Hari sejak diperbarui",
      "Perlu diperbarui",
    ]);
    expect(lines(id).some((line) => /^Desa [^,]+,Desa,Kecamatan /.test(line))).toBe(true);
    expect(id).toMatch(/,(Ya|Tidak)\r\n/);
    const en = await csv(leader, "/api/sites/freshness?format=csv&lang=en");
    expect(header(en)[1]).toBe("Unit type");
    expect(en).toMatch(/,(Yes|No)\r\n/);
    const machine = await csv(leader, "/api/sites/freshness?format=csv&machine=1");
    expect(header(machine)).toEqual(["unit", "type", "kecamatan", "site", "lastUpdatedAt", "daysSince", "stale"]);
  });
});

describe("PPID CSV", () => {
  it("names the service figures in words, channels and decisions as the UI does", async () => {
    const id = await csv(ppid, "/api/ppid/figures?format=csv");
    expect(header(id)).toEqual(["Tahun", "Kelompok", "Angka", "Nilai"]);
    expect(id).toContain("Permohonan · Kanal,Situs web,");
    expect(id).toContain("Permohonan · Keputusan,Dikabulkan seluruhnya,");
    const en = await csv(ppid, "/api/ppid/figures?format=csv&lang=en");
    expect(header(en)).toEqual(["Year", "Group", "Figure", "Value"]);
    expect(en).toContain("Requests · Channel,Website,");
    for (const file of [id, en]) expect(file).not.toMatch(/requests\.channel|granted_in_part|in_person/);
    const machine = await csv(ppid, "/api/ppid/figures?format=csv&machine=1");
    expect(header(machine)).toEqual(["year", "group", "key", "value"]);
    expect(machine).toContain("requests.channel,web,");
  });

  it("titles the annual report's sections in the chosen language", async () => {
    const year = new Date().getFullYear();
    const id = await csv(ppid, `/api/ppid/annual-reports/${year}/report.csv`);
    expect(header(id)).toEqual(["Bagian", "Uraian", "Nilai"]);
    expect(id).toContain("Kebijakan pelayanan informasi publik");
    expect(id).not.toMatch(/^policy,/m);
    const machine = await csv(ppid, `/api/ppid/annual-reports/${year}/report.csv?machine=1`);
    expect(header(machine)).toEqual(["bagian", "uraian", "nilai"]);
    expect(machine).toMatch(/^policy,/m);
  });
});

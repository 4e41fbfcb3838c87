import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxSource } from "@server/db/generated/enums.js";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The dashboard through the API: filters, trends, who sees which units, CSV exports and bad
// requests. The exact arithmetic of each figure is tested in tests/unit/metrics.test.ts; here
// items are placed relative to now so the default period (the last 30 days) applies.

let siar: TestSiar;
let humas: ApiClient;
let camatKapuas: ApiClient;
const units: Record<string, string> = {};
const DAY_MS = 24 * 60 * 60_000;

type ItemSpec = {
  daysAgo: number;
  unit: string;
  category?: string;
  source?: InboxSource;
  place?: string;
  answeredAfterMinutes?: number;
};

async function itemArrives(spec: ItemSpec) {
  const { prisma } = siar.services;
  const receivedAt = new Date(Date.now() - spec.daysAgo * DAY_MS);
  const source = spec.source ?? "web_report";
  const conversation = await prisma.conversation.create({
    data: { source, threadKey: randomUUID(), authorKey: randomUUID(), lastItemAt: receivedAt },
  });
  await prisma.inboxItem.create({
    data: {
      conversationId: conversation.id,
      source,
      platformId: randomUUID(),
      authorName: "Warga",
      text: "Laporan",
      sentAt: receivedAt,
      receivedAt,
      status: spec.answeredAfterMinutes === undefined ? "assigned" : "answered",
      kind: "pengaduan",
      category: spec.category ?? "pelayanan_publik",
      urgency: "normal",
      unitId: units[spec.unit],
      placeUnitId: spec.place ? units[spec.place] : null,
      firstRespondedAt:
        spec.answeredAfterMinutes === undefined
          ? null
          : new Date(receivedAt.getTime() + spec.answeredAfterMinutes * 60_000),
    },
  });
}

beforeAll(async () => {
  siar = await startTestSiar();
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  camatKapuas = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  const { prisma } = siar.services;
  for (const unit of await prisma.unit.findMany({ select: { id: true, code: true } })) units[unit.code!] = unit.id;
  // A desa whose name needs quoting in CSV.
  const kapuas = await prisma.unit.findUniqueOrThrow({ where: { id: units["kec-kapuas"]! } });
  const quoted = await prisma.unit.create({
    data: { name: 'Desa "Maju", Jaya', type: "desa", parentId: kapuas.id, path: "" },
  });
  await prisma.unit.update({ where: { id: quoted.id }, data: { path: `${kapuas.path}${quoted.id}/` } });
  units["desa-maju"] = quoted.id;

  // Last 30 days: 4 in Kapuas (one from Facebook, one about infrastructure), 2 in Tayan Hulu.
  await itemArrives({ daysAgo: 1, unit: "kec-kapuas", place: "desa-sungai-mawang", answeredAfterMinutes: 30 });
  await itemArrives({ daysAgo: 2, unit: "kec-kapuas", source: "facebook_comment", answeredAfterMinutes: 90 });
  await itemArrives({ daysAgo: 3, unit: "desa-maju", category: "infrastruktur", place: "desa-sungai-mawang" });
  await itemArrives({ daysAgo: 20, unit: "kec-kapuas", answeredAfterMinutes: 10 });
  await itemArrives({ daysAgo: 4, unit: "kec-tayan-hulu", place: "desa-sosok", answeredAfterMinutes: 600 });
  await itemArrives({ daysAgo: 5, unit: "kec-tayan-hulu", place: "desa-sosok" });
  // The 30 days before: 1 in Kapuas.
  await itemArrives({ daysAgo: 45, unit: "kec-kapuas" });
});
afterAll(async () => {
  await siar?.close();
});

describe("the summary", () => {
  it("covers the last 30 days by default, with the previous 30 days as the trend", async () => {
    const response = await humas.get("/api/dashboard/summary");
    expect(response.status).toBe(200);
    const { period, previousPeriod, figures } = response.body;
    expect(Date.parse(period.to) - Date.parse(period.from)).toBe(30 * DAY_MS);
    expect(previousPeriod.to).toBe(period.from);
    expect(figures.volume).toEqual({ current: 6, previous: 1 });
    // Answered after 10, 30, 90 and 600 minutes: nearest-rank median is the 2nd, p90 the 4th.
    expect(figures.firstResponse.current).toMatchObject({ count: 4, calendarMinutes: { median: 30, p90: 600 } });
    expect(figures.backlog.current.total).toBe(3);
  });

  it("narrows to a unit and its descendants, a source, a category and an area", async () => {
    const volume = async (query: string) =>
      (await humas.get(`/api/dashboard/summary?${query}`)).body.figures.volume.current;
    expect(await volume(`unitId=${units["kec-kapuas"]}`)).toBe(4); // the desa's item included
    expect(await volume("source=facebook_comment")).toBe(1);
    expect(await volume("category=infrastruktur")).toBe(1);
    expect(await volume(`placeUnitId=${units["kec-kapuas"]}`)).toBe(2); // placed in Sungai Mawang, below Kapuas
    expect(await volume(`unitId=${units["kec-kapuas"]}&from=${new Date(Date.now() - 10 * DAY_MS).toISOString()}`)).toBe(
      3,
    );
  });

  it("accepts dates read in WIB, the end date included", async () => {
    const response = await humas.get("/api/dashboard/summary?from=2026-08-01&to=2026-08-31");
    expect(response.body.period).toEqual({ from: "2026-07-31T17:00:00.000Z", to: "2026-08-31T17:00:00.000Z" });
  });
});

describe("who sees what", () => {
  it("shows a camat only Kapuas, and refuses Tayan Hulu", async () => {
    const own = await camatKapuas.get("/api/dashboard/summary");
    expect(own.status).toBe(200);
    expect(own.body.figures.volume.current).toBe(4);
    const league = await camatKapuas.get("/api/dashboard/units");
    expect(league.body.anchorUnitId).toBe(units["kec-kapuas"]);
    expect(league.body.data.map((row: any) => row.unitId)).not.toContain(units["kec-tayan-hulu"]);
    for (const path of ["summary", "units", "backlog", "areas", "publishing", "volume"]) {
      expect((await camatKapuas.get(`/api/dashboard/${path}?unitId=${units["kec-tayan-hulu"]}`)).status).toBe(403);
    }
  });

  it("lets humas see every unit, and refuses officers", async () => {
    expect(
      (await humas.get(`/api/dashboard/summary?unitId=${units["kec-tayan-hulu"]}`)).body.figures.volume.current,
    ).toBe(2);
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    expect((await officer.get("/api/dashboard/summary")).status).toBe(403);
    expect((await new ApiClient(siar.url).get("/api/dashboard/summary")).status).toBe(401);
  });
});

describe("breakdowns", () => {
  it("count volume per day and source, with each source's previous total", async () => {
    const response = await humas.get("/api/dashboard/volume?groupBy=source&bucket=month");
    expect(response.status).toBe(200);
    expect(response.body.totals.find((row: any) => row.key === "web_report")).toMatchObject({ count: 5, previous: 1 });
    expect(response.body.data.every((row: any) => /^\d{4}-\d{2}-01$/.test(row.bucket))).toBe(true);
  });

  it("rank areas with their desa, and list the backlog per unit", async () => {
    const areas = (await humas.get("/api/dashboard/areas")).body;
    // Two each: equal counts are ordered by name.
    expect(areas.data.map((area: any) => [area.unitId, area.count])).toEqual([
      [units["kec-kapuas"], 2],
      [units["kec-tayan-hulu"], 2],
    ]);
    expect(areas.data[0].places).toMatchObject([{ unitId: units["desa-sungai-mawang"], count: 2 }]);
    const backlog = (await camatKapuas.get("/api/dashboard/backlog")).body;
    expect(backlog.total).toMatchObject({ "3_7d": 1, over_14d: 1, total: 2 }); // Desa Maju's, and the one from 45 days ago
    expect(backlog.byUnit.find((row: any) => row.unitId === units["desa-maju"])).toMatchObject({
      "1_3d": 0,
      "3_7d": 1,
      total: 1,
    });
  });

  it("explains every figure in Indonesian and English", async () => {
    const glossary = (await camatKapuas.get("/api/dashboard/glossary")).body;
    expect(glossary.percentileMethod).toBe("nearest_rank");
    expect(glossary.figures.firstResponse.id.definition).toContain("spam");
    expect(glossary.figures.firstResponse.en.definition).toContain("merged duplicates");
  });
});

describe("CSV export", () => {
  it("sends a header row and escapes names with commas and quotes in the machine-readable form", async () => {
    const response = await camatKapuas.get("/api/dashboard/units?format=csv&machine=1&from=2026-08-01&to=2026-08-31");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="siar-units-2026-08-01_2026-08-31.csv"',
    );
    const csv: string = response.body;
    const [header] = csv.split("\r\n");
    expect(header!.split(",").slice(0, 4)).toEqual(["unitId", "unitName", "unitType", "own"]);
    expect(csv).toContain(`${units["desa-maju"]},"Desa ""Maju"", Jaya",desa,false`);
  });

  it("exports every report", async () => {
    for (const path of ["summary", "volume", "units", "backlog", "areas", "publishing", "glossary"]) {
      const response = await humas.get(`/api/dashboard/${path}?format=csv`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-disposition"), path).toMatch(
        new RegExp(`^attachment; filename="siar-${path}[-\\w]*\\.csv"$`),
      );
      expect(response.body.split("\r\n")[0].length, path).toBeGreaterThan(0);
    }
  });
});

describe("bad filters", () => {
  it.each([
    ["a period that is not a date", "/api/dashboard/summary?from=yesterday"],
    ["a period that ends before it starts", "/api/dashboard/summary?from=2026-08-10&to=2026-08-01"],
    ["a period longer than two years", "/api/dashboard/summary?from=2020-01-01&to=2026-01-01"],
    ["an unknown category", "/api/dashboard/summary?category=cuaca"],
    ["an unknown source", "/api/dashboard/units?source=tiktok"],
    ["a unit id that is not one", "/api/dashboard/backlog?unitId=kapuas"],
    ["a unit that does not exist", `/api/dashboard/areas?unitId=${randomUUID()}`],
    ["a misspelt filter", "/api/dashboard/summary?unit=kapuas"],
    ["an unknown grouping", "/api/dashboard/volume?groupBy=author"],
    ["an unknown bucket", "/api/dashboard/volume?bucket=hour"],
    ["an unknown format", "/api/dashboard/publishing?format=xlsx"],
  ])("refuses %s with 400", async (_name, path) => {
    const response = await humas.get(path);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatMinutes, formatRate } from "@server/reports/format.js";
import { MIN_ITEMS_PER_AREA } from "@server/routes/public/transparency.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The public transparency page for October 2026: the same figures as the dashboard over the
// same month, a kecamatan listed only with enough items, and nothing personal in the HTML.

let siar: TestSiar;
let humas: ApiClient;
const units: Record<string, string> = {};
const SECRET_NAME = "Zulkarnain Rahasiawan";
const SECRET_TEXT = "Jalan berlubang di depan rumah nomor 17 Gang Kenari";
const SECRET_CONTACT = "0812-9999-1717";
const trackingNumbers: string[] = [];

async function itemArrives(day: number, place: string, answeredAfterMinutes?: number) {
  const { prisma } = siar.services;
  const receivedAt = new Date(Date.UTC(2026, 9, day, 2));
  const conversation = await prisma.conversation.create({
    data: { source: "web_report", threadKey: randomUUID(), authorKey: randomUUID(), lastItemAt: receivedAt },
  });
  const trackingNumber = `SIAR-${randomUUID().slice(0, 8).toUpperCase()}`;
  trackingNumbers.push(trackingNumber);
  await prisma.inboxItem.create({
    data: {
      conversationId: conversation.id,
      source: "web_report",
      platformId: trackingNumber,
      authorName: SECRET_NAME,
      authorHandle: SECRET_CONTACT,
      text: `${SECRET_TEXT} <script>alert(1)</script>`,
      sentAt: receivedAt,
      receivedAt,
      status: answeredAfterMinutes === undefined ? "assigned" : "answered",
      kind: "pengaduan",
      category: "infrastruktur",
      urgency: "normal",
      unitId: units["dinas-pupr"],
      placeUnitId: units[place],
      firstRespondedAt:
        answeredAfterMinutes === undefined ? null : new Date(receivedAt.getTime() + answeredAfterMinutes * 60_000),
      firstResponseDueAt: new Date(receivedAt.getTime() + 3 * 24 * 60 * 60_000),
    },
  });
}

beforeAll(async () => {
  siar = await startTestSiar();
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  for (const unit of await siar.services.prisma.unit.findMany({ select: { id: true, code: true } }))
    units[unit.code!] = unit.id;
  // Kapuas: 6 items (listed); Tayan Hulu: 2 (below the threshold, left out).
  for (const [day, minutes] of [
    [1, 30],
    [2, 90],
    [5, 600],
    [6, 20],
    [7, undefined],
    [8, undefined],
  ] as const)
    await itemArrives(day, "desa-sungai-mawang", minutes);
  await itemArrives(9, "desa-sosok", 45);
  await itemArrives(10, "desa-sosok");
});
afterAll(async () => {
  await siar?.close();
});

async function page(query = "?bulan=2026-10") {
  const response = await fetch(`${siar.url}/transparansi${query}`);
  return { response, body: await response.text() };
}

describe("the transparency page", () => {
  it("shows the dashboard's figures for the month, publicly cached", async () => {
    const { response, body } = await page();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=20, stale-while-revalidate=20");
    const dashboard = (await humas.get("/api/dashboard/summary?from=2026-10-01&to=2026-10-31")).body.figures;
    const row = (name: string, value: string) =>
      expect(body).toContain(`<th scope="row">${name}</th><td class="n">${value}</td>`);
    row("Laporan diterima", formatCount(dashboard.volume.current));
    row("Ditanggapi", formatCount(dashboard.firstResponse.current.count));
    row("Diselesaikan", formatCount(dashboard.resolution.current.count));
    row(
      "Median waktu tanggapan pertama (jam kerja)",
      formatMinutes(dashboard.firstResponse.current.workingMinutes.median),
    );
    row(
      "Median waktu tanggapan pertama (kalender)",
      formatMinutes(dashboard.firstResponse.current.calendarMinutes.median),
    );
    row("Kepatuhan tenggat tanggapan pertama", formatRate(dashboard.compliance.current.firstResponse.rate));
    expect(dashboard.volume.current).toBeGreaterThanOrEqual(8);
    expect(body).toContain('<td data-label="Kategori">Infrastruktur</td>');
  });

  it(`lists a kecamatan only with at least ${MIN_ITEMS_PER_AREA} items, and says so`, async () => {
    const { body } = await page();
    const areas: { unitName: string; count: number }[] = (
      await humas.get("/api/dashboard/areas?from=2026-10-01&to=2026-10-31")
    ).body.data;
    expect(areas.some((area) => area.count < MIN_ITEMS_PER_AREA)).toBe(true);
    for (const area of areas) {
      expect(body.includes(`<td>${area.unitName}</td>`)).toBe(area.count >= MIN_ITEMS_PER_AREA);
    }
    expect(body).toContain("<td>Kecamatan Kapuas</td>");
    expect(body).not.toContain("Tayan Hulu");
    expect(body).toContain(`sedikitnya ${MIN_ITEMS_PER_AREA} laporan`);
  });

  it("holds no citizen's name, text, contact or tracking number, nor any staff name", async () => {
    const { body } = await page();
    for (const secret of [
      SECRET_NAME,
      "Zulkarnain",
      "Gang Kenari",
      SECRET_CONTACT,
      "<script>",
      ...trackingNumbers,
      "Petugas",
      "Rina",
    ])
      expect(body).not.toContain(secret);
  });

  it("defaults to this month, links it from the site's navigation and refuses a bad month", async () => {
    const { response, body } = await page("");
    expect(response.status).toBe(200);
    expect(body).toContain("Periode: ");
    expect(await (await fetch(`${siar.url}/`)).text()).toContain('<a href="/transparansi">Transparansi</a>');
    expect((await page("?bulan=2026-13")).response.status).toBe(400);
  });
});

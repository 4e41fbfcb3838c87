import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@server/db/client.js";
import { foldDailyCounts } from "@server/metrics/dailyCounts.js";
import { recountRollups } from "@server/reporting/recount.js";
import { recountPending, reportingSettings } from "@server/reporting/settings.js";
import { type UnitTimeZone, zoneOfRegion } from "@server/reporting/zones.js";
import { ReportMailer } from "@server/reports/email.js";
import { sendDueReport } from "@server/reports/schedule.js";
import { signedIn } from "../helpers/client.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { partOf, startMailbox, subjectOf } from "../helpers/mailbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The organisation's reporting zone end to end, for a WIB, a WITA and a WIT organisation: an admin
// sets it, items received just before and just after local midnights fall on their local dates in
// the dashboard (whole days from the rollups, partial ones from the items), the rollups equal a
// fresh count before and after a recount, and the weekly report goes out at 07:00 local time.

const ZONES = [
  ["Asia/Jakarta", "+07:00", "WIB"],
  ["Asia/Makassar", "+08:00", "WITA"],
  ["Asia/Jayapura", "+09:00", "WIT"],
] as const;
const OTHER_ZONE: Record<UnitTimeZone, UnitTimeZone> = {
  "Asia/Jakarta": "Asia/Jayapura",
  "Asia/Makassar": "Asia/Jakarta",
  "Asia/Jayapura": "Asia/Makassar",
};
const KEY = `"day", "unitId", "placeUnitId", "source", "channelId", "category", "kind", "urgency"`;
const COUNTS = ["received", "spam", "answered", "resolved", "awaitingFirstResponse", "awaitingOpen"];

describe.each(ZONES)("a %s organisation", (zone, offset, abbreviation) => {
  let siar: TestSiar;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  /** A wall-clock time of the organisation's zone ("2026-10-31 23:59:30") as an instant. */
  const local = (time: string) => new Date(`${time.replace(" ", "T")}${offset}`);

  async function item(received: Date) {
    const { prisma } = siar.services;
    const conversation = await prisma.conversation.create({
      data: { source: "web_report", threadKey: randomUUID(), authorKey: randomUUID(), lastItemAt: received },
    });
    await prisma.inboxItem.create({
      data: {
        conversationId: conversation.id,
        source: "web_report",
        platformId: randomUUID(),
        authorName: "Warga",
        text: "Lampu jalan mati",
        sentAt: received,
        receivedAt: received,
        status: "triaged",
        kind: "pengaduan",
        category: "infrastruktur",
        urgency: "normal",
        firstResponseDueAt: new Date(received.getTime() + 3600_000),
      },
    });
  }

  /** Non-zero cells of the rollups (folded and not), and of a count afresh from the items. */
  async function cells(source: Prisma.Sql): Promise<string[]> {
    const rows = await siar.services.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT ${Prisma.raw(KEY)}, ${Prisma.raw(COUNTS.map((c) => `sum("${c}")::int AS "${c}"`).join(", "))}
      FROM ${source} GROUP BY ${Prisma.raw(KEY)}
      HAVING ${Prisma.raw(COUNTS.map((c) => `sum("${c}") <> 0`).join(" OR "))}`;
    return rows.map((row) => JSON.stringify(row)).sort();
  }
  const kept = () =>
    cells(Prisma.sql`(SELECT * FROM "InboxDailyCount" UNION ALL SELECT * FROM "InboxDailyCountDelta") c`);
  const afresh = () => cells(Prisma.sql`inbox_daily_counts_between('2000-01-01', '2100-01-01') c`);
  const monthly = async () =>
    siar.services.prisma.$queryRaw<{ month: string; received: number }[]>`
      SELECT to_char("day", 'YYYY-MM') AS "month", sum("received")::int AS "received" FROM "InboxMonthlyCount"
      WHERE "day" >= '2026-09-01' GROUP BY 1 ORDER BY 1`;

  /** The recount, done here or by the job (every 15 s in this process too), and nothing left to do. */
  async function recounted() {
    // Another process holding the recount (the job, on PostgreSQL) makes this call skip: wait for it.
    for (let tries = 0; tries < 100 && (await recountPending(siar.services.prisma)); tries++) {
      if (!(await recountRollups(siar.services))) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await recountPending(siar.services.prisma)).toBe(false);
  }

  beforeAll(async () => {
    mailbox = await startMailbox();
    siar = await startTestSiar({
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      SMTP_FROM: "Siar <siar@example.go.id>",
      REPORT_RECIPIENTS: "bupati@example.go.id",
    });
  });
  afterAll(async () => {
    await siar?.close();
    await mailbox?.close();
  });

  it("is set by an admin, audited, and the rollups are counted again in the background", async () => {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    // Items the demo's WIB clock counted first: the recount must move them to their local days.
    await item(local("2026-10-31 23:59:30"));
    await item(local("2026-11-01 00:00:30"));
    const changed = await admin.patch("/api/settings/reporting", { timeZone: zone, onTimeToleranceMinutes: 10 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ timeZone: zone, zoneAbbreviation: abbreviation, onTimeToleranceMinutes: 10 });
    expect(changed.body.recounting).toBe(true);
    const audit = await siar.services.prisma.auditEvent.findFirst({
      where: { action: "reporting_settings.update" },
      orderBy: { at: "desc" },
    });
    expect(audit?.changes).toMatchObject({ onTimeToleranceMinutes: { from: 5, to: 10 } });
    await recounted();
    expect(await recountRollups(siar.services)).toBe(false);
    expect((await admin.get("/api/settings/reporting")).body).toMatchObject({ timeZone: zone, recounting: false });
    expect(await kept()).toEqual(await afresh());
    expect(await monthly()).toEqual([
      { month: "2026-10", received: 1 },
      { month: "2026-11", received: 1 },
    ]);
  });

  it("refuses an unknown zone, and a non-admin", async () => {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const bad = await admin.patch("/api/settings/reporting", { timeZone: "Asia/Tokyo", onTimeToleranceMinutes: 5 });
    expect(bad.status).toBe(400);
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await humas.get("/api/settings/reporting")).body.timeZone).toBe(zone);
    const refused = await humas.patch("/api/settings/reporting", { timeZone: zone, onTimeToleranceMinutes: 5 });
    expect(refused.status).toBe(403);
  });

  it("puts items just before and after each local midnight on their local dates", async () => {
    for (const time of ["2026-11-15 23:59:00", "2026-11-16 00:00:00", "2026-11-16 23:59:59", "2026-11-17 00:01:00"])
      await item(local(time));
    await foldDailyCounts(siar.services.prisma);
    await item(local("2026-11-17 23:58:00")); // left in the deltas
    expect(await kept()).toEqual(await afresh());
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    const volume = async (query: string) => {
      const { status, body } = await humas.get(`/api/dashboard/volume?groupBy=source&${query}`);
      expect(status).toBe(200);
      expect(body.zoneAbbreviation).toBe(abbreviation);
      return Object.fromEntries(body.data.map((row: { bucket: string; count: number }) => [row.bucket, row.count]));
    };
    // Whole local days, read from the rollups.
    expect(await volume("from=2026-11-15&to=2026-11-17&bucket=day")).toEqual({
      "2026-11-15": 1,
      "2026-11-16": 2,
      "2026-11-17": 2,
    });
    // Partial days at both ends, read from the items.
    const from = encodeURIComponent(`2026-11-15T23:59:30${offset}`);
    const to = encodeURIComponent(`2026-11-17T00:00:30${offset}`);
    expect(await volume(`from=${from}&to=${to}&bucket=day`)).toEqual({ "2026-11-16": 2 });
    // The glossary names the zone and the tolerance in force, in both languages.
    const { body: glossary } = await humas.get("/api/dashboard/glossary");
    expect(glossary.figures.volume.id.definition).toContain(`bulan ${abbreviation} (`);
    expect(glossary.figures.volume.en.definition).toContain(`month in ${abbreviation} (`);
    expect(glossary.figures.publishing.id.definition).toContain("paling lambat 10 menit");
    expect(glossary.onTimeToleranceMinutes).toBe(10);
    // Months, from the monthly rollup.
    expect(await volume("from=2026-10-01&to=2026-11-30&bucket=month")).toEqual({ "2026-10-01": 1, "2026-11-01": 6 });
  });

  it("counts everything again when the zone changes, and the days move with it", async () => {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const other = OTHER_ZONE[zone];
    await admin.patch("/api/settings/reporting", { timeZone: other, onTimeToleranceMinutes: 10 });
    // Written between the change and the recount: counted in the new zone by the triggers.
    await item(local("2026-11-20 12:00:00"));
    await recounted();
    expect(await kept()).toEqual(await afresh());
    // 23:59:30 local on 31 October is 1 November east of here, 31 October west of it.
    const east = other === "Asia/Jayapura" || (other === "Asia/Makassar" && zone === "Asia/Jakarta");
    expect(await monthly()).toEqual(
      east
        ? [{ month: "2026-11", received: 8 }]
        : [
            { month: "2026-10", received: 2 },
            { month: "2026-11", received: 6 },
          ],
    );
    await admin.patch("/api/settings/reporting", { timeZone: zone, onTimeToleranceMinutes: 10 });
    await recounted();
    expect(await kept()).toEqual(await afresh());
  });

  it("sends the weekly report at 07:00 local time, for the local Monday–Sunday week", async () => {
    const mailer = ReportMailer.fromConfig(siar.services)!;
    const before = await sendDueReport(siar.services, mailer, "weekly", local("2026-11-23 06:59:00"));
    expect(before?.period).toEqual({
      from: local("2026-11-09 00:00:00").toISOString(),
      to: local("2026-11-16 00:00:00").toISOString(),
    });
    const at = await sendDueReport(siar.services, mailer, "weekly", local("2026-11-23 07:00:00"));
    expect(at?.period).toEqual({
      from: local("2026-11-16 00:00:00").toISOString(),
      to: local("2026-11-23 00:00:00").toISOString(),
    });
    const mail = mailbox.messages.at(-1)!;
    expect(subjectOf(mail.raw)).toContain("16 November 2026 – 22 November 2026");
    expect(at?.attachment).toBe("laporan-mingguan-2026-11-16.pdf");
    const pdf = extractPdfText(partOf(mail.raw, "application/pdf"));
    expect(pdf).toMatch(new RegExp(`pukul \\d{2}\\.\\d{2} ${abbreviation}\\b`));
  });
});

describe("the zone of a region", () => {
  it("follows the province (Keppres 41/1987)", () => {
    expect(zoneOfRegion("61.03")).toBe("Asia/Jakarta"); // Kalimantan Barat
    expect(zoneOfRegion("62.01")).toBe("Asia/Jakarta"); // Kalimantan Tengah
    expect(zoneOfRegion("63.71")).toBe("Asia/Makassar"); // Kalimantan Selatan
    expect(zoneOfRegion("51.71")).toBe("Asia/Makassar"); // Bali
    expect(zoneOfRegion("73.71")).toBe("Asia/Makassar"); // Sulawesi Selatan
    expect(zoneOfRegion("82.71")).toBe("Asia/Jayapura"); // Maluku Utara
    expect(zoneOfRegion("94.01")).toBe("Asia/Jayapura"); // Papua Tengah (2022)
  });

  it("is set at a first start with a WITA region, for the figures and the units alike", async () => {
    const first = await startTestSiar(
      { SIAR_DEMO: "false", SIAR_REGION: "73.71", SIAR_ADMIN_EMAIL: "admin@makassar.example" },
      { emptyDatabase: true },
    );
    try {
      const { prisma } = first.services;
      expect(await reportingSettings(prisma)).toEqual({ timeZone: "Asia/Makassar", onTimeToleranceMinutes: 5 });
      const zones = await prisma.unit.groupBy({ by: ["timezone"], _count: true });
      expect(zones.map((zone) => zone.timezone)).toEqual(["Asia/Makassar"]);
      expect(await prisma.auditEvent.count({ where: { action: "reporting_settings.update" } })).toBe(1);
    } finally {
      await first.close();
    }
  });
});

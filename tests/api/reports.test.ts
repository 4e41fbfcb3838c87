import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportingCalendar } from "@server/reports/period.js";
import { reportMessageId, sendDueReport } from "@server/reports/schedule.js";
import { ReportMailer } from "@server/reports/email.js";
import { signedIn } from "../helpers/client.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { partOf, startMailbox, subjectOf } from "../helpers/mailbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The monthly PDF (who may have it, how fast, what a bad month gets) and the e-mailed weekly
// report through a local SMTP server: delivered once, escaped, with the PDF attached.

const DAY_MS = 24 * 60 * 60_000;

async function itemArrives(siar: TestSiar, unitId: string, receivedAt: Date) {
  const { prisma } = siar.services;
  const conversation = await prisma.conversation.create({
    data: { source: "web_report", threadKey: randomUUID(), authorKey: randomUUID(), lastItemAt: receivedAt },
  });
  await prisma.inboxItem.create({
    data: {
      conversationId: conversation.id,
      source: "web_report",
      platformId: randomUUID(),
      authorName: "Warga",
      text: "Laporan",
      sentAt: receivedAt,
      receivedAt,
      status: "answered",
      kind: "pengaduan",
      category: "infrastruktur",
      urgency: "normal",
      unitId,
      firstRespondedAt: new Date(receivedAt.getTime() + 45 * 60_000),
    },
  });
}

async function unitIds(siar: TestSiar) {
  const units: Record<string, string> = {};
  for (const unit of await siar.services.prisma.unit.findMany({ select: { id: true, code: true } }))
    units[unit.code!] = unit.id;
  return units;
}

describe("the monthly PDF report", () => {
  let siar: TestSiar;
  let units: Record<string, string>;
  beforeAll(async () => {
    siar = await startTestSiar();
    units = await unitIds(siar);
    for (let day = 2; day < 20; day++)
      await itemArrives(siar, units["kec-kapuas"]!, new Date(Date.UTC(2026, 9, day, 3)));
  });
  afterAll(async () => {
    await siar?.close();
  });

  it("renders a PDF attachment for a leader in under 5 seconds", async () => {
    const leader = await signedIn(siar.url, "pimpinan@sanggau.demo");
    const started = Date.now();
    const response = await fetch(`${siar.url}/api/reports/monthly.pdf?month=2026-10`, {
      headers: { cookie: leader.cookie! },
    });
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="laporan-2026-10.pdf"');
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
  });

  it("lets a camat have his own kecamatan's report but not another's", async () => {
    const camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
    expect((await camat.get(`/api/reports/monthly.pdf?month=2026-10&unitId=${units["kec-kapuas"]}`)).status).toBe(200);
    expect((await camat.get(`/api/reports/monthly.pdf?month=2026-10&unitId=${units["kec-tayan-hulu"]}`)).status).toBe(
      403,
    );
  });

  it("refuses an officer", async () => {
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    expect((await officer.get("/api/reports/monthly.pdf?month=2026-10")).status).toBe(403);
  });

  it("answers 400 to a month that is not YYYY-MM", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    for (const month of ["2026-13", "2026-1", "November", "2026-11-01"]) {
      expect((await humas.get(`/api/reports/monthly.pdf?month=${month}`)).status).toBe(400);
    }
  });

  it("exports the dashboard with its filters as a PDF with the office, period, figures and page numbers, and audits it", async () => {
    const leader = await signedIn(siar.url, "pimpinan@sanggau.demo");
    const filters = `from=2026-10-01&to=2026-10-31&unitId=${units["kec-kapuas"]}&category=infrastruktur`;
    const summary = (await leader.get(`/api/dashboard/summary?${filters}`)).body;
    const response = await fetch(`${siar.url}/api/reports/dashboard.pdf?${filters}`, {
      headers: { cookie: leader.cookie! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    // A whole month reads as the monthly report.
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="laporan-2026-10.pdf"');
    const text = extractPdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain("Kecamatan Kapuas");
    expect(text).toContain("Laporan Bulanan Layanan Pengaduan dan Informasi");
    expect(text).toContain("Periode: Oktober 2026");
    expect(text).toContain("Filter: Kategori: Infrastruktur");
    // The same figures as the dashboard: 18 items received, each answered after 45 minutes.
    expect(summary.figures.volume.current).toBe(18);
    expect(summary.figures.firstResponse.current.calendarMinutes.median).toBe(45);
    expect(text).toMatch(/Laporan diterima\n18\n0\n/);
    expect(text).toMatch(/Median tanggapan pertama \(kalender\)\n45 menit\n/);
    for (const section of [
      "Jumlah laporan menurut kanal, jenis, kategori dan urgensi",
      "Peringkat unit",
      "Tunggakan menurut umur",
      "Lewat tenggat saat ini",
      "Wilayah teratas",
      "Publikasi per kanal",
      "Definisi",
    ]) {
      expect(text, section).toContain(section);
    }
    const pages = Number(/Halaman 1 dari (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    const audit = await siar.services.prisma.auditEvent.findFirstOrThrow({
      where: { action: "report.exported" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ targetId: "laporan-2026-10.pdf", unitId: units["kec-kapuas"] });
    expect(audit.changes).toMatchObject({ filters: { category: "infrastruktur" } });
  });

  it("names any other period by its first and last day", async () => {
    const leader = await signedIn(siar.url, "pimpinan@sanggau.demo");
    const response = await fetch(`${siar.url}/api/reports/dashboard.pdf?from=2026-10-05&to=2026-10-20`, {
      headers: { cookie: leader.cookie! },
    });
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="laporan-2026-10-05_2026-10-20.pdf"',
    );
    const text = extractPdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain("Laporan Layanan Pengaduan dan Informasi");
    expect(text).toContain("Periode: 5 Oktober 2026 ");
  });

  it("gives the dashboard PDF only to those who may read those figures, and refuses bad filters", async () => {
    const camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    expect((await camat.get(`/api/reports/dashboard.pdf?unitId=${units["kec-kapuas"]}`)).status).toBe(200);
    expect((await camat.get(`/api/reports/dashboard.pdf?unitId=${units["kec-tayan-hulu"]}`)).status).toBe(403);
    expect((await officer.get("/api/reports/dashboard.pdf")).status).toBe(403);
    const bad = await camat.get("/api/reports/dashboard.pdf?from=2026-10-31&to=2026-10-01");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("from");
    expect((await camat.get("/api/reports/dashboard.pdf?format=csv")).status).toBe(400);
  });

  it("says clearly that e-mail is not configured", async () => {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const response = await admin.post("/api/reports/send-test");
    expect(response.status).toBe(409);
    expect(JSON.stringify(response.body)).toContain("SMTP_URL");
  });
});

describe("the e-mailed weekly report", () => {
  let siar: TestSiar;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  const RECIPIENTS = ["bupati@example.go.id", "sekda@example.go.id"];
  const UNIT_NAME = 'Dinas PU & <b>"Tata Ruang"</b>';

  beforeAll(async () => {
    mailbox = await startMailbox();
    siar = await startTestSiar({
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      SMTP_FROM: "Siar <siar@example.go.id>",
      REPORT_RECIPIENTS: RECIPIENTS.join(", "),
    });
    const units = await unitIds(siar);
    await siar.services.prisma.unit.update({ where: { id: units["dinas-pupr"]! }, data: { name: UNIT_NAME } });
    const lastWeek = WIB.previousWeek(new Date());
    for (let i = 0; i < 3; i++)
      await itemArrives(siar, units["dinas-pupr"]!, new Date(lastWeek.from.getTime() + (i + 1) * DAY_MS));
  });
  afterAll(async () => {
    await siar?.close();
    await mailbox?.close();
  });

  it("is delivered once to the configured leaders even when the job runs twice, escaped, with the PDF attached", async () => {
    const mailer = ReportMailer.fromConfig(siar.services)!;
    const runs = await Promise.all([
      sendDueReport(siar.services, mailer, "weekly"),
      sendDueReport(siar.services, mailer, "weekly"),
    ]);
    expect(await sendDueReport(siar.services, mailer, "weekly")).toBeNull();
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(mailbox.messages).toHaveLength(1);
    const [mail] = mailbox.messages;
    expect(mail!.to.sort()).toEqual(RECIPIENTS);
    expect(subjectOf(mail!.raw)).toMatch(
      /^Laporan Mingguan Layanan Pengaduan dan Informasi: \d+ \w+ \d{4} – \d+ \w+ \d{4} · /,
    );
    const body = partOf(mail!.raw, "text/html").toString("utf8");
    expect(body).toContain("Dinas PU &amp; &lt;b&gt;&quot;Tata Ruang&quot;&lt;/b&gt;");
    expect(body).not.toContain("<b>");
    expect(body).toContain("Laporan diterima");
    expect(partOf(mail!.raw, "application/pdf").subarray(0, 4).toString()).toBe("%PDF");
    const sent = await siar.services.prisma.auditEvent.findMany({ where: { action: "report.sent" } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.changes).toMatchObject({ kind: "weekly", recipients: RECIPIENTS });
    // A copy sent again after a crash between sending and recording would carry the same Message-ID.
    const messageId = reportMessageId(
      WIB,
      "weekly",
      WIB.duePeriod("weekly", new Date()),
      siar.services.config.publicBaseUrl,
    );
    expect(messageId).toMatch(/^<siar-report-weekly-\d{4}-\d{2}-\d{2}@[^>]+>$/);
    expect(mail!.raw).toContain(`Message-ID: ${messageId}`);
    expect(sent[0]!.changes).toMatchObject({ messageId });
  });

  it("can be sent now by an admin as a test, to the leaders or to the admin alone", async () => {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const before = mailbox.messages.length;
    const toLeaders = await admin.post("/api/reports/send-test");
    expect(toLeaders.status).toBe(200);
    expect(toLeaders.body).toMatchObject({ kind: "weekly", recipients: RECIPIENTS });
    const toMe = await admin.post("/api/reports/send-test", { to: "me" });
    expect(toMe.body.recipients).toEqual(["admin@sanggau.demo"]);
    expect(mailbox.messages).toHaveLength(before + 2);
    expect(subjectOf(mailbox.messages.at(-1)!.raw)).toMatch(/^\[Uji\] Laporan Mingguan/);
    expect(mailbox.messages.at(-1)!.to).toEqual(["admin@sanggau.demo"]);
  });

  it("refuses a test send to anyone but an admin", async () => {
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await humas.post("/api/reports/send-test")).status).toBe(403);
  });
});

const WIB = new ReportingCalendar("Asia/Jakarta", 5);

describe.each([
  ["Asia/Jakarta", "+07:00"],
  ["Asia/Makassar", "+08:00"],
  ["Asia/Jayapura", "+09:00"],
] as const)("which report is due in %s", (zone, offset) => {
  const calendar = new ReportingCalendar(zone, 5);
  // A local wall-clock time of the organisation's zone.
  const local = (iso: string) => new Date(`${iso}${offset}`);

  it("is last week's from Monday 07:00 local time, the week before until then", () => {
    expect(calendar.duePeriod("weekly", local("2026-11-23T07:00:00"))).toEqual({
      from: local("2026-11-16T00:00:00"),
      to: local("2026-11-23T00:00:00"),
    });
    expect(calendar.duePeriod("weekly", local("2026-11-23T06:59:00"))).toEqual({
      from: local("2026-11-09T00:00:00"),
      to: local("2026-11-16T00:00:00"),
    });
    expect(calendar.periodLabel("weekly", calendar.duePeriod("weekly", local("2026-11-25T12:00:00")))).toBe(
      "16 November 2026 – 22 November 2026",
    );
  });

  it("is last month's from the 1st 07:00 local time", () => {
    expect(calendar.periodLabel("monthly", calendar.duePeriod("monthly", local("2026-12-01T07:00:00")))).toBe(
      "November 2026",
    );
    expect(calendar.periodLabel("monthly", calendar.duePeriod("monthly", local("2026-12-01T06:00:00")))).toBe(
      "Oktober 2026",
    );
    expect(calendar.duePeriod("monthly", local("2027-01-01T08:00:00"))).toEqual({
      from: local("2026-12-01T00:00:00"),
      to: local("2027-01-01T00:00:00"),
    });
  });

  it("says the zone in the time a report was made", () => {
    const abbreviation = { "Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT" }[zone];
    expect(calendar.formatDateTime(local("2026-11-21T18:05:00"))).toBe(`21 November 2026 pukul 18.05 ${abbreviation}`);
  });
});

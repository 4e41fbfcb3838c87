import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previousWeek } from "../../server/reports/period.js";
import { sendDueReport } from "../../server/reports/schedule.js";
import { ReportMailer } from "../../server/reports/email.js";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The monthly PDF (who may have it, how fast, what a bad month gets) and the e-mailed weekly
// report through a local SMTP server: delivered once, escaped, with the PDF attached.

const DAY_MS = 24 * 60 * 60_000;

async function itemArrives(siar: TestSiar, unitId: string, receivedAt: Date) {
  const { prisma } = siar.services;
  const conversation = await prisma.conversation.create({ data: { source: "web_report", threadKey: randomUUID(), authorKey: randomUUID(), lastItemAt: receivedAt } });
  await prisma.inboxItem.create({
    data: {
      conversationId: conversation.id, source: "web_report", platformId: randomUUID(), authorName: "Warga", text: "Laporan", sentAt: receivedAt, receivedAt,
      status: "answered", kind: "pengaduan", category: "infrastruktur", urgency: "normal", unitId, firstRespondedAt: new Date(receivedAt.getTime() + 45 * 60_000),
    },
  });
}

async function unitIds(siar: TestSiar) {
  const units: Record<string, string> = {};
  for (const unit of await siar.services.prisma.unit.findMany({ select: { id: true, code: true } })) units[unit.code!] = unit.id;
  return units;
}

describe("the monthly PDF report", () => {
  let siar: TestSiar;
  let units: Record<string, string>;
  beforeAll(async () => {
    siar = await startTestSiar();
    units = await unitIds(siar);
    for (let day = 2; day < 20; day++) await itemArrives(siar, units["kec-kapuas"]!, new Date(Date.UTC(2026, 9, day, 3)));
  });
  afterAll(async () => {
    await siar?.close();
  });

  it("renders a PDF attachment for a leader in under 5 seconds", async () => {
    const leader = await signedIn(siar.url, "pimpinan@sanggau.demo");
    const started = Date.now();
    const response = await fetch(`${siar.url}/api/reports/monthly.pdf?month=2026-10`, { headers: { cookie: leader.cookie! } });
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
    expect((await camat.get(`/api/reports/monthly.pdf?month=2026-10&unitId=${units["kec-tayan-hulu"]}`)).status).toBe(403);
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

  it("says clearly that e-mail is not configured", async () => {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const response = await admin.post("/api/reports/send-test");
    expect(response.status).toBe(409);
    expect(JSON.stringify(response.body)).toContain("SMTP_URL");
  });
});

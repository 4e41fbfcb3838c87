import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// SP4N-LAPOR! hand-off as officers use it: mark an item forwarded (or received), copy the ready
// text, record LAPOR!'s status; LAPOR!'s deadlines count on Siar's working calendar.

let siar: TestSiar;
let admin: ApiClient;
let officerKapuas: ApiClient;
let officerTayanHulu: ApiClient;
let leaderKapuas: ApiClient;
const units: Record<string, string> = {};
let made = 0;

/** A complaint routed to Kecamatan Kapuas, from a citizen with a name and a phone number. */
async function kapuasComplaint(kind = "pengaduan"): Promise<string> {
  const { prisma } = siar.services;
  const sentAt = new Date("2026-11-12T08:00:00+07:00");
  const conversation = await prisma.conversation.create({
    data: { source: "web_report", threadKey: `lapor-${++made}`, authorKey: `warga-${made}`, lastItemAt: sentAt },
  });
  const item = await prisma.inboxItem.create({
    data: {
      conversationId: conversation.id,
      source: "web_report",
      platformId: `lapor-${made}`,
      authorName: "Budi Santoso",
      contact: { email: "budi.santoso@contoh.id", phone: "081234567890" },
      text: "Jalan desa di depan SD rusak berat, mohon diperbaiki.",
      sentAt,
      receivedAt: sentAt,
      status: "triaged",
      kind,
      category: "infrastruktur",
      placeUnitId: units["kec-kapuas"],
      unitId: units["kec-kapuas"],
      trackingNumber: `SIAR-LPR-${made}`,
    },
  });
  return item.id;
}

beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  officerKapuas = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  officerTayanHulu = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
  leaderKapuas = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  for (const unit of (await admin.get("/api/units?limit=1000")).body.data) units[unit.code] = unit.id;
  // An office closure on Monday 16 November 2026: deadlines must step over it as over the weekend.
  const closed = await admin.post("/api/working-calendar/days", {
    date: "2026-11-16",
    kind: "penutupan_kantor",
    name: "Penutupan kantor (uji)",
    decree: "Keputusan Bupati Sanggau (uji)",
  });
  expect(closed.status).toBe(200);
});
afterAll(async () => siar?.close());

describe("forwarding an item to LAPOR!", () => {
  it("offers LAPOR!'s fields without the citizen's identity", async () => {
    const id = await kapuasComplaint();
    const { status, body } = await officerKapuas.get(`/api/inbox/${id}/lapor`);
    expect(status).toBe(200);
    expect(body.handoff).toBeNull();
    expect(body.fields).toMatchObject({
      judul: "Pengaduan (Infrastruktur) di Kecamatan Kapuas",
      tanggalKejadian: "12/11/2026",
      lokasi: "Kecamatan Kapuas",
      kategori: "Infrastruktur",
      instansiTujuan: "Kecamatan Kapuas",
    });
    expect(body.fields.isiLaporan).toContain("Jalan desa di depan SD rusak berat");
    expect(body.fields.isiLaporan).toContain("SIAR-LPR-");
    const copied = JSON.stringify(body.fields);
    for (const personal of ["Budi", "budi.santoso@contoh.id", "081234567890"]) expect(copied).not.toContain(personal);
  });

  it("records the tracking number and counts LAPOR!'s deadlines in working days over a weekend and a closure", async () => {
    const id = await kapuasComplaint();
    // Friday 13 November 2026, 09:00 WIB.
    const marked = await officerKapuas.post(`/api/inbox/${id}/lapor`, {
      direction: "forwarded",
      trackingNumber: "LPR2026111300042",
      handedAt: "2026-11-13T09:00:00+07:00",
    });
    expect(marked.status).toBe(201);
    expect(marked.body.handoff).toMatchObject({
      direction: "forwarded",
      trackingNumber: "LPR2026111300042",
      status: "belum_diverifikasi",
      followUpClass: "dispute",
      verifiedAt: null,
    });
    // Friday counts as the day of receipt; Sat, Sun and the closed Monday do not: Tue, Wed, Thu 16:00 WIB.
    expect(marked.body.handoff.deadlines.verification).toEqual({ dueAt: "2026-11-19T09:00:00.000Z", overdue: true });
    expect(marked.body.handoff.deadlines.followUp).toBeNull();
    expect(marked.body.handoff.deadlines.overdue).toBe(true);

    // LAPOR! verified it on Thursday 19 November: 14 working days of follow-up from then.
    const verified = await officerKapuas.patch(`/api/inbox/${id}/lapor`, {
      status: "diverifikasi",
      verifiedAt: "2026-11-19T10:00:00+07:00",
    });
    expect(verified.status).toBe(200);
    expect(verified.body.handoff.deadlines.verification.overdue).toBe(false);
    expect(verified.body.handoff.deadlines.followUp.dueAt).toBe("2026-12-09T09:00:00.000Z");

    // A field check lengthens it to 60 working days; finishing closes every deadline.
    const fieldCheck = await officerKapuas.patch(`/api/inbox/${id}/lapor`, { followUpClass: "field_check" });
    expect(Date.parse(fieldCheck.body.handoff.deadlines.followUp.dueAt)).toBeGreaterThan(Date.parse("2027-02-01"));
    const done = await officerKapuas.patch(`/api/inbox/${id}/lapor`, { status: "selesai" });
    expect(done.body.handoff.closedAt).not.toBeNull();
    expect(done.body.handoff.deadlines).toMatchObject({ overdue: false });

    // On the item's timeline, with the officer as actor, and in the audit log.
    const detail = await officerKapuas.get(`/api/inbox/${id}`);
    const laporEvents = detail.body.timeline.filter((e: { type: string }) => e.type.startsWith("lapor_"));
    expect(laporEvents.map((e: { type: string }) => e.type)).toEqual([
      "lapor_handoff",
      "lapor_status",
      "lapor_status",
      "lapor_status",
    ]);
    expect(laporEvents[0].data).toMatchObject({ trackingNumber: "LPR2026111300042", direction: "forwarded" });
    expect(laporEvents[3].data.laporStatus).toEqual({ from: "diverifikasi", to: "selesai" });
    expect(laporEvents[0].actor.name).toBeTruthy();
    const audit = await admin.get(`/api/audit-events?targetId=${id}&limit=50`);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    expect(actions).toContain("inbox.lapor_handoff");
    expect(actions.filter((a: string) => a === "inbox.lapor_status")).toHaveLength(3);
  });

  it("starts the follow-up at once for a report received from LAPOR!", async () => {
    const id = await kapuasComplaint("pertanyaan");
    const received = await officerKapuas.post(`/api/inbox/${id}/lapor`, {
      direction: "received",
      trackingNumber: "abc123XYZ",
      handedAt: "2026-11-13T09:00:00+07:00",
    });
    expect(received.body.handoff).toMatchObject({ status: "diverifikasi", followUpClass: "standard" });
    expect(received.body.handoff.deadlines.verification).toBeNull();
    // 5 working days from Friday: Tue 17, Wed 18, Thu 19, Fri 20, Mon 23 (16:00 WIB).
    expect(received.body.handoff.deadlines.followUp.dueAt).toBe("2026-11-23T09:00:00.000Z");
  });
});

describe("what is refused", () => {
  it("refuses an officer of another unit and a leader, and changes nothing", async () => {
    const id = await kapuasComplaint();
    const body = { direction: "forwarded", trackingNumber: "LPR9999" };
    expect((await officerTayanHulu.post(`/api/inbox/${id}/lapor`, body)).status).toBe(403);
    expect((await leaderKapuas.post(`/api/inbox/${id}/lapor`, body)).status).toBe(403);
    expect((await officerTayanHulu.get(`/api/inbox/${id}/lapor`)).status).toBe(403);
    expect(await siar.services.prisma.laporHandoff.count({ where: { itemId: id } })).toBe(0);
  });

  it("checks the tracking number, dates and a second hand-off with clear messages", async () => {
    const id = await kapuasComplaint();
    for (const trackingNumber of ["ab1", "LPR-2026/01", "x".repeat(31), " "]) {
      const bad = await officerKapuas.post(`/api/inbox/${id}/lapor`, { direction: "forwarded", trackingNumber });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("validation_failed");
    }
    const future = await officerKapuas.post(`/api/inbox/${id}/lapor`, {
      direction: "forwarded",
      trackingNumber: "LPR12345",
      handedAt: "2030-01-01T09:00:00+07:00",
    });
    expect(future.body.error.code).toBe("lapor_date_in_future");
    expect((await officerKapuas.patch(`/api/inbox/${id}/lapor`, { status: "selesai" })).body.error.code).toBe(
      "lapor_handoff_missing",
    );
    expect(
      (await officerKapuas.post(`/api/inbox/${id}/lapor`, { direction: "forwarded", trackingNumber: "LPR12345" }))
        .status,
    ).toBe(201);
    const again = await officerKapuas.post(`/api/inbox/${id}/lapor`, {
      direction: "received",
      trackingNumber: "LPR12345",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("lapor_handoff_exists");
    expect((await officerKapuas.patch(`/api/inbox/${id}/lapor`, { status: "unknown" })).status).toBe(400);
  });
});

describe("on the dashboard", () => {
  const laporFigures = async (client: ApiClient) =>
    (await client.get("/api/dashboard/summary")).body.figures.lapor.current as {
      handed: number;
      open: number;
      overdue: number;
    };

  it("counts items handed to LAPOR!, open there, and past LAPOR!'s deadline", async () => {
    const before = await laporFigures(admin);
    const late = await kapuasComplaint();
    await officerKapuas.post(`/api/inbox/${late}/lapor`, {
      direction: "forwarded",
      trackingNumber: "LPRLATE01",
      handedAt: "2026-11-13T09:00:00+07:00",
    });
    const today = await kapuasComplaint();
    await officerKapuas.post(`/api/inbox/${today}/lapor`, { direction: "forwarded", trackingNumber: "LPRTODAY01" });
    const after = await laporFigures(admin);
    expect(after.open - before.open).toBe(2);
    expect(after.overdue - before.overdue).toBe(1);
    expect(after.handed - before.handed).toBeGreaterThanOrEqual(1);
    // Closing it at LAPOR! takes it out of the open and the overdue counts.
    await officerKapuas.patch(`/api/inbox/${late}/lapor`, { status: "ditolak" });
    expect(await laporFigures(admin)).toMatchObject({ open: after.open - 1, overdue: after.overdue - 1 });
  });
});

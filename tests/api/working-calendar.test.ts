import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingNextYear } from "@server/deadlines/calendarStatus.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { fileWebRequest } from "../helpers/ppid.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The working calendar end to end: an admin reads a year with the source of each date, enters
// next year's decree, and the open deadlines it crosses move (inbox items with a timeline entry,
// PPID requests with an audit entry); the change is audited, refused to others and to bad input.

const DECREE = "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 9 Tahun 2026";

describe("the working calendar", () => {
  let siar: TestSiar;
  let admin: ApiClient;
  let humas: ApiClient;
  let officer: ApiClient;

  /** An open item of the "normal" policy, received at a WIB wall-clock time, with deadlines as arrival sets them. */
  async function openItem(receivedAt: Date, firstResponseDueAt: Date, resolutionDueAt: Date) {
    const { prisma } = siar.services;
    const unit = await prisma.unit.findFirstOrThrow({ where: { code: "dinas-kominfo" } });
    const conversation = await prisma.conversation.create({
      data: { source: "web_report", threadKey: randomUUID(), authorKey: randomUUID(), lastItemAt: receivedAt },
    });
    return prisma.inboxItem.create({
      data: {
        conversationId: conversation.id,
        source: "web_report",
        platformId: randomUUID(),
        authorName: "Warga",
        text: "Jalan rusak di depan sekolah",
        sentAt: receivedAt,
        receivedAt,
        status: "assigned",
        kind: "pengaduan",
        category: "infrastruktur",
        urgency: "normal",
        unitId: unit.id,
        slaPolicy: "normal",
        firstResponseDueAt,
        resolutionDueAt,
      },
    });
  }

  beforeAll(async () => {
    siar = await startTestSiar();
    admin = await signedIn(siar.url, "admin@sanggau.demo");
    humas = await signedIn(siar.url, "humas@sanggau.demo");
    officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  });
  afterAll(async () => {
    await siar?.close();
  });

  it("shows a shipped year as confirmed, each date with its decree, and next year as estimated", async () => {
    const shipped = await admin.get("/api/working-calendar/2026");
    expect(shipped.status).toBe(200);
    expect(shipped.body.estimated).toBe(false);
    const idulFitri = shipped.body.days.find((day: { date: string }) => day.date === "2026-03-22");
    expect(idulFitri).toMatchObject({ kind: "libur_nasional", origin: "shipped" });
    expect(idulFitri.source).toContain("No. 1497 Tahun 2025");
    expect(shipped.body.days.find((day: { date: string }) => day.date === "2026-12-24")).toMatchObject({
      kind: "cuti_bersama",
    });
    const next = await humas.get("/api/working-calendar/2027");
    expect(next.body.estimated).toBe(true);
    expect(next.body.days.some((day: { kind: string }) => day.kind === "cuti_bersama")).toBe(false);
    expect(next.body.days.find((day: { date: string }) => day.date === "2027-01-01")).toMatchObject({
      origin: "package",
    });
  });

  it("moves an open inbox deadline when an admin adds a cuti bersama, with a timeline entry and an audit entry", async () => {
    // Received Monday 1 February 2027, 09:00 WIB: the "normal" policy's resolution is counted in
    // working days, so a cuti bersama on Wednesday 3 February pushes it one working day later.
    const receivedAt = new Date("2027-02-01T09:00:00+07:00");
    const calendar = (await officeCalendar(siar.services.prisma)).working;
    const { deadlinesFor, DEFAULT_SERVICE_LEVEL_POLICIES } = await import("@server/deadlines/policies.js");
    const policy = DEFAULT_SERVICE_LEVEL_POLICIES.find((p) => p.id === "normal")!;
    const before = deadlinesFor(receivedAt, policy, calendar);
    const item = await openItem(receivedAt, before.firstResponseDueAt, before.resolutionDueAt);

    const added = await admin.post("/api/working-calendar/days", {
      date: "2027-02-03",
      kind: "cuti_bersama",
      name: "Cuti bersama Tahun Baru Imlek",
      decree: DECREE,
    });
    expect(added.status).toBe(200);
    expect(added.body.moved.inboxItems).toBeGreaterThanOrEqual(1);

    const { prisma } = siar.services;
    const moved = await prisma.inboxItem.findUniqueOrThrow({ where: { id: item.id } });
    // The calendar in force is the new one: the stored deadline is what it counts now.
    expect(moved.resolutionDueAt!.getTime()).toBe(deadlinesFor(receivedAt, policy, calendar).resolutionDueAt.getTime());
    expect(moved.resolutionDueAt!.getTime()).toBeGreaterThan(before.resolutionDueAt.getTime());
    const detail = await admin.get(`/api/inbox/${item.id}`);
    expect(detail.status).toBe(200);
    const entry = detail.body.timeline.find((event: { type: string }) => event.type === "deadline_moved");
    expect(entry.data).toMatchObject({
      decree: DECREE,
      resolutionDueAt: { from: before.resolutionDueAt.toISOString(), to: moved.resolutionDueAt!.toISOString() },
    });
    const audit = await prisma.auditEvent.findFirst({
      where: { action: "working_calendar.add", targetId: "2027-02-03" },
    });
    expect(audit?.changes).toMatchObject({ kind: "cuti_bersama", decree: DECREE });

    const year = await admin.get("/api/working-calendar/2027");
    expect(year.body.days.find((day: { date: string }) => day.date === "2027-02-03")).toMatchObject({
      kind: "cuti_bersama",
      origin: "admin",
      source: DECREE,
    });

    // Removed again: the deadline returns to where it was.
    const removed = await admin.post("/api/working-calendar/days/remove", { date: "2027-02-03", decree: DECREE });
    expect(removed.status).toBe(200);
    const back = await prisma.inboxItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(back.resolutionDueAt!.getTime()).toBe(before.resolutionDueAt.getTime());
    expect(await prisma.inboxEvent.count({ where: { itemId: item.id, type: "deadline_moved" } })).toBe(2);
  });

  it("moves a package date to the decree's date and takes out one the decree does not have", async () => {
    const { prisma } = siar.services;
    const before = await admin.get("/api/working-calendar/2027");
    const packageDay = before.body.days.find((day: { origin: string; kind: string }) => day.origin === "package");
    const target = `${packageDay.date.slice(0, 8)}${packageDay.date.slice(8) === "28" ? "27" : "28"}`;
    const moved = await admin.post("/api/working-calendar/days/move", {
      from: packageDay.date,
      to: target,
      decree: DECREE,
    });
    expect(moved.status).toBe(200);
    const after = await admin.get("/api/working-calendar/2027");
    expect(after.body.days.find((day: { date: string }) => day.date === packageDay.date)).toBeUndefined();
    expect(after.body.days.find((day: { date: string }) => day.date === target)).toMatchObject({
      name: packageDay.name,
      origin: "admin",
    });
    expect(after.body.removed).toContainEqual({ date: packageDay.date, decree: DECREE });
    expect(
      await prisma.auditEvent.count({ where: { action: "working_calendar.remove", targetId: packageDay.date } }),
    ).toBe(1);
  });

  it("moves an open PPID notice deadline when the office closes on a day it counts", async () => {
    const { prisma } = siar.services;
    const filed = await fileWebRequest(siar);
    expect(filed.id).not.toBeNull();
    const request = await prisma.ppidRequest.findUniqueOrThrow({ where: { id: filed.id! } });
    const calendar = await officeCalendar(prisma);
    const due = request.noticeDueOn.toISOString().slice(0, 10);
    // The last working day before the deadline, inside the ten days counted.
    let closed = due;
    do closed = new Date(Date.parse(`${closed}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    while (!calendar.working.isWorkingDate(closed));

    const response = await admin.post("/api/working-calendar/days", {
      date: closed,
      kind: "penutupan_kantor",
      name: "Kantor tutup: pemindahan gedung",
      decree: "Surat Kepala Dinas Kominfo No. 800/123/2026",
    });
    expect(response.status).toBe(200);
    expect(response.body.moved.ppidRequests).toBeGreaterThanOrEqual(1);
    const after = await prisma.ppidRequest.findUniqueOrThrow({ where: { id: request.id } });
    const newDue = after.noticeDueOn.toISOString().slice(0, 10);
    expect(newDue > due).toBe(true);
    expect((await officeCalendar(prisma)).workingDaysBetween(due, newDue)).toBe(1);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "ppid_request.deadline_moved", targetId: request.id },
    });
    expect(audit.changes).toMatchObject({ from: { noticeDueOn: due }, to: { noticeDueOn: newDue } });
    const shown = await signedIn(siar.url, "ppid@sanggau.demo").then((ppid) =>
      ppid.get(`/api/ppid/requests/${request.id}`),
    );
    expect(JSON.stringify(shown.body)).toContain(newDue);
  });

  it("asks for next year's decree from 1 October until a year is confirmed", async () => {
    expect(missingNextYear("2026-09-30")).toBeNull();
    expect(missingNextYear("2026-10-01")).toBe(2027);
    const notice = await admin.get("/api/working-calendar/notice");
    expect(notice.body).toEqual({ missingYear: 2027 });
    const confirmed = await admin.post("/api/working-calendar/2027/confirm", { decree: DECREE });
    expect(confirmed.status).toBe(200);
    expect((await admin.get("/api/working-calendar/notice")).body).toEqual({ missingYear: null });
    expect(missingNextYear("2026-10-01")).toBeNull();
    const year = await admin.get("/api/working-calendar/2027");
    expect(year.body).toMatchObject({ estimated: false, confirmation: { decree: DECREE } });
  });

  it("lets only admins change it, and refuses bad input with a clear 4xx", async () => {
    const body = { date: "2027-03-01", kind: "libur_daerah", name: "Hari jadi Kabupaten Sanggau", decree: DECREE };
    expect((await humas.post("/api/working-calendar/days", body)).status).toBe(403);
    expect((await officer.get("/api/working-calendar/2027")).status).toBe(403);
    expect((await admin.post("/api/working-calendar/days", { ...body, decree: "" })).status).toBe(400);
    expect((await admin.post("/api/working-calendar/days", { ...body, date: "2027-02-30" })).status).toBe(400);
    expect((await admin.post("/api/working-calendar/days", { ...body, kind: "weekend" })).status).toBe(400);
    expect((await admin.get("/api/working-calendar/abc")).status).toBe(400);
    const notOff = await admin.post("/api/working-calendar/days/remove", { date: "2027-03-02", decree: DECREE });
    expect(notOff.status).toBe(404);
    expect(notOff.body.error.code).toBe("calendar_day_not_found");
  });
});

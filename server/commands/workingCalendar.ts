import { recordAudit, type ActingOrigin } from "@server/audit/record.js";
import type { Prisma } from "@server/db/client.js";
import type { NonWorkingDaySource } from "@server/deadlines/holidaysId.js";
import { holidaysWith, officeDays, readCalendarRows, type ADMIN_DAY_KINDS } from "@server/deadlines/officeDays.js";
import { DEFAULT_SERVICE_LEVEL_POLICIES, deadlinesFor } from "@server/deadlines/policies.js";
import { INDONESIAN_TIME_ZONES, WorkingCalendar, type IndonesianTimeZone } from "@server/deadlines/workingTime.js";
import { AppError } from "@server/errors.js";
import { OPEN_STATUSES } from "@server/inbox/lifecycle.js";
import { dateColumn, isoDateOf, PpidCalendar } from "@server/ppid/calendar.js";
import { reportingSettings } from "@server/reporting/settings.js";
import type { Services } from "@server/services.js";

// Admins' changes to the working calendar. Each change commits with the deadlines it moves: the
// open inbox items' clocks (each gets a timeline entry) and the PPID requests' and objections'
// dates (each gets an audit entry), computed on the calendar as it will be after the change.

type Tx = Prisma.TransactionClient;
export type DayKind = (typeof ADMIN_DAY_KINDS)[number];
export type CalendarEdit =
  | { action: "add"; date: string; kind: DayKind; name: string; decree: string }
  | { action: "remove"; date: string; decree: string }
  | { action: "move"; from: string; to: string; decree: string };

export type MovedDeadlines = { inboxItems: number; ppidRequests: number; ppidObjections: number };

const DAY_MS = 86_400_000;

export async function editCalendar(
  services: Services,
  { origin, edit }: { origin: ActingOrigin; edit: CalendarEdit },
): Promise<MovedDeadlines> {
  const dates = edit.action === "move" ? [edit.from, edit.to] : [edit.date];
  return applyChange(services, origin, dates, edit.decree, async (tx) => {
    if (edit.action === "add") await addDay(tx, origin, edit);
    else if (edit.action === "remove") await removeDay(tx, origin, edit.date, edit.decree);
    else {
      const day = (await readCalendarRows(tx).then((rows) => holidaysWith(rows))).nonWorkingDayOn(edit.from);
      if (!day) throw new AppError("calendar_day_not_found");
      await removeDay(tx, origin, edit.from, edit.decree);
      await addDay(tx, origin, { date: edit.to, kind: day.kind, name: day.name, decree: edit.decree });
    }
  });
}

/** Marks a year's national holidays and cuti bersama as checked against its SKB. */
export async function confirmCalendarYear(
  services: Services,
  { origin, year, decree }: { origin: ActingOrigin; year: number; decree: string },
): Promise<MovedDeadlines> {
  return applyChange(services, origin, [], decree, async (tx) => {
    await tx.calendarYear.upsert({
      where: { year },
      create: { year, decree, confirmedById: origin.actor.id },
      update: { decree, confirmedById: origin.actor.id, confirmedAt: new Date() },
    });
    await recordAudit(tx, origin, {
      action: "working_calendar.confirm_year",
      targetType: "CalendarYear",
      targetId: String(year),
      changes: { decree },
    });
  });
}

async function addDay(
  tx: Tx,
  origin: ActingOrigin,
  { date, kind, name, decree }: { date: string; kind: DayKind | string; name: string; decree: string },
) {
  const row = { change: "add", kind, name, decree, createdById: origin.actor.id, createdAt: new Date() };
  await tx.calendarChange.upsert({
    where: { date: dateColumn(date) },
    create: { date: dateColumn(date), ...row },
    update: row,
  });
  await recordAudit(tx, origin, {
    action: "working_calendar.add",
    targetType: "CalendarChange",
    targetId: date,
    changes: { date, kind, name, decree },
  });
}

/** Takes a date out: an admin's own addition is dropped; a package or shipped date is overruled. */
async function removeDay(tx: Tx, origin: ActingOrigin, date: string, decree: string) {
  const column = dateColumn(date);
  if (!holidaysWith(await readCalendarRows(tx)).nonWorkingDayOn(date)) throw new AppError("calendar_day_not_found");
  await tx.calendarChange.deleteMany({ where: { date: column } });
  if (holidaysWith(await readCalendarRows(tx)).nonWorkingDayOn(date))
    await tx.calendarChange.create({ data: { date: column, change: "remove", decree, createdById: origin.actor.id } });
  await recordAudit(tx, origin, {
    action: "working_calendar.remove",
    targetType: "CalendarChange",
    targetId: date,
    changes: { date, decree },
  });
}

async function applyChange(
  services: Services,
  origin: ActingOrigin,
  dates: string[],
  decree: string,
  change: (tx: Tx) => Promise<void>,
): Promise<MovedDeadlines> {
  const { prisma } = services;
  const result = await prisma.$transaction(async (tx) => {
    // One change at a time: each reads the calendar the previous one left.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('working_calendar'))`;
    await change(tx);
    const rows = await readCalendarRows(tx);
    const moved = dates.length > 0 ? await moveDeadlines(tx, origin, holidaysWith(rows), dates, decree) : none();
    return { rows, moved };
  });
  officeDays.use(result.rows);
  return result.moved;
}

const none = (): MovedDeadlines => ({ inboxItems: 0, ppidRequests: 0, ppidObjections: 0 });

/** Deadlines counted across one of the dates changed: received before it and due after it. */
async function moveDeadlines(
  tx: Tx,
  origin: ActingOrigin,
  holidays: NonWorkingDaySource,
  dates: string[],
  decree: string,
): Promise<MovedDeadlines> {
  const sorted = [...dates].sort();
  // A day either side covers every zone's local date of the instants stored.
  const receivedBy = new Date(Date.parse(`${sorted.at(-1)}T00:00:00Z`) + 2 * DAY_MS);
  const dueFrom = new Date(Date.parse(`${sorted[0]}T00:00:00Z`) - DAY_MS);
  const calendars = new Map<string, WorkingCalendar>();
  const calendarOf = (zone: string) => {
    const timeZone = (zone in INDONESIAN_TIME_ZONES ? zone : "Asia/Jakarta") as IndonesianTimeZone;
    let calendar = calendars.get(timeZone);
    if (!calendar) calendars.set(timeZone, (calendar = new WorkingCalendar({ timeZone, holidays })));
    return calendar;
  };
  const moved = none();
  moved.inboxItems = await moveInboxDeadlines(tx, calendarOf, { receivedBy, dueFrom, decree, origin });
  const ppid = new PpidCalendar(calendarOf((await reportingSettings(tx)).timeZone));
  Object.assign(moved, await movePpidDeadlines(tx, ppid, { receivedBy, dueFrom, decree, origin }));
  return moved;
}

type Window = { receivedBy: Date; dueFrom: Date; decree: string; origin: ActingOrigin };

async function moveInboxDeadlines(
  tx: Tx,
  calendarOf: (zone: string) => WorkingCalendar,
  { receivedBy, dueFrom, decree, origin }: Window,
): Promise<number> {
  const items = await tx.inboxItem.findMany({
    where: {
      status: { in: OPEN_STATUSES },
      slaPolicy: { not: null },
      receivedAt: { lt: receivedBy },
      OR: [
        { firstRespondedAt: null, firstResponseDueAt: { gte: dueFrom } },
        { resolvedAt: null, resolutionDueAt: { gte: dueFrom } },
      ],
    },
    select: {
      id: true,
      receivedAt: true,
      slaPolicy: true,
      firstRespondedAt: true,
      firstResponseDueAt: true,
      resolvedAt: true,
      resolutionDueAt: true,
      unit: { select: { timezone: true } },
    },
  });
  let count = 0;
  for (const item of items) {
    const policy = DEFAULT_SERVICE_LEVEL_POLICIES.find((candidate) => candidate.id === item.slaPolicy);
    if (!policy || !item.unit) continue;
    const due = deadlinesFor(item.receivedAt, policy, calendarOf(item.unit.timezone));
    const changes: Record<string, { from: string | null; to: string }> = {};
    if (!item.firstRespondedAt && item.firstResponseDueAt?.getTime() !== due.firstResponseDueAt.getTime())
      changes.firstResponseDueAt = {
        from: item.firstResponseDueAt?.toISOString() ?? null,
        to: due.firstResponseDueAt.toISOString(),
      };
    if (!item.resolvedAt && item.resolutionDueAt?.getTime() !== due.resolutionDueAt.getTime())
      changes.resolutionDueAt = {
        from: item.resolutionDueAt?.toISOString() ?? null,
        to: due.resolutionDueAt.toISOString(),
      };
    if (Object.keys(changes).length === 0) continue;
    await tx.inboxItem.update({
      where: { id: item.id },
      data: Object.fromEntries(Object.entries(changes).map(([field, { to }]) => [field, new Date(to)])),
    });
    await tx.inboxEvent.create({
      data: { itemId: item.id, actorId: origin.actor.id, type: "deadline_moved", data: { ...changes, decree } },
    });
    count++;
  }
  return count;
}

async function movePpidDeadlines(
  tx: Tx,
  calendar: PpidCalendar,
  { receivedBy, dueFrom, decree, origin }: Window,
): Promise<Pick<MovedDeadlines, "ppidRequests" | "ppidObjections">> {
  const requests = await tx.ppidRequest.findMany({
    where: {
      decidedAt: null,
      receivedAt: { lt: receivedBy },
      OR: [{ noticeDueOn: { gte: dueFrom } }, { extendedDueOn: { gte: dueFrom } }],
    },
    select: { id: true, receivedAt: true, noticeDueOn: true, extendedDueOn: true },
  });
  let ppidRequests = 0;
  for (const request of requests) {
    const noticeDue = calendar.noticeDue(request.receivedAt);
    const extendedDue = request.extendedDueOn ? calendar.extendedNoticeDue(noticeDue) : null;
    const before = {
      noticeDueOn: isoDateOf(request.noticeDueOn),
      extendedDueOn: request.extendedDueOn && isoDateOf(request.extendedDueOn),
    };
    if (before.noticeDueOn === noticeDue && before.extendedDueOn === extendedDue) continue;
    await tx.ppidRequest.update({
      where: { id: request.id },
      data: { noticeDueOn: dateColumn(noticeDue), extendedDueOn: extendedDue ? dateColumn(extendedDue) : null },
    });
    await recordAudit(tx, origin, {
      action: "ppid_request.deadline_moved",
      targetType: "PpidRequest",
      targetId: request.id,
      changes: { from: before, to: { noticeDueOn: noticeDue, extendedDueOn: extendedDue }, decree },
    });
    ppidRequests++;
  }
  const objections = await tx.ppidObjection.findMany({
    where: { status: "filed", filedAt: { lt: receivedBy }, answerDueOn: { gte: dueFrom } },
    select: { id: true, filedAt: true, answerDueOn: true },
  });
  let ppidObjections = 0;
  for (const objection of objections) {
    const answerDue = calendar.objectionAnswerDue(objection.filedAt);
    const before = isoDateOf(objection.answerDueOn);
    if (before === answerDue) continue;
    await tx.ppidObjection.update({ where: { id: objection.id }, data: { answerDueOn: dateColumn(answerDue) } });
    await recordAudit(tx, origin, {
      action: "ppid_objection.deadline_moved",
      targetType: "PpidObjection",
      targetId: objection.id,
      changes: { answerDueOn: { from: before, to: answerDue }, decree },
    });
    ppidObjections++;
  }
  return { ppidRequests, ppidObjections };
}

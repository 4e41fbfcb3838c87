import type { Prisma, PrismaClient } from "@server/db/client.js";
import { dateColumn, isoDateOf, type PpidCalendar } from "./calendar.js";
import { WARNING_WORKING_DAYS } from "./deadlines.js";
import { requestViewWhere } from "./listing.js";

// The warnings before PPID deadlines and the lists of what is overdue, for the dashboard and the
// PPID's desk: numbers, units and dates only, so leaders may see them without the applicants.

const LISTED = 20;

export type DeadlineRow = {
  id: string;
  registrationNumber: string;
  unitName: string;
  dueOn: string;
  /** Working days left (due soon) or past (overdue). */
  workingDays: number;
};

export async function ppidDeadlineLists(
  prisma: Pick<PrismaClient, "ppidRequest" | "ppidObjection">,
  scope: Prisma.PpidRequestWhereInput,
  calendar: PpidCalendar,
  now: Date,
) {
  const today = calendar.dateOf(now);
  const warnUntil = calendar.workingDaysAfter(now, WARNING_WORKING_DAYS);
  const requestRows = (view: "overdue" | "due_soon") =>
    prisma.ppidRequest.findMany({
      where: { AND: [scope, requestViewWhere(view, calendar, now)] },
      select: {
        id: true,
        registrationNumber: true,
        noticeDueOn: true,
        extendedDueOn: true,
        unit: { select: { name: true } },
      },
      orderBy: [{ noticeDueOn: "asc" }, { id: "asc" }],
    });
  const objectionRows = (where: Prisma.PpidObjectionWhereInput) =>
    prisma.ppidObjection.findMany({
      where: { AND: [{ status: "filed", request: scope }, where] },
      select: {
        id: true,
        registrationNumber: true,
        answerDueOn: true,
        request: { select: { unit: { select: { name: true } } } },
      },
      orderBy: [{ answerDueOn: "asc" }, { id: "asc" }],
    });
  const [overdue, dueSoon, objectionsOverdue, objectionsDueSoon] = await Promise.all([
    requestRows("overdue"),
    requestRows("due_soon"),
    objectionRows({ answerDueOn: { lt: dateColumn(today) } }),
    objectionRows({ answerDueOn: { gte: dateColumn(today), lte: dateColumn(warnUntil) } }),
  ]);
  const row = (id: string, number: string, unitName: string, due: Date, late: boolean): DeadlineRow => {
    const dueOn = isoDateOf(due);
    return {
      id,
      registrationNumber: number,
      unitName,
      dueOn,
      workingDays: late ? calendar.workingDaysBetween(dueOn, today) : calendar.workingDaysBetween(today, dueOn),
    };
  };
  const requests = (rows: Awaited<ReturnType<typeof requestRows>>, late: boolean) =>
    rows
      .map((r) => row(r.id, r.registrationNumber, r.unit.name, r.extendedDueOn ?? r.noticeDueOn, late))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const objections = (rows: Awaited<ReturnType<typeof objectionRows>>, late: boolean) =>
    rows.map((o) => row(o.id, o.registrationNumber, o.request.unit.name, o.answerDueOn, late));
  return {
    requests: {
      overdue: { count: overdue.length, rows: requests(overdue, true).slice(0, LISTED) },
      dueSoon: { count: dueSoon.length, rows: requests(dueSoon, false).slice(0, LISTED) },
    },
    objections: {
      overdue: { count: objectionsOverdue.length, rows: objections(objectionsOverdue, true).slice(0, LISTED) },
      dueSoon: { count: objectionsDueSoon.length, rows: objections(objectionsDueSoon, false).slice(0, LISTED) },
    },
  };
}

export type PpidDeadlineLists = Awaited<ReturnType<typeof ppidDeadlineLists>>;

import type { Actor } from "@server/auth/actor.js";
import type { Prisma, PrismaClient } from "@server/db/client.js";
import { ppidRequestListWhere } from "@server/policies/index.js";
import { dateColumn, type PpidCalendar } from "./calendar.js";
import { ppidUnitSelect } from "./cases.js";
import { WARNING_WORKING_DAYS } from "./deadlines.js";

/** The staff lists\' views of requests and objections (the `view` query of their routes). */
export const REQUEST_VIEWS = ["all", "open", "due_soon", "overdue", "decided"] as const;
export const OBJECTION_VIEWS = ["all", "open", "overdue", "answered", "mine"] as const;
export type RequestView = (typeof REQUEST_VIEWS)[number];
export type ObjectionView = (typeof OBJECTION_VIEWS)[number];

// The filters of the PPID lists, as Prisma filters; whose records a list may hold is the policies'
// to say (ppidRequestListWhere, ppidObjectionListWhere).

/** The notice's deadline as it stands (the extended one once extended) compared with a date. */
function effectiveDue(compare: { lt?: Date; gte?: Date; lte?: Date }): Prisma.PpidRequestWhereInput {
  return { OR: [{ extendedDueOn: null, noticeDueOn: compare }, { extendedDueOn: compare }] };
}

export function requestViewWhere(view: RequestView, calendar: PpidCalendar, now: Date): Prisma.PpidRequestWhereInput {
  const today = dateColumn(calendar.dateOf(now));
  const warnUntil = dateColumn(calendar.workingDaysAfter(now, WARNING_WORKING_DAYS));
  switch (view) {
    case "all":
      return {};
    case "open":
      return { decision: null };
    case "decided":
      return { decision: { not: null } };
    case "overdue":
      return { decision: null, ...effectiveDue({ lt: today }) };
    case "due_soon":
      return { decision: null, AND: [effectiveDue({ gte: today }), effectiveDue({ lte: warnUntil })] };
  }
}

export const requestRowInclude = { unit: { select: ppidUnitSelect } } as const satisfies Prisma.PpidRequestInclude;

export type RequestFilters = {
  view: RequestView;
  status?: Prisma.PpidRequestWhereInput["status"];
  decision?: Prisma.PpidRequestWhereInput["decision"];
  channel?: Prisma.PpidRequestWhereInput["channel"];
  unitId?: string;
  year?: number;
  q?: string;
  limit: number;
  after?: { at: Date; id: string };
};

/** A page of the actor's requests, newest first; limit+1 rows so the caller knows whether more follow. */
export function listRequests(
  prisma: Pick<PrismaClient, "ppidRequest">,
  actor: Actor,
  filters: RequestFilters,
  calendar: PpidCalendar,
  now: Date,
) {
  const { after } = filters;
  const conditions: Prisma.PpidRequestWhereInput[] = [
    ppidRequestListWhere(actor),
    requestViewWhere(filters.view, calendar, now),
    {
      status: filters.status,
      decision: filters.decision,
      channel: filters.channel,
      unitId: filters.unitId,
      ...(filters.year && { receivedAt: calendar.yearRange(filters.year) }),
    },
  ];
  if (filters.q)
    conditions.push({
      OR: [
        { registrationNumber: filters.q.toUpperCase() },
        { applicantName: { contains: filters.q, mode: "insensitive" } },
      ],
    });
  if (after)
    conditions.push({ OR: [{ receivedAt: { lt: after.at } }, { receivedAt: after.at, id: { lt: after.id } }] });
  return prisma.ppidRequest.findMany({
    where: { AND: conditions },
    include: requestRowInclude,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: filters.limit + 1,
  });
}

export function objectionViewWhere(
  view: ObjectionView,
  actor: Actor,
  calendar: PpidCalendar,
  now: Date,
): Prisma.PpidObjectionWhereInput {
  switch (view) {
    case "all":
      return {};
    case "open":
      return { status: "filed" };
    case "answered":
      return { status: "answered" };
    case "overdue":
      return { status: "filed", answerDueOn: { lt: dateColumn(calendar.dateOf(now)) } };
    case "mine":
      return { status: "filed", request: { unit: { ppidSuperiorId: actor.id } } };
  }
}

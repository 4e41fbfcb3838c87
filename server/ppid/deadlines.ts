import type { PpidDecision } from "@server/db/generated/enums.js";
import { isoDateOf, type IsoDate, type PpidCalendar } from "./calendar.js";
import { OBJECTION_REASON_LETTERS, WITHHOLDING_DECISIONS, type ObjectionReason } from "./codes.js";

/** Staff are warned this many working days before a notice or an answer falls due. */
export const WARNING_WORKING_DAYS = 2;

/**
 * Where a deadline stands: still open (ok, warning as it nears, overdue once passed) or
 * closed by the act it waited for (met on or before the day, late after it).
 */
export type DeadlineState = "ok" | "warning" | "overdue" | "met" | "late";

export type RequestTimes = {
  receivedAt: Date;
  noticeDueOn: Date;
  extendedDueOn: Date | null;
  decision: PpidDecision | null;
  decidedAt: Date | null;
  feeRupiah: number;
  exemptions: string[];
};

/** The notice's deadline as it stands: the extended one once extended. */
export function effectiveDueOn(request: Pick<RequestTimes, "noticeDueOn" | "extendedDueOn">): IsoDate {
  return isoDateOf(request.extendedDueOn ?? request.noticeDueOn);
}

/** A deadline date against the day it was met (if it was) and today, all in the office's calendar. */
export function deadlineState(dueOn: IsoDate, doneOn: IsoDate | null, today: IsoDate, calendar: PpidCalendar) {
  if (doneOn) return { dueOn, state: (doneOn <= dueOn ? "met" : "late") as DeadlineState, workingDaysLeft: null };
  if (today > dueOn) return { dueOn, state: "overdue" as DeadlineState, workingDaysLeft: 0 };
  const workingDaysLeft = calendar.workingDaysBetween(today, dueOn);
  return {
    dueOn,
    state: (workingDaysLeft <= WARNING_WORKING_DAYS ? "warning" : "ok") as DeadlineState,
    workingDaysLeft,
  };
}

export function noticeDeadline(request: RequestTimes, now: Date, calendar: PpidCalendar) {
  return deadlineState(
    effectiveDueOn(request),
    request.decidedAt ? calendar.dateOf(request.decidedAt) : null,
    calendar.dateOf(now),
    calendar,
  );
}

/**
 * The day each reason of Pasal 35(1) arose for this request, for the reasons that exist now.
 * An objection may be filed as soon as its reason exists (a refusal at once), and within 30
 * working days after it: the window is counted from these days.
 */
export function objectionReasonDates(
  request: RequestTimes,
  now: Date,
  calendar: PpidCalendar,
): Partial<Record<ObjectionReason, IsoDate>> {
  const today = calendar.dateOf(now);
  const due = effectiveDueOn(request);
  const decidedOn = request.decidedAt ? calendar.dateOf(request.decidedAt) : null;
  const dates: Partial<Record<ObjectionReason, IsoDate>> = {
    // Periodic information not published is a standing failure: its window runs from today.
    b: today,
  };
  if (!decidedOn) {
    if (today > due) dates.c = due;
    return dates;
  }
  if (request.decision && WITHHOLDING_DECISIONS.includes(request.decision) && request.exemptions.length > 0)
    dates.a = decidedOn;
  dates.d = decidedOn;
  dates.e = decidedOn;
  if (request.feeRupiah > 0) dates.f = decidedOn;
  if (decidedOn > due) dates.g = decidedOn;
  return dates;
}

export type ObjectionWindow = { reason: ObjectionReason; aroseOn: IsoDate; filingEndsOn: IsoDate; open: boolean };

/** Every reason that exists, with the last day to object for it and whether that day is still ahead. */
export function objectionWindows(request: RequestTimes, now: Date, calendar: PpidCalendar): ObjectionWindow[] {
  const today = calendar.dateOf(now);
  const dates = objectionReasonDates(request, now, calendar);
  return OBJECTION_REASON_LETTERS.flatMap((reason) => {
    const aroseOn = dates[reason];
    if (!aroseOn) return [];
    const filingEndsOn = calendar.objectionFilingEnds(aroseOn);
    return [{ reason, aroseOn, filingEndsOn, open: today <= filingEndsOn }];
  });
}

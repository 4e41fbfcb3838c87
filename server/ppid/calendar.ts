import {
  INFORMATION_REQUEST_ANSWER_WORKING_DAYS,
  INFORMATION_REQUEST_MAX_EXTENSION_WORKING_DAYS,
  OBJECTION_WORKING_DAYS,
} from "@server/deadlines/policies.js";
import { INDONESIAN_TIME_ZONES, type WorkingCalendar } from "@server/deadlines/workingTime.js";
import type { PrismaClient } from "@server/db/client.js";
import { REPORTING_TIME_ZONE, workingCalendarFor } from "@server/metrics/definitions.js";

/**
 * The statutory periods of UU 14/2008, in working days:
 * - notice: the written notice within 10 working days of receiving the request (Pasal 22(7));
 * - extension: once, by at most 7 more working days, with written reasons (22(8));
 * - objectionFiling: an objection within 30 working days after its reason arose (36(1));
 * - objectionAnswer: the atasan PPID answers within 30 working days of receiving it (36(2));
 * - disputeFiling: a dispute at the Komisi Informasi within 14 working days after the answer (37(2)).
 */
export const PPID_PERIODS = {
  notice: INFORMATION_REQUEST_ANSWER_WORKING_DAYS,
  extension: INFORMATION_REQUEST_MAX_EXTENSION_WORKING_DAYS,
  objectionFiling: OBJECTION_WORKING_DAYS,
  objectionAnswer: OBJECTION_WORKING_DAYS,
  disputeFiling: 14,
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A calendar date as YYYY-MM-DD. */
export type IsoDate = string;

/**
 * The PPID deadlines of one office. Every period starts counting on the first working day after
 * the local day of the event (a request received on a Saturday counts from Monday; one received
 * at 03:00 on a Monday from Tuesday), and ends on the last counted day, which is itself a whole
 * working day: a deadline is a date, met by anything done on or before it.
 */
export class PpidCalendar {
  constructor(readonly working: WorkingCalendar) {}

  get timeZone(): string {
    return this.working.timeZone;
  }

  /** The local date of a moment in the office's zone. */
  dateOf(at: Date): IsoDate {
    return this.working.localDate(at);
  }

  /** The `days`-th working day after the local day of `from` (a moment, or a date already local). */
  workingDaysAfter(from: Date | IsoDate, days: number): IsoDate {
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number ≥ 1, got ${days}`);
    let date = typeof from === "string" ? checkedDate(from) : this.dateOf(from);
    for (let counted = 0; counted < days; ) {
      date = nextDate(date);
      if (this.working.isWorkingDate(date)) counted++;
    }
    return date;
  }

  /** Working days from the day after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0;
    for (let date = nextDate(checkedDate(from)); date <= checkedDate(to); date = nextDate(date)) {
      if (this.working.isWorkingDate(date)) count++;
    }
    return count;
  }

  /** The instants a local calendar year spans, for filters on stored moments. */
  yearRange(year: number): { gte: Date; lt: Date } {
    return { gte: this.startOf(`${year}-01-01`), lt: this.startOf(`${year + 1}-01-01`) };
  }

  /** The instant a local date begins. */
  startOf(date: IsoDate): Date {
    const offsetMinutes = INDONESIAN_TIME_ZONES[this.working.timeZone];
    return new Date(Date.parse(`${checkedDate(date)}T00:00:00Z`) - offsetMinutes * 60_000);
  }

  noticeDue(receivedAt: Date | IsoDate): IsoDate {
    return this.workingDaysAfter(receivedAt, PPID_PERIODS.notice);
  }

  /** The notice's deadline once extended: the longest extension, counted after the first deadline. */
  extendedNoticeDue(noticeDue: IsoDate): IsoDate {
    return this.workingDaysAfter(noticeDue, PPID_PERIODS.extension);
  }

  objectionFilingEnds(reasonArose: Date | IsoDate): IsoDate {
    return this.workingDaysAfter(reasonArose, PPID_PERIODS.objectionFiling);
  }

  objectionAnswerDue(objectionReceivedAt: Date | IsoDate): IsoDate {
    return this.workingDaysAfter(objectionReceivedAt, PPID_PERIODS.objectionAnswer);
  }

  disputeFilingEnds(answerReceived: Date | IsoDate): IsoDate {
    return this.workingDaysAfter(answerReceived, PPID_PERIODS.disputeFiling);
  }
}

function checkedDate(date: string): IsoDate {
  const parsed = ISO_DATE.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date))
    throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  return date;
}

function nextDate(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The calendar of a time zone (an unknown one counts as the organisation's default, WIB). */
export function ppidCalendarFor(timeZone: string | null | undefined): PpidCalendar {
  return new PpidCalendar(workingCalendarFor(timeZone));
}

/** The calendar of the whole body: the time zone of its root unit. */
export async function officeCalendar(prisma: Pick<PrismaClient, "unit">): Promise<PpidCalendar> {
  const root = await prisma.unit.findFirst({
    where: { parentId: null },
    orderBy: { createdAt: "asc" },
    select: { timezone: true },
  });
  return ppidCalendarFor(root?.timezone ?? REPORTING_TIME_ZONE);
}

/** A date stored in a PostgreSQL `date` column comes back as UTC midnight of that date. */
export function dateColumn(date: IsoDate): Date {
  return new Date(`${checkedDate(date)}T00:00:00Z`);
}

export function isoDateOf(column: Date): IsoDate {
  return column.toISOString().slice(0, 10);
}

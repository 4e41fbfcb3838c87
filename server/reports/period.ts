import { REPORTING_OFFSET_MINUTES, REPORTING_TIME_ZONE } from "@server/metrics/definitions.js";
import type { Period } from "@server/metrics/scope.js";

// Reports cover whole calendar months and Monday–Sunday weeks in WIB, the zone the dashboard
// counts days in, so a report and the dashboard over the same dates show the same figures.

const OFFSET_MS = REPORTING_OFFSET_MINUTES * 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** Reports go out at 07:00 WIB, before the working day starts. */
export const REPORT_SEND_HOUR = 7;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Midnight WIB of a local calendar date, as a moment. */
const localMidnight = (year: number, monthIndex: number, day: number) =>
  new Date(Date.UTC(year, monthIndex, day) - OFFSET_MS);
/** The moment's calendar fields as read on a WIB wall clock. */
const localFields = (t: Date) => {
  const local = new Date(t.getTime() + OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    monthIndex: local.getUTCMonth(),
    day: local.getUTCDate(),
    weekday: (local.getUTCDay() + 6) % 7,
  };
};

/** "2026-11" → [1 Nov 00:00 WIB, 1 Dec 00:00 WIB). */
export function monthPeriod(month: string): Period {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  return { from: localMidnight(year, monthIndex, 1), to: localMidnight(year, monthIndex + 1, 1) };
}

/** "2026-11" for the month a moment falls in (WIB). */
export function monthOf(t: Date): string {
  const { year, monthIndex } = localFields(t);
  return `${year}-${String(monthIndex + 1).padStart(2, "0")}`;
}

/** The month before the one `now` falls in. */
export function previousMonth(now: Date): string {
  const { year, monthIndex } = localFields(now);
  return monthOf(localMidnight(year, monthIndex - 1, 1));
}

/** The Monday–Sunday week (WIB) just before the one `now` falls in. */
export function previousWeek(now: Date): Period {
  const { year, monthIndex, day, weekday } = localFields(now);
  const thisMonday = localMidnight(year, monthIndex, day - weekday);
  return { from: new Date(thisMonday.getTime() - 7 * DAY_MS), to: thisMonday };
}

export type ReportKind = "weekly" | "monthly";
/** A scheduled report, or the dashboard exported for whatever period its filters chose. */
export type DocumentKind = ReportKind | "dashboard";

/** "monthly" when the period is exactly one calendar month (WIB), so the export reads as the monthly report. */
export function documentKindOf(period: Period): DocumentKind {
  const month = monthPeriod(monthOf(period.from));
  return month.from.getTime() === period.from.getTime() && month.to.getTime() === period.to.getTime()
    ? "monthly"
    : "dashboard";
}

/**
 * The period whose report is due at `now`: the last week once Monday 07:00 WIB has passed (else
 * the week before), the last month once the 1st 07:00 WIB has passed. Ticks after a restart
 * therefore still find a report that was missed.
 */
export function duePeriod(kind: ReportKind, now: Date): Period {
  const sendDelay = REPORT_SEND_HOUR * 60 * 60_000;
  // Before 07:00 on the sending day the due period is still the one before.
  const asIfEarlier = new Date(now.getTime() - sendDelay);
  return kind === "weekly" ? previousWeek(asIfEarlier) : monthPeriod(previousMonth(asIfEarlier));
}

/** A stable name of a report's period, for file names and for remembering what was sent. */
export function periodKey(kind: ReportKind, period: Period): string {
  return kind === "monthly" ? monthOf(period.from) : localDate(period.from);
}

/** "2026-11-16", the WIB calendar date of a moment. */
export function localDate(t: Date): string {
  return new Date(t.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

const dayFormat = new Intl.DateTimeFormat("id-ID", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: REPORTING_TIME_ZONE,
});
const monthFormat = new Intl.DateTimeFormat("id-ID", { month: "long", year: "numeric", timeZone: REPORTING_TIME_ZONE });

/** "November 2026" for a month, "16 November 2026 – 22 November 2026" for a week or any other span, in Bahasa Indonesia. */
export function periodLabel(kind: DocumentKind, period: Period): string {
  if (kind === "monthly") return monthFormat.format(period.from);
  return `${dayFormat.format(period.from)} – ${dayFormat.format(new Date(period.to.getTime() - 1))}`;
}

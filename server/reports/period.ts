import type { Period } from "@server/metrics/scope.js";
import { offsetMinutesOf, type UnitTimeZone, ZONE_ABBREVIATIONS } from "@server/reporting/zones.js";

// Reports, the dashboard's buckets and the daily rollups count whole calendar days, Monday–Sunday
// weeks and months in the organisation's reporting zone (WIB, WITA or WIT, server/reporting), so a
// report and the dashboard over the same dates show the same figures. Offsets are fixed:
// Indonesia has no daylight saving time.

const DAY_MS = 24 * 60 * 60_000;
/** Reports go out at 07:00 local time, before the working day starts. */
export const REPORT_SEND_HOUR = 7;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type ReportKind = "weekly" | "monthly";
/** A scheduled report, or the dashboard exported for whatever period its filters chose. */
export type DocumentKind = ReportKind | "dashboard";

/** Days, weeks and months as read on the wall clock of one zone. */
export class ReportingCalendar {
  readonly offsetMinutes: number;
  readonly abbreviation: "WIB" | "WITA" | "WIT";
  private readonly offsetMs: number;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly monthFormat: Intl.DateTimeFormat;
  private readonly dateTimeFormat: Intl.DateTimeFormat;

  constructor(
    readonly timeZone: UnitTimeZone,
    /** A delivery is on time when published at most this many minutes after it was due. */
    readonly onTimeToleranceMinutes: number,
  ) {
    this.offsetMinutes = offsetMinutesOf(timeZone);
    this.offsetMs = this.offsetMinutes * 60_000;
    this.abbreviation = ZONE_ABBREVIATIONS[timeZone];
    this.dayFormat = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone });
    this.monthFormat = new Intl.DateTimeFormat("id-ID", { month: "long", year: "numeric", timeZone });
    this.dateTimeFormat = new Intl.DateTimeFormat("id-ID", {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    });
  }

  /** Local midnight of a calendar date, as a moment. */
  localMidnight(year: number, monthIndex: number, day: number): Date {
    return new Date(Date.UTC(year, monthIndex, day) - this.offsetMs);
  }

  /** The moment's calendar fields as read on the local wall clock. */
  localFields(t: Date) {
    const local = new Date(t.getTime() + this.offsetMs);
    return {
      year: local.getUTCFullYear(),
      monthIndex: local.getUTCMonth(),
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      weekday: (local.getUTCDay() + 6) % 7,
    };
  }

  /** "2026-11-16", the local calendar date of a moment: what the daily rollups' "day" holds. */
  localDate(t: Date): string {
    return new Date(t.getTime() + this.offsetMs).toISOString().slice(0, 10);
  }

  /** Local midnight starting "2026-11-16". */
  midnightOf(date: string): Date {
    return new Date(Date.parse(`${date}T00:00:00Z`) - this.offsetMs);
  }

  /** "2026-11" → [1 Nov 00:00, 1 Dec 00:00) local time. */
  monthPeriod(month: string): Period {
    const match = MONTH_PATTERN.exec(month);
    if (!match) throw new Error(`not a month: ${month}`);
    const year = Number(match[1]);
    const monthIndex = Number(match[2]) - 1;
    return { from: this.localMidnight(year, monthIndex, 1), to: this.localMidnight(year, monthIndex + 1, 1) };
  }

  /** "2026-11" for the month a moment falls in. */
  monthOf(t: Date): string {
    const { year, monthIndex } = this.localFields(t);
    return `${year}-${String(monthIndex + 1).padStart(2, "0")}`;
  }

  /** The local midnight starting the month of `t`, or the one `monthsLater`. */
  monthStart(t: Date, monthsLater = 0): Date {
    const { year, monthIndex } = this.localFields(t);
    return this.localMidnight(year, monthIndex + monthsLater, 1);
  }

  /** The month before the one `now` falls in. */
  previousMonth(now: Date): string {
    return this.monthOf(this.monthStart(now, -1));
  }

  /** The Monday–Sunday week just before the one `now` falls in. */
  previousWeek(now: Date): Period {
    const { year, monthIndex, day, weekday } = this.localFields(now);
    const thisMonday = this.localMidnight(year, monthIndex, day - weekday);
    return { from: new Date(thisMonday.getTime() - 7 * DAY_MS), to: thisMonday };
  }

  /** "monthly" when the period is exactly one calendar month, so the export reads as the monthly report. */
  documentKindOf(period: Period): DocumentKind {
    const month = this.monthPeriod(this.monthOf(period.from));
    return month.from.getTime() === period.from.getTime() && month.to.getTime() === period.to.getTime()
      ? "monthly"
      : "dashboard";
  }

  /**
   * The period whose report is due at `now`: the last week once Monday 07:00 has passed (else the
   * week before), the last month once the 1st 07:00 has passed. Ticks after a restart therefore
   * still find a report that was missed.
   */
  duePeriod(kind: ReportKind, now: Date): Period {
    // Before 07:00 on the sending day the due period is still the one before.
    const asIfEarlier = new Date(now.getTime() - REPORT_SEND_HOUR * 60 * 60_000);
    return kind === "weekly" ? this.previousWeek(asIfEarlier) : this.monthPeriod(this.previousMonth(asIfEarlier));
  }

  /** A stable name of a report's period, for file names and for remembering what was sent. */
  periodKey(kind: ReportKind, period: Period): string {
    return kind === "monthly" ? this.monthOf(period.from) : this.localDate(period.from);
  }

  /** "November 2026" for a month, "16 November 2026 – 22 November 2026" for any other span, in Bahasa Indonesia. */
  periodLabel(kind: DocumentKind, period: Period): string {
    if (kind === "monthly") return this.monthFormat.format(period.from);
    return `${this.dayFormat.format(period.from)} – ${this.dayFormat.format(new Date(period.to.getTime() - 1))}`;
  }

  /** "21 November 2026 pukul 18.05 WITA", in Bahasa Indonesia. */
  formatDateTime(t: Date): string {
    return `${this.dateTimeFormat.format(t)} ${this.abbreviation}`;
  }

  /**
   * The whole local days inside a period, which the daily rollups answer, and the parts of the
   * period before and after them, which are read from the rows themselves.
   */
  splitByWholeDays({ from, to }: Period): { days: Period | null; edges: Period[] } {
    const firstDay = Math.ceil((from.getTime() + this.offsetMs) / DAY_MS) * DAY_MS - this.offsetMs;
    const endDay = Math.floor((to.getTime() + this.offsetMs) / DAY_MS) * DAY_MS - this.offsetMs;
    if (firstDay >= endDay) return { days: null, edges: [{ from, to }] };
    const days = { from: new Date(firstDay), to: new Date(endDay) };
    return {
      days,
      edges: [
        { from, to: days.from },
        { from: days.to, to },
      ].filter((edge) => edge.from < edge.to),
    };
  }
}

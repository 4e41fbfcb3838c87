import { IndonesianHolidays, type NonWorkingDay, type NonWorkingDaySource } from "./holidaysId.js";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** A calendar with no working day in this many days is misconfigured, not just long holidays. */
const MAX_DAYS_WITHOUT_WORK = 366;

import { INDONESIAN_TIME_ZONES, type IndonesianTimeZone } from "./timeZones.js";

export { INDONESIAN_TIME_ZONES, type IndonesianTimeZone };

export type Weekday = "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";
/** Indexed like Date#getUTCDay(). */
const WEEKDAYS: readonly Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** A stretch of office hours in local time, "HH:MM" to "HH:MM" ("24:00" allowed as an end). */
export interface WorkingPeriod {
  from: string;
  to: string;
}
export type WeeklyWorkingHours = Readonly<Record<Weekday, readonly WorkingPeriod[]>>;

/**
 * The government working week as most Pemda still apply it (Keppres 68/1995): Monday–Thursday
 * 07:30–16:00 with a break 12:00–13:00, Friday 07:30–16:30 with a longer break for Friday prayers
 * 11:30–13:00. That is 7.5 hours a day, 37.5 a week, the total Perpres 21/2023 sets for ASN.
 * Breaks are not working time; a region with other hours passes its own table.
 */
export const GOVERNMENT_WORKING_HOURS: WeeklyWorkingHours = {
  monday: [
    { from: "07:30", to: "12:00" },
    { from: "13:00", to: "16:00" },
  ],
  tuesday: [
    { from: "07:30", to: "12:00" },
    { from: "13:00", to: "16:00" },
  ],
  wednesday: [
    { from: "07:30", to: "12:00" },
    { from: "13:00", to: "16:00" },
  ],
  thursday: [
    { from: "07:30", to: "12:00" },
    { from: "13:00", to: "16:00" },
  ],
  friday: [
    { from: "07:30", to: "11:30" },
    { from: "13:00", to: "16:30" },
  ],
  saturday: [],
  sunday: [],
};

export interface WorkingCalendarOptions {
  timeZone: IndonesianTimeZone;
  weeklyHours?: WeeklyWorkingHours;
  holidays?: NonWorkingDaySource;
}

/** A working period as milliseconds since local midnight, end exclusive. */
interface Window {
  startMs: number;
  endMs: number;
}

/** A moment as a local day (days since 1970-01-01 in local time) and the time within it. */
interface LocalMoment {
  day: number;
  msOfDay: number;
}

/**
 * Working time of one office: its time zone, its weekly hours, and the days it is closed.
 * Every input and output is a Date (a UTC instant); local time is used only inside.
 */
export class WorkingCalendar {
  readonly timeZone: IndonesianTimeZone;
  private readonly offsetMs: number;
  private readonly windowsByWeekday: readonly (readonly Window[])[];
  private readonly holidays: NonWorkingDaySource;

  constructor(options: WorkingCalendarOptions) {
    this.timeZone = options.timeZone;
    this.offsetMs = INDONESIAN_TIME_ZONES[options.timeZone] * MINUTE_MS;
    this.windowsByWeekday = WEEKDAYS.map((weekday) =>
      toWindows(weekday, (options.weeklyHours ?? GOVERNMENT_WORKING_HOURS)[weekday]),
    );
    if (this.windowsByWeekday.every((windows) => windows.length === 0)) {
      throw new RangeError("A working calendar needs at least one working period in the week");
    }
    this.holidays = options.holidays ?? new IndonesianHolidays();
  }

  /** The holiday or cuti bersama on the local date of `t`, if any (weekends are not listed). */
  nonWorkingDayAt(t: Date): NonWorkingDay | undefined {
    return this.holidays.nonWorkingDayOn(isoDate(this.localMoment(t).day));
  }

  isWorkingDay(t: Date): boolean {
    return this.windowsOn(this.localMoment(t).day).length > 0;
  }

  /** The office's local calendar date of `t`, YYYY-MM-DD. */
  localDate(t: Date): string {
    return isoDate(this.localMoment(t).day);
  }

  /** Whether a local calendar date (YYYY-MM-DD) has office hours: not a weekend, holiday or cuti bersama. */
  isWorkingDate(date: string): boolean {
    return this.windowsOn(Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS)).length > 0;
  }

  isWorkingTime(t: Date): boolean {
    const { day, msOfDay } = this.localMoment(t);
    return this.windowsOn(day).some((w) => w.startMs <= msOfDay && msOfDay < w.endMs);
  }

  /** `t` itself during office hours, otherwise the next opening (after a break, night, weekend or holiday). */
  nextWorkingMoment(t: Date): Date {
    return this.addWorkingTime(t, 0);
  }

  /**
   * The moment `minutes` of office time after `start`. A deadline that uses up a period exactly
   * lands on its closing time (16:00), not on the next opening.
   */
  addWorkingTime(start: Date, minutes: number): Date {
    assertNonNegative("minutes", minutes);
    let remainingMs = minutes * MINUTE_MS;
    let { day, msOfDay } = this.localMoment(start);
    for (let daysWithoutWork = 0; daysWithoutWork <= MAX_DAYS_WITHOUT_WORK; day++, msOfDay = 0) {
      const windows = this.windowsOn(day);
      daysWithoutWork = windows.length === 0 ? daysWithoutWork + 1 : 0;
      for (const window of windows) {
        if (msOfDay >= window.endMs) continue;
        const from = Math.max(msOfDay, window.startMs);
        const availableMs = window.endMs - from;
        if (remainingMs <= availableMs) return this.instantAt(day, from + remainingMs);
        remainingMs -= availableMs;
      }
    }
    throw new RangeError(`No working day within ${MAX_DAYS_WITHOUT_WORK} days of ${start.toISOString()}`);
  }

  /**
   * "Within N working days", as LAPOR! and UU 14/2008 count: the closing time of the Nth working day
   * after the day of receipt. The day of receipt is the local day if it is a working day and `start`
   * is not after its closing time; otherwise (night, weekend, holiday) it is the next working day,
   * so an item received Saturday night is treated as received Monday at opening.
   */
  addWorkingDays(start: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
    let day = this.receiptDay(start);
    for (let counted = 0; counted < days; counted++) day = this.nextWorkingDayAfter(day);
    return this.closingOf(day);
  }

  /** Office minutes in [a, b); negative when b is before a. */
  workingMinutesBetween(a: Date, b: Date): number {
    if (b < a) return -this.workingMinutesBetween(b, a);
    const from = this.localMoment(a);
    const to = this.localMoment(b);
    let totalMs = 0;
    for (let day = from.day; day <= to.day; day++) {
      const dayStartMs = day === from.day ? from.msOfDay : 0;
      const dayEndMs = day === to.day ? to.msOfDay : DAY_MS;
      for (const window of this.windowsOn(day)) {
        totalMs += Math.max(0, Math.min(window.endMs, dayEndMs) - Math.max(window.startMs, dayStartMs));
      }
    }
    return totalMs / MINUTE_MS;
  }

  private receiptDay(t: Date): number {
    const { day, msOfDay } = this.localMoment(t);
    const windows = this.windowsOn(day);
    const closingMs = windows.at(-1)?.endMs;
    return closingMs !== undefined && msOfDay <= closingMs ? day : this.nextWorkingDayAfter(day);
  }

  private nextWorkingDayAfter(day: number): number {
    for (let candidate = day + 1; candidate <= day + MAX_DAYS_WITHOUT_WORK; candidate++) {
      if (this.windowsOn(candidate).length > 0) return candidate;
    }
    throw new RangeError(`No working day within ${MAX_DAYS_WITHOUT_WORK} days after ${isoDate(day)}`);
  }

  private closingOf(day: number): Date {
    const last = this.windowsOn(day).at(-1);
    if (!last) throw new RangeError(`${isoDate(day)} is not a working day`);
    return this.instantAt(day, last.endMs);
  }

  private windowsOn(day: number): readonly Window[] {
    if (this.holidays.nonWorkingDayOn(isoDate(day))) return [];
    return this.windowsByWeekday[weekdayIndex(day)] ?? [];
  }

  private localMoment(t: Date): LocalMoment {
    const localMs = t.getTime() + this.offsetMs;
    if (Number.isNaN(localMs)) throw new RangeError("Invalid date");
    const day = Math.floor(localMs / DAY_MS);
    return { day, msOfDay: localMs - day * DAY_MS };
  }

  private instantAt(day: number, msOfDay: number): Date {
    return new Date(day * DAY_MS + msOfDay - this.offsetMs);
  }
}

/** Calendar time, for policies that count hours around the clock (darurat). */
export function addCalendarMinutes(start: Date, minutes: number): Date {
  assertNonNegative("minutes", minutes);
  return new Date(start.getTime() + minutes * MINUTE_MS);
}

/** Calendar minutes in [a, b); negative when b is before a. */
export function calendarMinutesBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / MINUTE_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function weekdayIndex(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

function assertNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
}

const CLOCK_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

function clockTimeMs(weekday: Weekday, value: string): number {
  const match = CLOCK_TIME.exec(value);
  if (!match) throw new RangeError(`Working hours for ${weekday}: "${value}" is not a time HH:MM`);
  const [hours, minutes] = match
    .slice(1)
    .filter((part) => part !== undefined)
    .map(Number);
  return ((hours ?? 0) * 60 + (minutes ?? 0)) * MINUTE_MS;
}

/** Periods as sorted, non-overlapping windows; a misconfigured table fails at start-up, not in a deadline. */
function toWindows(weekday: Weekday, periods: readonly WorkingPeriod[]): Window[] {
  const windows = periods
    .map((period) => ({ startMs: clockTimeMs(weekday, period.from), endMs: clockTimeMs(weekday, period.to) }))
    .sort((a, b) => a.startMs - b.startMs);
  windows.forEach((window, index) => {
    if (window.endMs <= window.startMs)
      throw new RangeError(`Working hours for ${weekday}: a period must end after it starts`);
    const previous = windows[index - 1];
    if (previous && window.startMs < previous.endMs)
      throw new RangeError(`Working hours for ${weekday}: periods overlap`);
  });
  return windows;
}

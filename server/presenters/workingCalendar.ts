import type { MovedDeadlines } from "@server/commands/workingCalendar.js";
import type { NonWorkingDay } from "@server/deadlines/holidaysId.js";

/** One year of the working calendar: every day off besides weekends, with where it comes from. */
export function presentCalendarYear(
  year: number,
  days: NonWorkingDay[],
  removed: { date: Date; decree: string }[],
  confirmation: { decree: string; confirmedAt: Date } | null,
  confirmedByShippedDecree: boolean,
) {
  return {
    year,
    /** No SKB for the year yet: Islamic holidays are the package's estimates, cuti bersama unknown. */
    estimated: !confirmedByShippedDecree && confirmation === null,
    confirmation: confirmation && { decree: confirmation.decree, confirmedAt: confirmation.confirmedAt.toISOString() },
    days: days.map((day) => ({
      date: day.date,
      kind: day.kind,
      name: day.name,
      source: day.source ?? null,
      origin: day.origin ?? "package",
    })),
    /** Dates of the package or of a shipped decree an admin took out, with the decree that says so. */
    removed: removed.map((row) => ({ date: row.date.toISOString().slice(0, 10), decree: row.decree })),
  };
}

export type CalendarYearView = ReturnType<typeof presentCalendarYear>;

export const presentMoved = (moved: MovedDeadlines) => ({ moved });
export type CalendarChangeView = ReturnType<typeof presentMoved>;

/** The admin dashboard's notice: next year's decree is still missing (from 1 October). */
export type CalendarNoticeView = { missingYear: number | null };

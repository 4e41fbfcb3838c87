import { INDONESIA_HOLIDAY_OVERRIDES } from "./holidays-id-overrides.js";
import { officeDays } from "./officeDays.js";

/** The month (1–12) from which the dashboard asks for next year's SKB: it is signed in the autumn. */
export const NEXT_YEAR_NOTICE_FROM_MONTH = 10;

/** Whether a year's national holidays and cuti bersama are confirmed by a decree (shipped or entered). */
export function isConfirmedYear(year: number): boolean {
  return officeDays.isConfirmedYear(year);
}

export function isShippedYear(year: number): boolean {
  return INDONESIA_HOLIDAY_OVERRIDES.some((decree) => decree.year === year && decree.isNationalDecree);
}

/** The year whose decree is missing, from 1 October of the year before (local date), else null. */
export function missingNextYear(today: string): number | null {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month >= NEXT_YEAR_NOTICE_FROM_MONTH && !isConfirmedYear(year + 1) ? year + 1 : null;
}

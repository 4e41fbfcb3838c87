import { INDONESIAN_TIME_ZONES, type IndonesianTimeZone } from "@server/deadlines/timeZones.js";

// Calendar days of the DIP (when information was made, when an exception ends) in the unit's
// own zone. Indonesia's offsets are fixed, so a day's midnight is one subtraction away.

const offsetMinutes = (timeZone: string) => INDONESIAN_TIME_ZONES[timeZone as IndonesianTimeZone] ?? 7 * 60;

/** The moment a calendar day ("2027-01-01") begins in the zone. */
export function startOfDayIn(day: string, timeZone: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes(timeZone) * 60_000);
}

/** The calendar day ("2027-01-01") a moment falls on in the zone. */
export function dayIn(moment: Date, timeZone: string): string {
  return new Date(moment.getTime() + offsetMinutes(timeZone) * 60_000).toISOString().slice(0, 10);
}

/** A date column (midnight UTC) as its calendar day. */
export function dateColumnDay(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

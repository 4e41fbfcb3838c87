import type { Timezone } from "@web/api/types";

/** The abbreviations Indonesians use for their three zones; the same in both UI languages. */
export const ZONE_ABBREVIATIONS: Record<Timezone, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

/** A wall-clock date ("2026-03-05") and time ("09:30") in some zone, as date and time inputs hold them. */
export type WallClock = { date: string; time: string };

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockParts(timeZone: string, instant: Date) {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The zone's offset from UTC at that instant, in minutes (east positive), read from Intl. */
function offsetMinutes(timeZone: string, instant: Date): number {
  const p = wallClockParts(timeZone, instant);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** What a clock in `timeZone` shows at the instant `iso`. */
export function toWallClock(iso: string, timeZone: Timezone): WallClock {
  const p = wallClockParts(timeZone, new Date(iso));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The UTC instant (ISO string) at which a clock in `timeZone` shows `date` and `time`. */
export function fromWallClock({ date, time }: WallClock, timeZone: Timezone): string {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  // Read the offset near the answer, then once more at it, so a zone that changes offset is still right.
  const first = asUtc - offsetMinutes(timeZone, new Date(asUtc)) * 60_000;
  return new Date(asUtc - offsetMinutes(timeZone, new Date(first)) * 60_000).toISOString();
}

/** A calendar date ("YYYY-MM-DD") moved by whole days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date, Monday = 0 (the Indonesian week starts on Senin). */
export function weekdayIndex(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return (new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay() + 6) % 7;
}

/** Today's date on this device's clock. */
export function today(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
}

/** The default pick for a new schedule: tomorrow at nine. */
export function tomorrowMorning(): WallClock {
  return { date: addDays(today(), 1), time: "09:00" };
}

/** The first day of the month `months` away from the one holding `date`. */
export function addMonths(date: string, months: number): string {
  const [year, month] = date.split("-").map(Number);
  return new Date(Date.UTC(year!, month! - 1 + months, 1)).toISOString().slice(0, 10);
}

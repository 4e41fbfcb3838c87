import type { PrismaClient } from "@server/db/client.js";
import {
  IndonesianHolidays,
  type HolidayOverride,
  type NonWorkingDay,
  type NonWorkingDayKind,
  type NonWorkingDaySource,
} from "./holidaysId.js";
import { INDONESIA_HOLIDAY_OVERRIDES } from "./holidays-id-overrides.js";

// The office's working calendar: the package's holidays, corrected by the decrees shipped as data
// (server/deadlines/holidays/<year>.json), then by the changes admins entered (CalendarChange,
// CalendarYear). Every deadline reads it synchronously, so it is held in memory: loaded at
// start-up, swapped after each change in this process, and reloaded by a job when another process
// changed it (server/jobs/workingCalendarReload.ts).

export const ADMIN_DAY_KINDS = ["libur_nasional", "cuti_bersama", "libur_daerah", "penutupan_kantor"] as const;

type Db = Pick<PrismaClient, "calendarChange" | "calendarYear">;

export type CalendarRows = {
  changes: { date: Date; change: string; kind: string | null; name: string | null; decree: string }[];
  years: { year: number; decree: string }[];
};

/** The admins' changes as decree overrides, applied after the shipped ones. */
function adminOverrides({ changes, years }: CalendarRows): HolidayOverride[] {
  const fromChanges = changes.map((row): HolidayOverride => {
    const date = row.date.toISOString().slice(0, 10);
    const base = {
      year: Number(date.slice(0, 4)),
      source: row.decree,
      isNationalDecree: false,
      origin: "admin" as const,
    };
    return row.change === "remove"
      ? { ...base, remove: [{ date, reason: row.decree }], add: [] }
      : { ...base, add: [{ date, kind: (row.kind ?? "libur_daerah") as NonWorkingDayKind, name: row.name ?? "" }] };
  });
  const confirmations = years.map(
    (row): HolidayOverride => ({
      year: row.year,
      source: row.decree,
      isNationalDecree: true,
      origin: "admin",
      add: [],
    }),
  );
  return [...fromChanges, ...confirmations];
}

/** The calendar the given rows make, without touching the one in use (to compute deadlines before commit). */
export function holidaysWith(rows: CalendarRows): IndonesianHolidays {
  return new IndonesianHolidays({ overrides: [...INDONESIA_HOLIDAY_OVERRIDES, ...adminOverrides(rows)] });
}

export async function readCalendarRows(prisma: Db): Promise<CalendarRows> {
  const [changes, years] = await Promise.all([
    prisma.calendarChange.findMany({ orderBy: { createdAt: "asc" } }),
    prisma.calendarYear.findMany({ orderBy: { year: "asc" } }),
  ]);
  return { changes, years };
}

/** A fingerprint of the stored changes, so that a reload happens only when something changed. */
function versionOf({ changes, years }: CalendarRows): string {
  return JSON.stringify([changes.map((c) => [c.date, c.change, c.kind, c.name, c.decree]), years]);
}

/** The one holiday source every working calendar of this process reads. */
class OfficeDays implements NonWorkingDaySource {
  private current = new IndonesianHolidays();
  private version = versionOf({ changes: [], years: [] });

  nonWorkingDayOn(date: string): NonWorkingDay | undefined {
    return this.current.nonWorkingDayOn(date);
  }

  nonWorkingDaysIn(year: number): NonWorkingDay[] {
    return this.current.nonWorkingDaysIn(year);
  }

  isConfirmedYear(year: number): boolean {
    return this.current.isConfirmedYear(year);
  }

  use(rows: CalendarRows): void {
    const version = versionOf(rows);
    if (version === this.version) return;
    this.current = holidaysWith(rows);
    this.version = version;
  }
}

export const officeDays = new OfficeDays();

/** Reads the admins' changes and puts them in force in this process (start-up, after a change, the reload job). */
export async function loadOfficeDays(prisma: Db): Promise<void> {
  officeDays.use(await readCalendarRows(prisma));
}

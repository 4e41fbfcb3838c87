import Holidays from "date-holidays";
import { INDONESIA_HOLIDAY_OVERRIDES } from "./holidays-id-overrides.js";

/** Why a weekday is not a working day for a government office. */
export type NonWorkingDayKind = "libur_nasional" | "cuti_bersama" | "libur_daerah" | "penutupan_kantor";

export const PACKAGE_SOURCE = "date-holidays (perkiraan / estimate)";

/** Where a date comes from: the package's estimate, a decree shipped with Siar, or one an admin entered. */
export type NonWorkingDayOrigin = "package" | "shipped" | "admin";

export interface NonWorkingDay {
  /** Local calendar date, YYYY-MM-DD: national holidays fall on the same date in every zone. */
  date: string;
  kind: NonWorkingDayKind;
  name: string;
  /** The decree (or the package) the date comes from; filled in by IndonesianHolidays. */
  source?: string;
  origin?: NonWorkingDayOrigin;
}

/** One decree's corrections to the package's list for one year (see holidays-id-overrides.ts). */
export interface HolidayOverride {
  year: number;
  /** The decree transcribed, cited so that an admin can check every date against it. */
  source: string;
  /** True for the SKB 3 Menteri fixing the year's national holidays and cuti bersama, or its amendment. */
  isNationalDecree: boolean;
  /** "shipped" (server/deadlines/holidays/*.json) unless an admin entered it. */
  origin?: NonWorkingDayOrigin;
  remove?: readonly { date: string; reason: string }[];
  add: readonly NonWorkingDay[];
}

/** What a working calendar needs to know about days off besides weekends. */
export interface NonWorkingDaySource {
  nonWorkingDayOn(date: string): NonWorkingDay | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return ISO_DATE.test(date) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

let packageCalendar: Holidays | undefined;

/** The package's Indonesian calendar, loaded once: its data covers every country. */
function indonesianPackageCalendar(): Holidays {
  if (packageCalendar) return packageCalendar;
  const calendar = new Holidays("ID", { types: ["public"] });
  // Keppres 8/2024 made Easter Sunday a national holiday; the package does not list it yet.
  calendar.setHoliday("easter", {
    name: { id: "Kebangkitan Yesus Kristus (Paskah)", en: "Easter Sunday" },
    type: "public",
  });
  // The package names 27 Rajab after Maulid; the date is right, the name is Isra Mikraj.
  calendar.setHoliday("27 Rajab", {
    name: { id: "Isra Mikraj Nabi Muhammad SAW", en: "Isra and Mi'raj" },
    type: "public",
  });
  packageCalendar = calendar;
  return calendar;
}

/**
 * Indonesian national holidays and cuti bersama: the `date-holidays` package as the base, corrected
 * by decree-based overrides (built-in ones by default; admins may pass their own list, for example
 * the built-in list plus a new SKB or a regional holiday).
 */
export class IndonesianHolidays implements NonWorkingDaySource {
  private readonly overrides: readonly HolidayOverride[];
  private readonly byYear = new Map<number, Map<string, NonWorkingDay>>();

  constructor(options: { overrides?: readonly HolidayOverride[] } = {}) {
    this.overrides = options.overrides ?? INDONESIA_HOLIDAY_OVERRIDES;
    for (const override of this.overrides) assertValidOverride(override);
  }

  nonWorkingDayOn(date: string): NonWorkingDay | undefined {
    return this.daysOf(Number(date.slice(0, 4))).get(date);
  }

  /** Every non-working day of a year besides weekends, in date order. */
  nonWorkingDaysIn(year: number): NonWorkingDay[] {
    return [...this.daysOf(year).values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** False while no SKB for the year has been transcribed: Islamic dates are estimates, cuti bersama unknown. */
  isConfirmedYear(year: number): boolean {
    return this.overrides.some((override) => override.year === year && override.isNationalDecree);
  }

  private daysOf(year: number): Map<string, NonWorkingDay> {
    const cached = this.byYear.get(year);
    if (cached) return cached;
    const days = new Map<string, NonWorkingDay>();
    for (const holiday of indonesianPackageCalendar().getHolidays(year, "id")) {
      // Only the local date counts: the package starts Islamic days at the previous sunset.
      const date = holiday.date.slice(0, 10);
      if (!days.has(date))
        days.set(date, { date, kind: "libur_nasional", name: holiday.name, source: PACKAGE_SOURCE, origin: "package" });
    }
    for (const override of this.overrides.filter((o) => o.year === year)) {
      for (const removed of override.remove ?? []) days.delete(removed.date);
      for (const added of override.add)
        days.set(added.date, { ...added, source: override.source, origin: override.origin ?? "shipped" });
    }
    this.byYear.set(year, days);
    return days;
  }
}

function assertValidOverride(override: HolidayOverride): void {
  const dates = [...(override.remove ?? []).map((r) => r.date), ...override.add.map((a) => a.date)];
  const wrong = dates.find((date) => !isRealDate(date) || !date.startsWith(`${override.year}-`));
  if (wrong !== undefined) {
    throw new RangeError(
      `Holiday override for ${override.year} (${override.source}) has an invalid date or one outside that year: ${wrong}`,
    );
  }
}

import { describe, expect, it } from "vitest";
import { INDONESIA_HOLIDAY_OVERRIDES } from "@server/deadlines/holidays-id-overrides.js";
import { IndonesianHolidays, type HolidayOverride, type NonWorkingDay } from "@server/deadlines/holidaysId.js";
import { WorkingCalendar } from "@server/deadlines/workingTime.js";

const holidays = new IndonesianHolidays();
const datesOf = (year: number, kind: NonWorkingDay["kind"]) =>
  holidays
    .nonWorkingDaysIn(year)
    .filter((day) => day.kind === kind)
    .map((day) => day.date);

// The expected lists are the SKB 3 Menteri as published, typed in independently of the overrides file.
describe("Indonesian holidays: date-holidays corrected by the SKB 3 Menteri", () => {
  it("matches the 17 national holidays of 2025 (SKB 1017/2024)", () => {
    expect(datesOf(2025, "libur_nasional")).toEqual([
      "2025-01-01",
      "2025-01-27",
      "2025-01-29",
      "2025-03-29",
      "2025-03-31",
      "2025-04-01",
      "2025-04-18",
      "2025-04-20",
      "2025-05-01",
      "2025-05-12",
      "2025-05-29",
      "2025-06-01",
      "2025-06-06",
      "2025-06-27",
      "2025-08-17",
      "2025-09-05",
      "2025-12-25",
    ]);
  });

  it("matches the cuti bersama of 2025, with 18 August added by SKB 933/2025", () => {
    expect(datesOf(2025, "cuti_bersama")).toEqual([
      "2025-01-28",
      "2025-03-28",
      "2025-04-02",
      "2025-04-03",
      "2025-04-04",
      "2025-04-07",
      "2025-05-13",
      "2025-05-30",
      "2025-06-09",
      "2025-08-18",
      "2025-12-26",
    ]);
  });

  it("matches the 17 national holidays and 8 cuti bersama of 2026 (SKB 1497/2025)", () => {
    expect(datesOf(2026, "libur_nasional")).toEqual([
      "2026-01-01",
      "2026-01-16",
      "2026-02-17",
      "2026-03-19",
      "2026-03-21",
      "2026-03-22",
      "2026-04-03",
      "2026-04-05",
      "2026-05-01",
      "2026-05-14",
      "2026-05-27",
      "2026-05-31",
      "2026-06-01",
      "2026-06-16",
      "2026-08-17",
      "2026-08-25",
      "2026-12-25",
    ]);
    expect(datesOf(2026, "cuti_bersama")).toEqual([
      "2026-02-16",
      "2026-03-18",
      "2026-03-20",
      "2026-03-23",
      "2026-03-24",
      "2026-05-15",
      "2026-05-28",
      "2026-12-24",
    ]);
  });

  it("names holidays in Indonesian", () => {
    expect(holidays.nonWorkingDayOn("2026-01-16")?.name).toBe("Isra Mikraj Nabi Muhammad SAW");
    expect(holidays.nonWorkingDayOn("2026-08-17")?.name).toMatch(/Kemerdekaan/);
  });

  it("marks 2027 as unconfirmed until its SKB is transcribed, while still knowing fixed holidays", () => {
    expect(holidays.isConfirmedYear(2026)).toBe(true);
    expect(holidays.isConfirmedYear(2027)).toBe(false);
    expect(holidays.nonWorkingDayOn("2027-08-17")?.kind).toBe("libur_nasional");
    expect(datesOf(2027, "cuti_bersama")).toEqual([]);
  });

  it("lets an admin add a decree, such as a regional holiday, on top of the built-in list", () => {
    const regional: HolidayOverride = {
      year: 2026,
      isNationalDecree: false,
      source: "Keputusan Bupati (example)",
      add: [{ date: "2026-08-10", kind: "libur_daerah", name: "Hari Jadi Kabupaten" }],
    };
    const extended = new IndonesianHolidays({ overrides: [...INDONESIA_HOLIDAY_OVERRIDES, regional] });
    const calendar = new WorkingCalendar({ timeZone: "Asia/Pontianak", holidays: extended });
    expect(calendar.isWorkingDay(new Date("2026-08-10T10:00+07:00"))).toBe(false);
    expect(calendar.nonWorkingDayAt(new Date("2026-12-24T10:00+07:00"))?.kind).toBe("cuti_bersama");
    // A regional decree alone does not confirm the national list of a year.
    expect(new IndonesianHolidays({ overrides: [{ ...regional, year: 2027, add: [] }] }).isConfirmedYear(2027)).toBe(
      false,
    );
  });

  it("refuses an override with an impossible date or a date outside its year", () => {
    const override = (date: string): HolidayOverride => ({
      year: 2027,
      isNationalDecree: true,
      source: "typo",
      add: [{ date, kind: "cuti_bersama", name: "x" }],
    });
    expect(() => new IndonesianHolidays({ overrides: [override("2027-02-30")] })).toThrow(RangeError);
    expect(() => new IndonesianHolidays({ overrides: [override("2026-12-24")] })).toThrow(RangeError);
  });
});

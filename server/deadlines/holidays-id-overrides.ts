import type { HolidayOverride } from "./holidaysId.js";

/**
 * Corrections to the `date-holidays` package for Indonesia, one entry per decree.
 *
 * Why: the package knows the fixed national holidays but (checked on date-holidays 3.37.0)
 * - has no cuti bersama (joint leave days), which are non-working days for government offices;
 * - computes Islamic holidays astronomically, while the government fixes them by decree
 *   (SKB 3 Menteri: Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB), often a day later.
 *
 * Each entry transcribes one decree: `remove` drops a date the package has wrong, `add` puts in
 * the decree's date. A year counts as confirmed once an entry with `isNationalDecree` exists.
 * When the SKB for a new year is signed (usually September–October), add an entry here, or let
 * an admin supply one at run time (`new IndonesianHolidays({ overrides: [...] })`).
 * Amendments (e.g. a later SKB adding a day) get their own entry with their own source.
 */
export const INDONESIA_HOLIDAY_OVERRIDES: readonly HolidayOverride[] = [
  {
    year: 2025,
    isNationalDecree: true,
    source:
      "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1017 Tahun 2024, No. 2 Tahun 2024, " +
      "No. 2 Tahun 2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025 (14 Oktober 2024)",
    remove: [
      {
        date: "2025-03-30",
        reason: "Idul Fitri 1446 H is 31 March–1 April in the SKB, one day later than the package",
      },
      { date: "2025-06-26", reason: "1 Muharram 1447 H is 27 June in the SKB, one day later than the package" },
    ],
    add: [
      { date: "2025-04-01", kind: "libur_nasional", name: "Idul Fitri 1446 Hijriah (hari kedua)" },
      { date: "2025-06-27", kind: "libur_nasional", name: "1 Muharam Tahun Baru Islam 1447 Hijriah" },
      { date: "2025-01-28", kind: "cuti_bersama", name: "Cuti bersama Tahun Baru Imlek 2576 Kongzili" },
      { date: "2025-03-28", kind: "cuti_bersama", name: "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)" },
      { date: "2025-04-02", kind: "cuti_bersama", name: "Cuti bersama Idul Fitri 1446 Hijriah" },
      { date: "2025-04-03", kind: "cuti_bersama", name: "Cuti bersama Idul Fitri 1446 Hijriah" },
      { date: "2025-04-04", kind: "cuti_bersama", name: "Cuti bersama Idul Fitri 1446 Hijriah" },
      { date: "2025-04-07", kind: "cuti_bersama", name: "Cuti bersama Idul Fitri 1446 Hijriah" },
      { date: "2025-05-13", kind: "cuti_bersama", name: "Cuti bersama Hari Raya Waisak 2569 BE" },
      { date: "2025-05-30", kind: "cuti_bersama", name: "Cuti bersama Kenaikan Yesus Kristus" },
      { date: "2025-06-09", kind: "cuti_bersama", name: "Cuti bersama Idul Adha 1446 Hijriah" },
      { date: "2025-12-26", kind: "cuti_bersama", name: "Cuti bersama Kelahiran Yesus Kristus" },
    ],
  },
  {
    year: 2025,
    isNationalDecree: true,
    source:
      "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 933 Tahun 2025, No. 1 Tahun 2025, " +
      "No. 3 Tahun 2025 (7 Agustus 2025), amending the 2025 SKB",
    add: [{ date: "2025-08-18", kind: "cuti_bersama", name: "Cuti bersama HUT ke-80 Republik Indonesia" }],
  },
  {
    year: 2026,
    isNationalDecree: true,
    source:
      "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1497 Tahun 2025, No. 2 Tahun 2025, " +
      "No. 5 Tahun 2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026 (19 September 2025)",
    remove: [
      // 20 March stays a non-working day, but as cuti bersama (added below), not as Idul Fitri.
      { date: "2026-03-20", reason: "Idul Fitri 1447 H is 21–22 March in the SKB, one day later than the package" },
    ],
    add: [
      { date: "2026-03-22", kind: "libur_nasional", name: "Idul Fitri 1447 Hijriah (hari kedua)" },
      { date: "2026-02-16", kind: "cuti_bersama", name: "Cuti bersama Tahun Baru Imlek 2577 Kongzili" },
      { date: "2026-03-18", kind: "cuti_bersama", name: "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)" },
      { date: "2026-03-20", kind: "cuti_bersama", name: "Cuti bersama Idul Fitri 1447 Hijriah" },
      { date: "2026-03-23", kind: "cuti_bersama", name: "Cuti bersama Idul Fitri 1447 Hijriah" },
      { date: "2026-03-24", kind: "cuti_bersama", name: "Cuti bersama Idul Fitri 1447 Hijriah" },
      { date: "2026-05-15", kind: "cuti_bersama", name: "Cuti bersama Kenaikan Yesus Kristus" },
      { date: "2026-05-28", kind: "cuti_bersama", name: "Cuti bersama Idul Adha 1447 Hijriah" },
      { date: "2026-12-24", kind: "cuti_bersama", name: "Cuti bersama Kelahiran Yesus Kristus" },
    ],
  },
  // 2027: no SKB transcribed yet. Until one is added, the package's dates apply (Islamic holidays
  // are astronomical estimates) and there are no cuti bersama; `isConfirmedYear(2027)` is false.
];

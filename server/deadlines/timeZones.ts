/**
 * Indonesia's zones and their offsets from UTC in minutes. Fixed offsets are exact: Indonesia has
 * no daylight saving time and these offsets have not changed since 1988.
 */
export const INDONESIAN_TIME_ZONES = {
  "Asia/Jakarta": 7 * 60, // WIB
  "Asia/Pontianak": 7 * 60, // WIB
  "Asia/Makassar": 8 * 60, // WITA
  "Asia/Jayapura": 9 * 60, // WIT
} as const;
export type IndonesianTimeZone = keyof typeof INDONESIAN_TIME_ZONES;

/** The zones a unit chooses from: WIB, WITA, WIT. */
export const UNIT_TIME_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;
export type UnitTimeZone = (typeof UNIT_TIME_ZONES)[number];

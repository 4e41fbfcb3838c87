import { INDONESIAN_TIME_ZONES, UNIT_TIME_ZONES, type UnitTimeZone } from "@server/deadlines/timeZones.js";

export { UNIT_TIME_ZONES, type UnitTimeZone };

/** The zone's name as Indonesians write it after a time ("07.00 WITA"). */
export const ZONE_ABBREVIATIONS: Record<UnitTimeZone, "WIB" | "WITA" | "WIT"> = {
  "Asia/Jakarta": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

export const offsetMinutesOf = (zone: UnitTimeZone): number => INDONESIAN_TIME_ZONES[zone];

export const isUnitTimeZone = (value: unknown): value is UnitTimeZone =>
  typeof value === "string" && (UNIT_TIME_ZONES as readonly string[]).includes(value);

const WITA_PROVINCES = ["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"];
const WIT_PROVINCES = ["81", "82", "91", "92", "93", "94", "95", "96"];

/**
 * The zone of a kabupaten/kota from its province (the first two digits of Kemendagri's code),
 * after Keppres 41/1987 on Indonesia's three time zones: WITA for Bali, NTB, NTT, South, East and
 * North Kalimantan and every Sulawesi province; WIT for Maluku, Maluku Utara and the Papua
 * provinces (including those formed in 2022, codes 93–96); WIB for Sumatra, Java and West and
 * Central Kalimantan. No province is split between zones.
 */
export function zoneOfRegion(regionCode: string): UnitTimeZone {
  const province = regionCode.slice(0, 2);
  if (WITA_PROVINCES.includes(province)) return "Asia/Makassar";
  if (WIT_PROVINCES.includes(province)) return "Asia/Jayapura";
  return "Asia/Jakarta";
}

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { HolidayOverride } from "./holidaysId.js";

/**
 * Corrections to the `date-holidays` package for Indonesia, one entry per decree, shipped as data:
 * one file per year in `server/deadlines/holidays/<year>.json` ({ year, decrees: [...] }).
 *
 * Why: the package knows the fixed national holidays but (checked on date-holidays 3.37.0)
 * - has no cuti bersama (joint leave days), which are non-working days for government offices;
 * - computes Islamic holidays astronomically, while the government fixes them by decree
 *   (SKB 3 Menteri: Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB), often a day later.
 *
 * Each decree transcribes one SKB: `remove` drops a date the package has wrong, `add` puts in the
 * decree's date. A year counts as confirmed once a decree with `isNationalDecree` exists. Admins
 * enter a new year's SKB at run time (Admin → Kalender kerja, server/deadlines/officeDays.ts);
 * a release adds the year's file here. Amendments get their own decree with their own source.
 */
export const HOLIDAY_FILES_DIR = fileURLToPath(new URL("./holidays/", import.meta.url));

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const yearFile = z
  .object({
    year: z.number().int(),
    decrees: z.array(
      z
        .object({
          source: z.string().min(1),
          isNationalDecree: z.boolean(),
          remove: z.array(z.object({ date: isoDate, reason: z.string().min(1) }).strict()).optional(),
          add: z.array(
            z
              .object({ date: isoDate, kind: z.enum(["libur_nasional", "cuti_bersama"]), name: z.string().min(1) })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

/** Every decree of every year file in `dir`, read once at start-up; a malformed file fails loudly. */
export function loadHolidayFiles(dir: string = HOLIDAY_FILES_DIR): HolidayOverride[] {
  const files = readdirSync(dir)
    .filter((name) => /^\d{4}\.json$/.test(name))
    .sort();
  return files.flatMap((name) => {
    const parsed = yearFile.safeParse(JSON.parse(readFileSync(`${dir}/${name}`, "utf8")));
    if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    if (`${parsed.data.year}.json` !== name) throw new Error(`${name} holds the year ${parsed.data.year}`);
    return parsed.data.decrees.map((decree) => ({ year: parsed.data.year, ...decree }));
  });
}

export const INDONESIA_HOLIDAY_OVERRIDES: readonly HolidayOverride[] = loadHolidayFiles();

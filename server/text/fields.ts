import { z } from "zod";
import { MONTH_PATTERN } from "@server/reports/period.js";

// Field types shared by the route schemas and stored content shapes, so that each kind of value
// is checked one way.

/**
 * The dates Siar accepts from anyone: wide enough for any record an office keeps, narrow enough
 * that every date computation (periods, rollups, the previous period) stays in range.
 */
export const EARLIEST_DATE = "2000-01-01";
export const LATEST_DATE = "2099-12-31";
const EARLIEST_MS = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
const LATEST_MS = Date.parse(`${LATEST_DATE}T23:59:59.999Z`);
const RANGE_MESSAGE = `tanggal harus antara ${EARLIEST_DATE} dan ${LATEST_DATE} / the date must be between ${EARLIEST_DATE} and ${LATEST_DATE}`;
const inRange = (ms: number) => ms >= EARLIEST_MS && ms <= LATEST_MS;

/** A moment with its offset ("2026-11-01T09:00:00+07:00"), as a Date. */
export const moment = z.iso
  .datetime({ offset: true })
  .refine((value) => inRange(Date.parse(value)), RANGE_MESSAGE)
  .transform((value) => new Date(value));

/** A calendar day ("2026-11-01"), kept as text: its midnight depends on the zone it is read in. */
export const calendarDay = z.iso.date().refine((value) => inRange(Date.parse(`${value}T00:00:00Z`)), RANGE_MESSAGE);

/** A month ("2026-11"). */
export const calendarMonth = z
  .string()
  .regex(MONTH_PATTERN, "bulan harus berbentuk YYYY-MM / month must be YYYY-MM")
  .refine((value) => inRange(Date.parse(`${value}-01T00:00:00Z`)), RANGE_MESSAGE);

/** A count stored in a PostgreSQL integer column. */
export const storedCount = z.number().int().min(0).max(2_147_483_647);

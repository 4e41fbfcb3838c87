import { z } from "zod";
import { InboxSource } from "@server/db/generated/enums.js";
import { DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS, VOLUME_BUCKETS, VOLUME_GROUPS } from "@server/metrics/definitions.js";
import type { ReportingCalendar } from "@server/reports/period.js";
import { csvQueryFields } from "@server/exports/csv.js";
import { CATEGORIES } from "@server/triage/taxonomy.js";
import { calendarDay, moment } from "@server/text/fields.js";

const DAY_MS = 24 * 60 * 60_000;

/**
 * A moment, or a date read in the reporting zone: `from=2026-08-01` starts at its midnight,
 * `to=2026-08-31` includes that whole day (the period ends at the next midnight, exclusive).
 */
export const periodEdge = (calendar: ReportingCalendar, edge: "start" | "end") =>
  z.union([moment, calendarDay]).transform((value) => {
    if (value instanceof Date) return value;
    const midnight = calendar.midnightOf(value).getTime();
    return new Date(edge === "start" ? midnight : midnight + DAY_MS);
  });

const filtersIn = (calendar: ReportingCalendar) =>
  z.object({
    from: periodEdge(calendar, "start").optional(),
    to: periodEdge(calendar, "end").optional(),
    /** This unit and every unit below it (owner of the item or post). */
    unitId: z.uuid().optional(),
    /** Items placed in this area (kecamatan or desa) or any place below it. */
    placeUnitId: z.uuid().optional(),
    source: z.enum(InboxSource).optional(),
    channelId: z.uuid().optional(),
    category: z.enum(CATEGORIES).optional(),
    format: z.enum(["json", "csv"]).default("json"),
    ...csvQueryFields,
  });

type Filters = z.output<ReturnType<typeof filtersIn>>;

/** Fills the default period (the last 30 days up to now) and checks its length. */
function withPeriod<T extends Omit<Filters, "format" | "lang" | "machine">>(query: T, ctx: z.RefinementCtx) {
  const to = query.to ?? new Date();
  const from = query.from ?? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (from >= to)
    ctx.addIssue({ code: "custom", path: ["from"], message: "from harus sebelum to / from must be before to" });
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["from"],
      message: `periode paling lama ${MAX_PERIOD_DAYS} hari / the period may be at most ${MAX_PERIOD_DAYS} days`,
    });
  }
  return { ...query, from, to };
}

function queriesIn(calendar: ReportingCalendar) {
  const filters = filtersIn(calendar);
  return {
    // Strict: a misspelt filter is refused rather than silently ignored (the figures would look filtered).
    dashboard: filters.strict().transform(withPeriod),
    volume: filters
      .extend({ groupBy: z.enum(VOLUME_GROUPS).default("source"), bucket: z.enum(VOLUME_BUCKETS).default("day") })
      .strict()
      .transform(withPeriod),
    /** The whole dashboard as one PDF: the same filters, no format to choose. */
    pdf: filters.omit({ format: true, lang: true, machine: true }).strict().transform(withPeriod),
  };
}

const queriesByOffset = new Map<number, ReturnType<typeof queriesIn>>();

/** The dashboard's query schemas, with dates read in the reporting zone of `calendar`. */
export function dashboardQueries(calendar: ReportingCalendar): ReturnType<typeof queriesIn> {
  let queries = queriesByOffset.get(calendar.offsetMinutes);
  if (!queries) queriesByOffset.set(calendar.offsetMinutes, (queries = queriesIn(calendar)));
  return queries;
}

export const glossaryQuery = z.object({ format: z.enum(["json", "csv"]).default("json"), ...csvQueryFields }).strict();

export type DashboardQuery = z.output<ReturnType<typeof queriesIn>["dashboard"]>;

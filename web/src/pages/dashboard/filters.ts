import { useState, type ChangeEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { withQuery, type Query } from "@web/api/client";

export const PERIOD_PRESETS = ["7d", "30d", "this_month", "last_month", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Every filter the dashboard keeps in the URL, so a view can be shared as a link. */
export const EMPTY_FILTERS = {
  period: "30d",
  from: "",
  to: "",
  unitId: "",
  placeUnitId: "",
  source: "",
  channelId: "",
  category: "",
};
export type DashboardFilters = typeof EMPTY_FILTERS;
const FILTER_NAMES = Object.keys(EMPTY_FILTERS) as (keyof DashboardFilters)[];

// Days are counted in WIB, as the server reads plain dates.
const WIB_OFFSET_MS = 7 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The first and last day (inclusive, WIB) of a preset period, as of `now`. */
export function presetDates(preset: PeriodPreset, now = Date.now()): { from: string; to: string } | null {
  const today = new Date(now + WIB_OFFSET_MS);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const daysBack = (days: number) => ({ from: isoDate(today.getTime() - days * DAY_MS), to: isoDate(today.getTime()) });
  switch (preset) {
    case "7d":
      return daysBack(6);
    case "30d":
      return daysBack(29);
    case "this_month":
      return { from: isoDate(Date.UTC(year, month, 1)), to: isoDate(today.getTime()) };
    case "last_month":
      return { from: isoDate(Date.UTC(year, month - 1, 1)), to: isoDate(Date.UTC(year, month, 0)) };
    case "custom":
      return null;
  }
}

const isPreset = (value: string): value is PeriodPreset => (PERIOD_PRESETS as readonly string[]).includes(value);

/** The API's filters for the applied view: the preset's dates, or the custom ones. */
export function reportQuery(filters: DashboardFilters): Query {
  const { period, from, to, ...rest } = filters;
  const dates = (isPreset(period) && presetDates(period)) || { from, to };
  return { ...dates, ...rest };
}

/** Where a report downloads as CSV with the same filters. */
export function csvHref(report: string, query: Query): string {
  return withQuery(`/api/dashboard/${report}`, { ...query, format: "csv" });
}

/** Where the whole dashboard downloads as a PDF report with the same filters. */
export function pdfHref(query: Query): string {
  return withQuery("/api/reports/dashboard.pdf", query);
}

/** Filters applied from the URL; edited in a draft and written back to the URL on "apply". */
export function useDashboardFilters() {
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, params.get(name) ?? EMPTY_FILTERS[name]]),
  ) as DashboardFilters;
  const [draft, setDraft] = useState<DashboardFilters>(applied);

  const write = (filters: DashboardFilters) => {
    const next = new URLSearchParams(params);
    for (const name of FILTER_NAMES) {
      // Custom dates only mean something with the custom period.
      const value = (name === "from" || name === "to") && filters.period !== "custom" ? "" : filters[name];
      if (value && value !== EMPTY_FILTERS[name]) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  };

  return {
    applied,
    draft,
    field: (name: keyof DashboardFilters) => ({
      value: draft[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
        setDraft((current) => ({ ...current, [name]: event.target.value })),
    }),
    apply: () => write(draft),
    reset: () => {
      setDraft(EMPTY_FILTERS);
      write(EMPTY_FILTERS);
    },
  };
}

/** One choice of a chart (e.g. the volume's grouping) kept in the URL beside the filters. */
export function useUrlChoice<C extends string>(
  name: string,
  choices: readonly C[],
  fallback: C,
): [C, (value: C) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name);
  const current = choices.find((choice) => choice === value) ?? fallback;
  const set = (next: C) =>
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      if (next === fallback) updated.delete(name);
      else updated.set(name, next);
      return updated;
    });
  return [current, set];
}

import type { MessageKey, MessageVars } from "@web/i18n";

type T = (key: MessageKey, vars?: MessageVars) => string;

/**
 * Minutes as people read a duration: "2 j 15 m", "3 h 4 j" (days once past a day); "–" for no
 * data; "≈" before a percentile estimated from the sample (see the glossary).
 */
export function formatMinutes(t: T, minutes: number | null, estimated = false): string {
  if (minutes === null) return "–";
  if (estimated) return `≈ ${formatMinutes(t, minutes)}`;
  const whole = Math.round(minutes);
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const rest = whole % 60;
  if (days > 0) return t("dashboard.duration.daysHours", { days, hours });
  if (hours > 0) return t("dashboard.duration.hoursMinutes", { hours, minutes: rest });
  return t("dashboard.duration.minutes", { minutes: rest });
}

/** A 0–1 share as a whole percentage; "–" when nothing was measured. */
export function formatRate(rate: number | null): string {
  return rate === null ? "–" : `${Math.round(rate * 100)}%`;
}

export function formatCount(count: number | null): string {
  return count === null ? "–" : String(count);
}

/** The period's first and last day in WIB (its end is exclusive: the last day is the one before). */
export function formatPeriod(intlLocale: string, period: { from: string; to: string }): { from: string; to: string } {
  const day = new Intl.DateTimeFormat(intlLocale, { dateStyle: "medium", timeZone: "Asia/Jakarta" });
  return { from: day.format(new Date(period.from)), to: day.format(new Date(Date.parse(period.to) - 1)) };
}

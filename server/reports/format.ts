import { AGE_BUCKETS, REPORTING_TIME_ZONE, type AgeBucket } from "@server/metrics/definitions.js";

// How figures read in Bahasa Indonesia in the PDF, the e-mail and the public page: one place,
// so "–" always means "no data" and a rate always has one decimal.

const NO_DATA = "–";
const integer = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return integer.format(value);
}

/** A count a platform may not report (views): null as "–", not 0. */
export function formatReportedCount(value: number | null): string {
  return value === null ? NO_DATA : formatCount(value);
}

/** A share 0–1 as "87,5%"; null (nothing judged) as "–", not 0%. */
export function formatRate(value: number | null): string {
  return value === null ? NO_DATA : `${oneDecimal.format(value * 100)}%`;
}

/** Minutes as "45 menit", "3,5 jam" or "2,1 hari" (24-hour days); "≈" before a percentile estimated from the sample. */
export function formatMinutes(minutes: number | null, estimated = false): string {
  if (minutes === null) return NO_DATA;
  if (estimated) return `≈ ${formatMinutes(minutes)}`;
  if (minutes < 60) return `${integer.format(minutes)} menit`;
  if (minutes < 48 * 60) return `${oneDecimal.format(minutes / 60)} jam`;
  return `${oneDecimal.format(minutes / (24 * 60))} hari`;
}

const AGE_LABELS: Record<AgeBucket, string> = {
  under_1d: "< 1 hari",
  "1_3d": "1–3 hari",
  "3_7d": "3–7 hari",
  "7_14d": "7–14 hari",
  over_14d: "14 hari atau lebih",
};

/** The backlog's age buckets in order, with their Indonesian labels. */
export const AGE_BUCKET_LABELS = AGE_BUCKETS.map((bucket) => ({ key: bucket.key, label: AGE_LABELS[bucket.key] }));

const dateTime = new Intl.DateTimeFormat("id-ID", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: REPORTING_TIME_ZONE,
});

/** "21 November 2026 pukul 18.05 WIB". */
export function formatGeneratedAt(t: Date): string {
  return `${dateTime.format(t)} WIB`;
}

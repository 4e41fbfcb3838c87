// The dashboard API's answers, typed by the server's report builders (server/metrics/reports.ts).
import type {
  areasReport,
  backlogReport,
  glossaryReport,
  publishingReport,
  summaryReport,
  unitsReport,
  volumeReport,
} from "@server/metrics/reports";
import { AGE_BUCKETS as AGE_BUCKET_BOUNDS, type AgeBucket } from "@server/metrics/dimensions";

export type { PublishingFigures } from "@server/metrics/activity";
export {
  VOLUME_BUCKETS,
  VOLUME_GROUPS,
  type VolumeBucket,
  type VolumeGroup,
} from "@server/metrics/dimensions";
export type { AgeBucket };

export const AGE_BUCKETS: readonly AgeBucket[] = AGE_BUCKET_BOUNDS.map((bucket) => bucket.key);

/** What the endpoint answers for a report builder. */
type BodyOf<Builder extends (...args: never[]) => unknown> =
  Awaited<ReturnType<Builder>> extends { body: infer B } ? B : never;

export type Summary = BodyOf<typeof summaryReport>;
export type UnitsReport = BodyOf<typeof unitsReport>;
export type UnitFigures = UnitsReport["data"][number];
export type BacklogReport = BodyOf<typeof backlogReport>;
export type Volume = BodyOf<typeof volumeReport>;
export type AreasReport = BodyOf<typeof areasReport>;
export type PublishingReport = BodyOf<typeof publishingReport>;
export type GlossaryReport = BodyOf<typeof glossaryReport>;

// The dashboard API's answers, typed by the API's document (from server/metrics/reports.ts's builders).
import type { Schemas } from "@web/api/types";
import { AGE_BUCKETS as AGE_BUCKET_BOUNDS, type AgeBucket } from "@server/metrics/dimensions";

export {
  VOLUME_BUCKETS,
  VOLUME_GROUPS,
  type VolumeBucket,
  type VolumeGroup,
} from "@server/metrics/dimensions";
export type { AgeBucket };

export const AGE_BUCKETS: readonly AgeBucket[] = AGE_BUCKET_BOUNDS.map((bucket) => bucket.key);

export type Summary = Schemas["DashboardSummary"];
export type UnitsReport = Schemas["DashboardUnits"];
export type UnitFigures = UnitsReport["data"][number];
export type BacklogReport = Schemas["DashboardBacklog"];
export type Volume = Schemas["DashboardVolume"];
export type AreasReport = Schemas["DashboardAreas"];
export type PublishingReport = Schemas["DashboardPublishing"];
/** Posts published, on time, failed and their engagement: a unit's, a channel's or the total's. */
export type PublishingFigures = PublishingReport["total"]["current"];
export type GlossaryReport = Schemas["DashboardGlossary"];

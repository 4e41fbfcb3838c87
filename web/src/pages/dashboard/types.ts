// The dashboard API's answers (server/metrics/reports.ts), as the page reads them.
import type { EngagementFigures, PublishingFigures } from "../../../../server/metrics/activity";
import type { ComplianceFigure, DurationFigure, Percentiles } from "../../../../server/metrics/inbox";
import {
  AGE_BUCKETS as AGE_BUCKET_BOUNDS,
  type AgeBucket,
  type VolumeBucket,
  type VolumeGroup,
} from "../../../../server/metrics/dimensions";

export {
  VOLUME_BUCKETS,
  VOLUME_GROUPS,
  type VolumeBucket,
  type VolumeGroup,
} from "../../../../server/metrics/dimensions";
export type { AgeBucket, ComplianceFigure, DurationFigure, EngagementFigures, Percentiles, PublishingFigures };

export type Trend<T> = { current: T; previous: T };
export const AGE_BUCKETS: readonly AgeBucket[] = AGE_BUCKET_BOUNDS.map((bucket) => bucket.key);
export type BacklogCounts = Record<AgeBucket, number> & { total: number };
type Period = { from: string; to: string };

export type OverdueItem = {
  id: string;
  status: string;
  category: string | null;
  urgency: string | null;
  unitId: string | null;
  unitName: string | null;
  receivedAt: string;
  ageMinutes: number;
  missed: "firstResponse" | "resolution";
  dueAt: string;
  overdueMinutes: number;
};

export type Summary = {
  period: Period;
  previousPeriod: Period;
  asOf: string;
  figures: {
    volume: Trend<number>;
    firstResponse: Trend<DurationFigure>;
    resolution: Trend<DurationFigure>;
    compliance: Trend<{ firstResponse: ComplianceFigure; resolution: ComplianceFigure }>;
    reopen: Trend<{ reopened: number; resolved: number; rate: number | null }>;
    earlyWarnings: Trend<{ raised: number; acknowledged: number; minutesToAcknowledge: Percentiles }>;
    publishing: Trend<PublishingFigures>;
    backlog: { current: BacklogCounts; previous: null };
    overdue: { current: { count: number }; previous: null };
  };
  overdueItems: OverdueItem[];
};

export type Volume = {
  groupBy: VolumeGroup;
  bucket: VolumeBucket;
  data: { bucket: string; key: string | null; label: string | null; count: number }[];
  totals: { key: string | null; label: string | null; count: number; previous: number }[];
};

type UnitRow = { unitId: string | null; unitName: string | null; unitType: string | null; own: boolean };

export type UnitFigures = UnitRow & {
  volume: number;
  firstResponse: DurationFigure;
  resolution: DurationFigure;
  compliance: { firstResponse: ComplianceFigure; resolution: ComplianceFigure };
  reopen: { reopened: number; resolved: number; rate: number | null };
  previous: { volume: number };
};
export type UnitsReport = { anchorUnitId: string; data: UnitFigures[] };

export type BacklogReport = { asOf: string; total: BacklogCounts; byUnit: (UnitRow & BacklogCounts)[] };

export type Place = { unitId: string; unitName: string | null; count: number };
export type Area = Place & { rank: number; previous: number; places: Place[] };
export type AreasReport = { data: Area[]; unplaced: number };

export type PublishingReport = {
  total: Trend<PublishingFigures>;
  byChannel: (PublishingFigures & { channelId: string; channelName: string; kind: string })[];
  byUnit: (UnitRow & PublishingFigures)[];
};

export type GlossaryReport = { figures: Record<string, Record<"id" | "en", { name: string; definition: string }>> };

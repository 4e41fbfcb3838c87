// The dashboard API's answers (server/metrics/reports.ts), as the page reads them.

export type Trend<T> = { current: T; previous: T };
export type Percentiles = { median: number | null; p90: number | null };
/** `estimated`: percentiles from the fixed sample (more answered items than the glossary's limit). */
export type DurationFigure = {
  count: number;
  calendarMinutes: Percentiles;
  workingMinutes: Percentiles;
  estimated: boolean;
};
export type ComplianceFigure = { judged: number; onTime: number; rate: number | null };
export type AgeBucket = "under_1d" | "1_3d" | "3_7d" | "7_14d" | "over_14d";
export const AGE_BUCKETS: readonly AgeBucket[] = ["under_1d", "1_3d", "3_7d", "7_14d", "over_14d"];
export type BacklogCounts = Record<AgeBucket, number> & { total: number };
/** Views are null where no platform reported any. */
export type EngagementFigures = { reactions: number; comments: number; shares: number; views: number | null };
export type PublishingFigures = {
  posts: number;
  published: number;
  judged: number;
  onTime: number;
  onTimeRate: number | null;
  failed: number;
  engagement: EngagementFigures;
};
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

export const VOLUME_GROUPS = ["source", "channel", "kind", "category", "urgency"] as const;
export type VolumeGroup = (typeof VOLUME_GROUPS)[number];
export const VOLUME_BUCKETS = ["day", "week", "month"] as const;
export type VolumeBucket = (typeof VOLUME_BUCKETS)[number];

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

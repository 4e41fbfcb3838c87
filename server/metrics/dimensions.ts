// The ways the dashboard cuts its figures, shared with the web app (so: no imports here).

/** Backlog age buckets, by whole days since receipt: [fromDays, toDays), the last one open-ended. */
export const AGE_BUCKETS = [
  { key: "under_1d", fromDays: 0, toDays: 1 },
  { key: "1_3d", fromDays: 1, toDays: 3 },
  { key: "3_7d", fromDays: 3, toDays: 7 },
  { key: "7_14d", fromDays: 7, toDays: 14 },
  { key: "over_14d", fromDays: 14, toDays: Number.POSITIVE_INFINITY },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

export const VOLUME_GROUPS = ["source", "channel", "kind", "category", "urgency"] as const;
export type VolumeGroup = (typeof VOLUME_GROUPS)[number];
export const VOLUME_BUCKETS = ["day", "week", "month"] as const;
export type VolumeBucket = (typeof VOLUME_BUCKETS)[number];

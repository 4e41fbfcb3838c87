import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Query } from "@web/api/client";
import { SelectField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { useI18n, type MessageKey } from "@web/i18n";
import { CATEGORY_LABELS, KIND_LABELS, SOURCE_LABELS, URGENCY_LABELS } from "@web/pages/inbox/labels";
import { DashboardSection, FigureTable } from "./DashboardSection";
import { csvHref, useUrlChoice } from "@web/pages/dashboard/filters";
import {
  VOLUME_BUCKETS,
  VOLUME_GROUPS,
  type Volume,
  type VolumeBucket,
  type VolumeGroup,
} from "@web/pages/dashboard/types";
import { useReport } from "@web/pages/dashboard/hooks/useReport";

/** Distinct colours for stacked series, each readable against white. */
export const SERIES_COLOURS = [
  "#0b57a4",
  "#c2410c",
  "#1d6b35",
  "#7e22ce",
  "#a4161a",
  "#0e7490",
  "#8a4b00",
  "#4a5563",
  "#be185d",
  "#3f6212",
  "#1e3a8a",
];

const GROUP_LABELS: Record<VolumeGroup, MessageKey> = {
  source: "dashboard.volume.group.source",
  channel: "dashboard.volume.group.channel",
  kind: "dashboard.volume.group.kind",
  category: "dashboard.volume.group.category",
  urgency: "dashboard.volume.group.urgency",
};
const BUCKET_LABELS: Record<VolumeBucket, MessageKey> = {
  day: "dashboard.volume.bucket.day",
  week: "dashboard.volume.bucket.week",
  month: "dashboard.volume.bucket.month",
};
// Codes the UI already names; channels arrive named by the server.
const KEY_LABELS: Partial<Record<VolumeGroup, Record<string, MessageKey>>> = {
  source: SOURCE_LABELS,
  kind: KIND_LABELS,
  category: CATEGORY_LABELS,
  urgency: URGENCY_LABELS,
};

/** Items received over time, stacked by the chosen dimension. */
export function VolumeSection({ query }: { query: Query }) {
  const { t } = useI18n();
  const [groupBy, setGroupBy] = useUrlChoice("groupBy", VOLUME_GROUPS, "source");
  const [bucket, setBucket] = useUrlChoice("bucket", VOLUME_BUCKETS, "day");
  const volumeQuery = { ...query, groupBy, bucket };
  const loaded = useReport<Volume>("volume", volumeQuery);

  const nameOf = (key: string | null, label: string | null) => {
    if (key === null) return t("dashboard.unknown");
    const messageKey = KEY_LABELS[groupBy]?.[key];
    return messageKey ? t(messageKey) : (label ?? key);
  };
  // One row per bucket, one column per group, for the stacked bars and the table.
  const pivot = (volume: Volume) => {
    const series = volume.totals.map((total, index) => ({
      id: `s${index}`,
      key: total.key,
      name: nameOf(total.key, total.label),
    }));
    const idOf = new Map(series.map((serie) => [serie.key, serie.id]));
    const rows = new Map<string, Record<string, string | number>>();
    for (const point of volume.data) {
      const row = rows.get(point.bucket) ?? { bucket: point.bucket };
      row[idOf.get(point.key)!] = point.count;
      rows.set(point.bucket, row);
    }
    return { series, rows: [...rows.values()].sort((a, b) => String(a.bucket).localeCompare(String(b.bucket))) };
  };

  return (
    <DashboardSection
      title={t("dashboard.volume.title")}
      loaded={loaded}
      csvHref={csvHref("volume", volumeQuery)}
      controls={
        <div className="dashboard-controls">
          <SelectField
            label={t("dashboard.volume.groupBy")}
            value={groupBy}
            onChange={(event) => setGroupBy(event.target.value as VolumeGroup)}
          >
            <LabelledOptions values={VOLUME_GROUPS} labels={GROUP_LABELS} />
          </SelectField>
          <SelectField
            label={t("dashboard.volume.bucket")}
            value={bucket}
            onChange={(event) => setBucket(event.target.value as VolumeBucket)}
          >
            <LabelledOptions values={VOLUME_BUCKETS} labels={BUCKET_LABELS} />
          </SelectField>
        </div>
      }
      summary={(volume) => {
        const total = volume.totals.reduce((sum, row) => sum + row.count, 0);
        const previous = volume.totals.reduce((sum, row) => sum + row.previous, 0);
        const top = volume.totals[0];
        return t("dashboard.volume.summary", {
          total,
          previous,
          top: top ? nameOf(top.key, top.label) : "–",
          count: top?.count ?? 0,
        });
      }}
      chart={(volume) => {
        const { series, rows } = pivot(volume);
        return (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {series.map((serie, index) => (
                <Bar
                  key={serie.id}
                  dataKey={serie.id}
                  name={serie.name}
                  stackId="volume"
                  fill={SERIES_COLOURS[index % SERIES_COLOURS.length]}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        );
      }}
      table={(volume) => {
        const { series, rows } = pivot(volume);
        return (
          <FigureTable
            caption={t("dashboard.volume.title")}
            columns={[t("dashboard.volume.date"), ...series.map((serie) => serie.name)]}
            rows={rows.map((row) => [String(row.bucket), ...series.map((serie) => row[serie.id] ?? 0)])}
          />
        );
      }}
    />
  );
}

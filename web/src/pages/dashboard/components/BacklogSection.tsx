import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Query } from "@web/api/client";
import { useI18n, type MessageKey } from "@web/i18n";
import { DashboardSection, FigureTable } from "./DashboardSection";
import { csvHref } from "@web/pages/dashboard/filters";
import { AGE_BUCKETS, type AgeBucket, type BacklogReport } from "@web/pages/dashboard/types";
import { useReport } from "@web/pages/dashboard/hooks/useReport";
import { useUnitName } from "./UnitsSection";

const AGE_LABELS: Record<AgeBucket, MessageKey> = {
  under_1d: "dashboard.ageBucket.under_1d",
  "1_3d": "dashboard.ageBucket.1_3d",
  "3_7d": "dashboard.ageBucket.3_7d",
  "7_14d": "dashboard.ageBucket.7_14d",
  over_14d: "dashboard.ageBucket.over_14d",
};

/** Open items now, by age since receipt; per unit in the numbers. */
export function BacklogSection({ query }: { query: Query }) {
  const { t } = useI18n();
  const unitName = useUnitName();
  const loaded = useReport<BacklogReport>("backlog", query);
  const title = t("dashboard.backlog.title");
  return (
    <DashboardSection
      title={title}
      loaded={loaded}
      csvHref={csvHref("backlog", query)}
      summary={(backlog) => t("dashboard.backlog.summary", { total: backlog.total.total, old: backlog.total.over_14d })}
      chart={(backlog) => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={AGE_BUCKETS.map((bucket) => ({ name: t(AGE_LABELS[bucket]), count: backlog.total[bucket] }))}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={t("dashboard.total")} fill="#0b57a4" />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={(backlog) => (
        <FigureTable
          caption={title}
          columns={[
            t("dashboard.backlog.unit"),
            ...AGE_BUCKETS.map((bucket) => t(AGE_LABELS[bucket])),
            t("dashboard.total"),
          ]}
          rows={[
            ...backlog.byUnit.map((row) => [unitName(row), ...AGE_BUCKETS.map((bucket) => row[bucket]), row.total]),
            [t("dashboard.total"), ...AGE_BUCKETS.map((bucket) => backlog.total[bucket]), backlog.total.total],
          ]}
        />
      )}
    />
  );
}

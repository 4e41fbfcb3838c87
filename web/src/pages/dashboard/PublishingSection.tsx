import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Query } from "../../api/client";
import { useI18n } from "../../i18n";
import { DashboardSection, FigureTable } from "./DashboardSection";
import { csvHref } from "./filters";
import { formatRate } from "./format";
import type { PublishingFigures, PublishingReport } from "./types";
import { useReport } from "./useReport";
import { useUnitName } from "./UnitsSection";
import { SERIES_COLOURS } from "./VolumeSection";

/** Posts published per channel with their on-time rate and failures; per unit in the numbers. */
export function PublishingSection({ query }: { query: Query }) {
  const { t } = useI18n();
  const unitName = useUnitName();
  const loaded = useReport<PublishingReport>("publishing", query);
  const title = t("dashboard.publishing.title");
  const figures = (row: PublishingFigures) => [row.published, formatRate(row.onTimeRate), row.failed];
  const columns = [t("dashboard.publishing.published"), t("dashboard.publishing.onTime"), t("dashboard.publishing.failed")];
  return (
    <DashboardSection
      title={title}
      loaded={loaded}
      csvHref={csvHref("publishing", query)}
      summary={({ total }) => t("dashboard.publishing.summary", { published: total.current.published, rate: formatRate(total.current.onTimeRate), failed: total.current.failed })}
      chart={(publishing) => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={publishing.byChannel}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="channelName" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="published" name={t("dashboard.publishing.published")} fill={SERIES_COLOURS[0]} />
            <Bar dataKey="failed" name={t("dashboard.publishing.failed")} fill={SERIES_COLOURS[4]} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={(publishing) => (
        <>
          <FigureTable caption={title} columns={[t("dashboard.publishing.channel"), ...columns]} rows={publishing.byChannel.map((row) => [row.channelName, ...figures(row)])} />
          <h3>{t("dashboard.publishing.byUnit")}</h3>
          <FigureTable caption={t("dashboard.publishing.byUnit")} columns={[t("dashboard.units.unit"), ...columns]} rows={publishing.byUnit.map((row) => [unitName(row), ...figures(row)])} />
        </>
      )}
    />
  );
}

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Text,
  Tooltip,
  XAxis,
  YAxis,
  type YAxisTickContentProps,
} from "recharts";
import type { Query } from "@web/api/client";
import { useI18n } from "@web/i18n";
import { DashboardSection, FigureTable } from "./DashboardSection";
import { csvHref } from "@web/pages/dashboard/filters";
import { formatCount, formatRate } from "@web/pages/dashboard/format";
import type { PublishingFigures, PublishingReport } from "@web/pages/dashboard/types";
import { useReport } from "@web/pages/dashboard/hooks/useReport";
import { useUnitName } from "./UnitsSection";
import { SERIES_COLOURS } from "./VolumeSection";

/** Room for a channel's name beside its bars; longer names wrap onto more lines. */
const CHANNEL_LABEL_WIDTH = 150;

/** Posts published per channel with their on-time rate, failures and engagement; per unit in the numbers. */
export function PublishingSection({ query }: { query: Query }) {
  const { t } = useI18n();
  const unitName = useUnitName();
  const loaded = useReport<PublishingReport>("publishing", query);
  const title = t("dashboard.publishing.title");
  const figures = ({ published, onTimeRate, failed, engagement }: PublishingFigures) => [
    published,
    formatRate(onTimeRate),
    failed,
    engagement.reactions,
    engagement.comments,
    engagement.shares,
    formatCount(engagement.views),
  ];
  const columns = (["published", "onTime", "failed", "reactions", "comments", "shares", "views"] as const).map((name) =>
    t(`dashboard.publishing.${name}`),
  );
  return (
    <DashboardSection
      title={title}
      loaded={loaded}
      csvHref={csvHref("publishing", query)}
      summary={({ total: { current } }) => {
        const { reactions, comments, shares, views } = current.engagement;
        return `${t("dashboard.publishing.summary", { published: current.published, rate: formatRate(current.onTimeRate), failed: current.failed })} ${t("dashboard.publishing.engagementSummary", { reactions, comments, shares, views: formatCount(views) })}`;
      }}
      chart={(publishing) => (
        // Bars lie along the channels' names, each name shown (interval 0) and wrapped, never dropped.
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={publishing.byChannel} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis
              type="category"
              dataKey="channelName"
              interval={0}
              width={CHANNEL_LABEL_WIDTH}
              tick={(props: YAxisTickContentProps) => (
                <Text
                  x={Number(props.x)}
                  y={Number(props.y)}
                  width={CHANNEL_LABEL_WIDTH - 8}
                  textAnchor="end"
                  verticalAnchor="middle"
                  fontSize={12}
                  className="dashboard-chart__label"
                >
                  {String(props.payload.value)}
                </Text>
              )}
            />
            <Tooltip />
            <Legend />
            <Bar dataKey="published" name={t("dashboard.publishing.published")} fill={SERIES_COLOURS[0]} />
            <Bar dataKey="failed" name={t("dashboard.publishing.failed")} fill={SERIES_COLOURS[4]} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={(publishing) => (
        <>
          <FigureTable
            caption={title}
            columns={[t("dashboard.publishing.channel"), ...columns]}
            rows={publishing.byChannel.map((row) => [row.channelName, ...figures(row)])}
          />
          <h3>{t("dashboard.publishing.byUnit")}</h3>
          <FigureTable
            caption={t("dashboard.publishing.byUnit")}
            columns={[t("dashboard.units.unit"), ...columns]}
            rows={publishing.byUnit.map((row) => [unitName(row), ...figures(row)])}
          />
        </>
      )}
    />
  );
}

import { useI18n, type MessageKey } from "@web/i18n";
import { formatCount, formatMinutes, formatRate } from "@web/pages/dashboard/format";
import type { Summary } from "@web/pages/dashboard/types";

/** Which way is better for a figure; volume is neither. */
type Better = "lower" | "higher" | "neither";

type Card = {
  id: string;
  label: MessageKey;
  current: number | null;
  /** Absent for snapshots of now (backlog, overdue), which have no previous period. */
  previous?: number | null;
  format(value: number | null, side: "current" | "previous"): string;
  better: Better;
  detail?: string;
};

/** The headline figures, each with its trend against the previous period of equal length. */
export function HeadlineCards({ summary }: { summary: Summary }) {
  const { t } = useI18n();
  const { figures } = summary;
  const minutes = (value: number | null) => formatMinutes(t, value);
  const fr = figures.firstResponse;
  const responseMinutes = (value: number | null, side: "current" | "previous") =>
    formatMinutes(t, value, fr[side].estimated);
  const working = (value: number | null) => t("dashboard.card.working", { value: responseMinutes(value, "current") });
  const cards: Card[] = [
    {
      id: "fr-median",
      label: "dashboard.card.firstResponseMedian",
      current: fr.current.calendarMinutes.median,
      previous: fr.previous.calendarMinutes.median,
      format: responseMinutes,
      better: "lower",
      detail: working(fr.current.workingMinutes.median),
    },
    {
      id: "fr-p90",
      label: "dashboard.card.firstResponseP90",
      current: fr.current.calendarMinutes.p90,
      previous: fr.previous.calendarMinutes.p90,
      format: responseMinutes,
      better: "lower",
      detail: working(fr.current.workingMinutes.p90),
    },
    {
      id: "fr-compliance",
      label: "dashboard.card.firstResponseCompliance",
      current: figures.compliance.current.firstResponse.rate,
      previous: figures.compliance.previous.firstResponse.rate,
      format: formatRate,
      better: "higher",
    },
    {
      id: "resolution-compliance",
      label: "dashboard.card.resolutionCompliance",
      current: figures.compliance.current.resolution.rate,
      previous: figures.compliance.previous.resolution.rate,
      format: formatRate,
      better: "higher",
    },
    {
      id: "volume",
      label: "dashboard.card.volume",
      current: figures.volume.current,
      previous: figures.volume.previous,
      format: formatCount,
      better: "neither",
    },
    {
      id: "backlog",
      label: "dashboard.card.backlog",
      current: figures.backlog.current.total,
      format: formatCount,
      better: "lower",
      detail: t("dashboard.card.now"),
    },
    {
      id: "overdue",
      label: "dashboard.card.overdue",
      current: figures.overdue.current.count,
      format: formatCount,
      better: "lower",
      detail: t("dashboard.card.now"),
    },
    {
      id: "lapor-open",
      label: "dashboard.card.laporOpen",
      current: figures.lapor.current.open,
      format: formatCount,
      better: "neither",
      detail: t("dashboard.card.laporDetail", {
        handed: figures.lapor.current.handed,
        overdue: figures.lapor.current.overdue,
      }),
    },
    {
      id: "reopen-rate",
      label: "dashboard.card.reopenRate",
      current: figures.reopen.current.rate,
      previous: figures.reopen.previous.rate,
      format: formatRate,
      better: "lower",
    },
    {
      id: "early-warnings",
      label: "dashboard.card.earlyWarnings",
      current: figures.earlyWarnings.current.raised,
      previous: figures.earlyWarnings.previous.raised,
      format: formatCount,
      better: "neither",
    },
    {
      id: "acknowledge",
      label: "dashboard.card.timeToAcknowledge",
      current: figures.earlyWarnings.current.minutesToAcknowledge.median,
      previous: figures.earlyWarnings.previous.minutesToAcknowledge.median,
      format: minutes,
      better: "lower",
    },
  ];
  return (
    <dl className="stats dashboard-cards">
      {cards.map((card) => (
        <div key={card.id} data-testid={`card-${card.id}`}>
          <dt>{t(card.label)}</dt>
          <dd className="dashboard-cards__value">{card.format(card.current, "current")}</dd>
          {card.detail && <dd className="stats__detail">{card.detail}</dd>}
          {card.previous !== undefined && (
            <TrendLine current={card.current} previous={card.previous} format={card.format} better={card.better} />
          )}
        </div>
      ))}
    </dl>
  );
}

/** ▲/▼ with a word and the previous value, coloured good or bad; the colour is never the only cue. */
function TrendLine({
  current,
  previous,
  format,
  better,
}: Pick<Card, "current" | "format" | "better"> & { previous: number | null }) {
  const { t } = useI18n();
  const previousText = t("dashboard.trend.previous", { value: format(previous, "previous") });
  if (current === null || previous === null || current === previous) {
    return (
      <dd className="trend trend--neutral">
        {current === previous && current !== null ? `= ${t("dashboard.trend.same")} · ${previousText}` : previousText}
      </dd>
    );
  }
  const up = current > previous;
  const tone = better === "neither" ? "neutral" : up === (better === "higher") ? "good" : "bad";
  return (
    <dd className={`trend trend--${tone}`}>
      <span aria-hidden="true">{up ? "▲" : "▼"}</span> {t(up ? "dashboard.trend.up" : "dashboard.trend.down")} ·{" "}
      {previousText}
    </dd>
  );
}

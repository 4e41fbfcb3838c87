import { useId, useState, type ReactNode } from "react";
import { csvInLanguage } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import type { Loaded } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";

type DashboardSectionProps<T> = {
  title: string;
  /** The report as loaded; the section shows its error or "loading" until it arrives. */
  loaded: Loaded<T>;
  csvHref: string;
  /** What the chart shows, in a sentence, for those who do not see it. */
  summary(data: T): string;
  /** A control beside the heading (e.g. how to group the chart). */
  controls?: ReactNode;
  /** The chart; its numbers sit in `table`, one click away. */
  chart?(data: T): ReactNode;
  table(data: T): ReactNode;
};

/** A chart or table of the dashboard: heading, text summary, CSV download and the numbers on request. */
export function DashboardSection<T>({
  title,
  loaded,
  csvHref,
  summary,
  controls,
  chart,
  table,
}: DashboardSectionProps<T>) {
  const { t, language } = useI18n();
  const headingId = useId();
  const tableId = useId();
  const [showNumbers, setShowNumbers] = useState(false);
  const { data } = loaded;
  return (
    <section className="dashboard-section" aria-labelledby={headingId}>
      <div className="dashboard-section__header">
        <h2 id={headingId}>{title}</h2>
        <a
          href={csvInLanguage(csvHref, language)}
          download
          className="dashboard-section__csv"
          aria-label={t("dashboard.csvOf", { title })}
        >
          CSV
        </a>
      </div>
      {controls}
      <ErrorAlert error={loaded.error} />
      {loaded.loading && !data && <p role="status">{t("common.loading")}</p>}
      {data && (
        <>
          <p className="dashboard-section__summary">{summary(data)}</p>
          {chart ? (
            <>
              <div className="dashboard-chart">{chart(data)}</div>
              <button
                type="button"
                className="button--secondary"
                aria-expanded={showNumbers}
                aria-controls={tableId}
                onClick={() => setShowNumbers(!showNumbers)}
              >
                {showNumbers ? t("dashboard.hideNumbers") : t("dashboard.showNumbers")}
              </button>
              <div id={tableId} hidden={!showNumbers}>
                {showNumbers && table(data)}
              </div>
            </>
          ) : (
            table(data)
          )}
        </>
      )}
    </section>
  );
}

/** A plain table of figures, with a caption for screen readers. */
export function FigureTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly ReactNode[];
  rows: readonly (readonly ReactNode[])[];
}) {
  return (
    <div className="table-scroll">
      <table className="figure-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) =>
                column === 0 ? (
                  <th key={column} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={column}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

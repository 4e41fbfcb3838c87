import { withQuery } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { ppidApi } from "@web/pages/ppid/api";
import { CHANNELS, DECISIONS } from "@web/pages/ppid/labels";

/** A year's service figures: requests by channel and decision, time to the notice, objections, disputes. */
export function FiguresSummary({ year, unitId }: { year: number; unitId?: string }) {
  const { t, intlLocale, language } = useI18n();
  const loaded = useLoad(() => ppidApi.figures({ year, unitId }), [year, unitId]);
  const number = (value: number | null, digits = 1) =>
    value === null ? "—" : value.toLocaleString(intlLocale, { maximumFractionDigits: digits });
  const percent = (value: number | null) => (value === null ? "—" : `${number(value * 100)}%`);
  const f = loaded.data?.figures;
  return (
    <section className="panel" aria-labelledby="ppid-figures-title">
      <h2 id="ppid-figures-title">
        {t("ppid.figures.title", { year })}{" "}
        <a
          href={withQuery("/api/ppid/figures", { year, unitId, format: "csv", lang: language })}
          download
          className="dashboard-section__csv"
        >
          CSV
        </a>
      </h2>
      <ErrorAlert error={loaded.error} />
      {f && (
        <div className="ppid-figures">
          <dl className="ppid-facts" data-testid="ppid-figures">
            <dt>{t("ppid.figures.received")}</dt>
            <dd>{f.requests.received}</dd>
            <dt>{t("ppid.figures.decided")}</dt>
            <dd>{f.notice.decided}</dd>
            <dt>{t("ppid.figures.onTime")}</dt>
            <dd>{percent(f.notice.onTimeRate)}</dd>
            <dt>{t("ppid.figures.average")}</dt>
            <dd>{t("ppid.figures.workingDays", { value: number(f.notice.averageWorkingDays) })}</dd>
            <dt>{t("ppid.figures.longest")}</dt>
            <dd>{t("ppid.figures.workingDays", { value: number(f.notice.longestWorkingDays) })}</dd>
            <dt>{t("ppid.figures.overdue")}</dt>
            <dd>{f.notice.overdue}</dd>
            <dt>{t("ppid.figures.objections")}</dt>
            <dd>
              {t("ppid.figures.objectionsDetail", {
                filed: f.objections.filed,
                answered: f.objections.answered,
                onTime: f.objections.answeredOnTime,
              })}
            </dd>
            <dt>{t("ppid.figures.disputes")}</dt>
            <dd>{f.disputes.filed}</dd>
            <dt>{t("ppid.figures.satisfaction")}</dt>
            <dd>
              {f.survey.responses > 0 ? `${number(f.survey.averageSatisfaction, 2)} / 5 (${f.survey.responses})` : "—"}
            </dd>
          </dl>
          <table className="figure-table">
            <caption>{t("ppid.figures.byChannel")}</caption>
            <tbody>
              {Object.entries(f.requests.byChannel).map(([channel, count]) => (
                <tr key={channel}>
                  <th scope="row">{t(CHANNELS[channel as keyof typeof CHANNELS])}</th>
                  <td>{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="figure-table">
            <caption>{t("ppid.figures.byDecision")}</caption>
            <tbody>
              {Object.entries(f.requests.byDecision).map(([decision, count]) => (
                <tr key={decision}>
                  <th scope="row">{t(DECISIONS[decision as keyof typeof DECISIONS])}</th>
                  <td>{count}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("ppid.figures.pending")}</th>
                <td>{f.requests.pending}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

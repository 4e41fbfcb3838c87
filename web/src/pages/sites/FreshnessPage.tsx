import { ErrorAlert } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { sitesApi } from "./api";
import { FreshnessLeague } from "./components/FreshnessLeague";
import { SitesTabs } from "./components/SitesTabs";

/** Which sites of the caller's scope have gone quiet, stalest first, and the kecamatan league. */
export function FreshnessPage() {
  const { t, formatDateTime } = useI18n();
  const report = useLoad(() => sitesApi.freshness(), []);
  return (
    <Page title={t("sites.freshness")}>
      <SitesTabs />
      <ErrorAlert error={report.error} />
      {report.data && (
        <>
          <p>{t("sites.staleAfter", { days: report.data.staleAfterDays })}</p>
          <h2>{t("sites.league")}</h2>
          <FreshnessLeague league={report.data.league} />
          <h2>{t("sites.freshnessList")}</h2>
          <table className="list-table" data-testid="freshness-list">
            <thead>
              <tr>
                <th scope="col">{t("sites.unit")}</th>
                <th scope="col">{t("sites.kecamatan")}</th>
                <th scope="col">{t("sites.lastUpdated")}</th>
                <th scope="col">{t("sites.statusLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.sites.map((row) => (
                <tr key={row.unit.id}>
                  <td>{row.unit.name}</td>
                  <td>{row.kecamatan?.name ?? "—"}</td>
                  <td>{row.lastUpdatedAt ? formatDateTime(row.lastUpdatedAt) : t("sites.never")}</td>
                  <td>
                    {row.stale
                      ? t("sites.stale", { days: row.daysSince ?? "—" })
                      : t("sites.fresh", { days: row.daysSince ?? 0 })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}

import { Link } from "react-router-dom";
import { withQuery } from "@web/api/client";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { sitesApi } from "@web/pages/sites/api";
import { DashboardSection, FigureTable } from "./DashboardSection";

/** How many of the stalest sites the dashboard names; the full list is a click away. */
const STALEST_SHOWN = 10;

/** Unit websites kept current: the kecamatan league and the sites quiet the longest, under the unit filter. */
export function SiteFreshnessSection({ unitId }: { unitId: string }) {
  const { t, formatDateTime } = useI18n();
  const report = useLoad(() => sitesApi.freshness({ unitId }), [unitId]);
  const title = t("dashboard.sites.title");
  return (
    <DashboardSection
      title={title}
      loaded={report}
      csvHref={withQuery("/api/sites/freshness", { unitId, format: "csv" })}
      summary={(data) =>
        t("dashboard.sites.summary", {
          fresh: data.sites.filter((site) => !site.stale).length,
          total: data.sites.length,
          days: data.staleAfterDays,
        })
      }
      table={(data) => (
        <>
          <h3>{t("sites.league")}</h3>
          <FigureTable
            caption={t("sites.league")}
            columns={[t("sites.kecamatan"), t("sites.freshShare"), t("sites.freshCount")]}
            rows={data.league.map((row) => [
              row.kecamatan.name,
              `${Math.round(row.freshShare * 100)}%`,
              `${row.freshCount} / ${row.desaCount}`,
            ])}
          />
          <h3>{t("dashboard.sites.stalest")}</h3>
          <FigureTable
            caption={t("dashboard.sites.stalest")}
            columns={[t("sites.unit"), t("sites.kecamatan"), t("sites.lastUpdated")]}
            rows={data.sites
              .filter((site) => site.stale)
              .slice(0, STALEST_SHOWN)
              .map((site) => [
                site.unit.name,
                site.kecamatan?.name ?? "—",
                site.lastUpdatedAt ? formatDateTime(site.lastUpdatedAt) : t("sites.never"),
              ])}
          />
          <p>
            <Link to="/sites/freshness">{t("dashboard.sites.all")}</Link>
          </p>
        </>
      )}
    />
  );
}

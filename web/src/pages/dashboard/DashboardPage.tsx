import { ErrorAlert } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { AreasSection } from "./components/AreasSection";
import { BacklogSection } from "./components/BacklogSection";
import { DashboardFilterBar } from "./components/DashboardFilterBar";
import { pdfHref, reportQuery, useDashboardFilters } from "./filters";
import { formatPeriod } from "./format";
import { GlossarySection } from "./components/GlossarySection";
import { HeadlineCards } from "./components/HeadlineCards";
import { OverdueSection } from "./components/OverdueSection";
import { PublishingSection } from "./components/PublishingSection";
import { SiteFreshnessSection } from "./components/SiteFreshnessSection";
import { PpidDashboardSection } from "@web/pages/ppid/components/PpidDashboardSection";
import type { Summary } from "./types";
import { UnitsSection } from "./components/UnitsSection";
import { useReport } from "./hooks/useReport";
import { VolumeSection } from "./components/VolumeSection";

/** The leaders' dashboard: headline figures, charts and tables for the filters in the URL. */
export function DashboardPage() {
  const { t, intlLocale } = useI18n();
  const { abilities } = useSignedIn();
  const filters = useDashboardFilters();
  const units = useAllUnits();
  const query = reportQuery(filters.applied);
  const summary = useReport<Summary>("summary", query);
  return (
    <Page title={t("nav.dashboard")}>
      <DashboardFilterBar filters={filters} units={units.data ?? []} />
      <p>
        <a href={pdfHref(query)} download className="button button--secondary">
          {t("dashboard.pdf")}
        </a>
      </p>
      <section aria-labelledby="dashboard-headlines">
        <h2 id="dashboard-headlines">{t("dashboard.headlines")}</h2>
        <ErrorAlert error={summary.error} />
        {summary.loading && !summary.data && <p role="status">{t("common.loading")}</p>}
        {summary.data && (
          <>
            <p className="muted">{t("dashboard.periodShown", formatPeriod(intlLocale, summary.data.period))}</p>
            <HeadlineCards summary={summary.data} />
          </>
        )}
      </section>
      <VolumeSection query={query} />
      <BacklogSection query={query} />
      <UnitsSection query={query} />
      <AreasSection query={query} units={units.data ?? []} />
      <OverdueSection query={query} summary={summary} />
      <PublishingSection query={query} />
      {abilities.siteFreshness && <SiteFreshnessSection unitId={filters.applied.unitId} />}
      {abilities.ppidReports && <PpidDashboardSection unitId={filters.applied.unitId || undefined} />}
      <GlossarySection />
    </Page>
  );
}

import { useI18n } from "@web/i18n";
import { DeadlineLists } from "./DeadlineLists";
import { FiguresSummary } from "./FiguresSummary";

/** On the leaders' dashboard: the PPID's deadlines about to pass or passed, and this year's service figures. */
export function PpidDashboardSection({ unitId }: { unitId?: string }) {
  const { t } = useI18n();
  return (
    <section className="dashboard-section" aria-labelledby="ppid-dashboard-title">
      <h2 id="ppid-dashboard-title">{t("ppid.dashboard.title")}</h2>
      <DeadlineLists unitId={unitId} />
      <FiguresSummary year={new Date().getFullYear()} unitId={unitId} />
    </section>
  );
}

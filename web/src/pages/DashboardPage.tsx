import { fetchAllPages } from "../api/client";
import type { Unit, User } from "../api/types";
import { ErrorAlert } from "../components/Alerts";
import { Page } from "../components/Page";
import { useLoad } from "../hooks/useLoad";
import { useI18n } from "../i18n";

type ScopeSummary = { units: number; activeUnits: number; users: number; activeUsers: number };

async function loadScopeSummary(): Promise<ScopeSummary> {
  const [units, users] = await Promise.all([fetchAllPages<Unit>("/units", { limit: 1000 }), fetchAllPages<User>("/users", { limit: 200 })]);
  return {
    units: units.length,
    activeUnits: units.filter((unit) => unit.active).length,
    users: users.length,
    activeUsers: users.filter((user) => user.active).length,
  };
}

/** Response figures arrive with the inbox; until then, the real size of the caller's scope. */
export function DashboardPage() {
  const { t } = useI18n();
  const summary = useLoad(loadScopeSummary, []);
  return (
    <Page title={t("nav.dashboard")}>
      <p className="preparing">{t("dashboard.preparing")}</p>
      <h2>{t("dashboard.scopeTitle")}</h2>
      <ErrorAlert error={summary.error} />
      {summary.loading && <p role="status">{t("common.loading")}</p>}
      {summary.data && (
        <dl className="stats">
          <div>
            <dt>{t("dashboard.units")}</dt>
            <dd data-testid="stat-units">{summary.data.units}</dd>
            <dd className="stats__detail">{t("dashboard.active", { count: summary.data.activeUnits })}</dd>
          </div>
          <div>
            <dt>{t("dashboard.users")}</dt>
            <dd data-testid="stat-users">{summary.data.users}</dd>
            <dd className="stats__detail">{t("dashboard.active", { count: summary.data.activeUsers })}</dd>
          </div>
        </dl>
      )}
    </Page>
  );
}

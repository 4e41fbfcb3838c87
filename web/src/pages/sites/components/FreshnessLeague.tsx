import { useI18n } from "@web/i18n";
import type { Freshness } from "@web/pages/sites/api";

/** Kecamatan ranked by the share of their sites kept fresh. */
export function FreshnessLeague({ league }: { league: Freshness["league"] }) {
  const { t } = useI18n();
  return (
    <table className="list-table" data-testid="freshness-league">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t("sites.kecamatan")}</th>
          <th scope="col">{t("sites.freshShare")}</th>
          <th scope="col">{t("sites.freshCount")}</th>
        </tr>
      </thead>
      <tbody>
        {league.map((row, index) => (
          <tr key={row.kecamatan.id}>
            <td>{index + 1}</td>
            <td>{row.kecamatan.name}</td>
            <td>{Math.round(row.freshShare * 100)}%</td>
            <td>
              {row.freshCount} / {row.desaCount}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

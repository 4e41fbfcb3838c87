import { Link } from "react-router-dom";
import { useI18n } from "@web/i18n";
import type { SiteEntrySummary } from "@web/pages/sites/api";
import { entryHeading } from "@web/pages/sites/labels";
import { EntryStatus } from "./EntryStatus";

/** Entries with their unit, kind, status and last change; each opens its page. */
export function EntryList({ entries }: { entries: readonly SiteEntrySummary[] }) {
  const { t, formatDateTime } = useI18n();
  if (entries.length === 0) return <p className="muted">{t("sites.noEntries")}</p>;
  return (
    <table className="list-table" data-testid="site-entries">
      <thead>
        <tr>
          <th scope="col">{t("sites.entry")}</th>
          <th scope="col">{t("sites.unit")}</th>
          <th scope="col">{t("sites.kindLabel")}</th>
          <th scope="col">{t("sites.statusLabel")}</th>
          <th scope="col">{t("sites.updatedAt")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <Link to={`/sites/entries/${entry.id}`}>{entryHeading(entry, t)}</Link>
            </td>
            <td>{entry.unit.name}</td>
            <td>{t(`sites.kind.${entry.kind}`)}</td>
            <td>
              <EntryStatus entry={entry} />
            </td>
            <td>{formatDateTime(entry.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

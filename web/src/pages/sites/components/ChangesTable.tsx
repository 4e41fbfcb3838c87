import { useI18n } from "../../../i18n";
import type { SiteEntryDetail } from "../api";

type Change = SiteEntryDetail["changes"][number];

const shown = (value: unknown) =>
  value === null || value === undefined || value === ""
    ? "—"
    : typeof value === "string"
      ? value
      : JSON.stringify(value);

/** The draft against the published version, field by field; text word by word. */
export function ChangesTable({ changes }: { changes: readonly Change[] }) {
  const { t } = useI18n();
  if (changes.length === 0) return <p className="muted">{t("sites.noChanges")}</p>;
  return (
    <table className="list-table" data-testid="site-entry-changes">
      <thead>
        <tr>
          <th scope="col">{t("sites.changeField")}</th>
          <th scope="col">{t("sites.changeBefore")}</th>
          <th scope="col">{t("sites.changeAfter")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field}>
            <th scope="row">{change.field}</th>
            {change.segments ? (
              <td colSpan={2}>
                {change.segments.map((segment, index) =>
                  segment.op === "insert" ? (
                    <ins key={index}>{segment.text}</ins>
                  ) : segment.op === "delete" ? (
                    <del key={index}>{segment.text}</del>
                  ) : (
                    <span key={index}>{segment.text}</span>
                  ),
                )}
              </td>
            ) : (
              <>
                <td>
                  <del>{shown(change.before)}</del>
                </td>
                <td>
                  <ins>{shown(change.after)}</ins>
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useI18n } from "@web/i18n";
import type { SiteEntryDetail } from "@web/pages/sites/api";
import type { Attachment } from "./AttachmentFields";
import { specOf } from "./entryFields";
import type { AnyListSpec } from "./entryLists";
import { FieldValue } from "./FieldValue";

type Change = SiteEntryDetail["changes"][number];
type RowChange = NonNullable<Change["rows"]>[number];

/** The draft against the published version, field by field in the UI's language; text word by word. */
export function ChangesTable({ entry }: { entry: Pick<SiteEntryDetail, "kind" | "changes" | "attachments"> }) {
  const { t } = useI18n();
  const { changes, attachments } = entry;
  if (changes.length === 0) return <p className="muted">{t("sites.noChanges")}</p>;
  return (
    <table className="list-table changes-table" data-testid="site-entry-changes">
      <thead>
        <tr>
          <th scope="col">{t("sites.changeField")}</th>
          <th scope="col">{t("sites.changeBefore")}</th>
          <th scope="col">{t("sites.changeAfter")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => {
          const spec = specOf(entry.kind, change.field);
          const label = spec ? t(spec.label) : change.field;
          if (spec?.type === "list")
            return (
              <tr key={change.field}>
                <th scope="row">{label}</th>
                <td colSpan={2}>
                  <RowChanges spec={spec} rows={change.rows ?? []} attachments={attachments} />
                </td>
              </tr>
            );
          const wordByWord = change.segments && (spec?.type === "text" || spec?.type === "textarea");
          return (
            <tr key={change.field}>
              <th scope="row">{label}</th>
              {wordByWord ? (
                <td colSpan={2}>
                  {change.segments!.map((segment, index) =>
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
                    <del>
                      <FieldValue spec={spec} value={change.before} attachments={attachments} />
                    </del>
                  </td>
                  <td>
                    <ins>
                      <FieldValue spec={spec} value={change.after} attachments={attachments} />
                    </ins>
                  </td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A list's rows that differ: each named ("Tahap 2") with what happened and its fields by name. */
function RowChanges({
  spec,
  rows,
  attachments,
}: {
  spec: AnyListSpec;
  rows: readonly RowChange[];
  attachments: Record<string, Attachment>;
}) {
  const { t } = useI18n();
  return (
    <ul className="row-changes">
      {rows.map((row, index) => {
        const columns = spec.columns.filter((column) => row.op !== "change" || row.fields.includes(column.path));
        const value = (side: "before" | "after", path: string) => (
          <FieldValue
            spec={spec.columns.find((c) => c.path === path)}
            value={row[side]?.[path]}
            attachments={attachments}
          />
        );
        return (
          <li key={`${row.op}-${row.position}-${index}`}>
            <strong>{t(spec.rowLabel, { n: row.position })}</strong> ·{" "}
            {t(`sites.rowOp.${row.op}`, { from: row.from ?? "" })}
            {row.op !== "move" && (
              <dl className="row-changes__fields">
                {columns.map((column) => (
                  <div key={column.path}>
                    <dt>{t(column.label)}</dt>
                    <dd>
                      {row.op === "change" ? (
                        <>
                          <del>{value("before", column.path)}</del> → <ins>{value("after", column.path)}</ins>
                        </>
                      ) : row.op === "insert" ? (
                        <ins>{value("after", column.path)}</ins>
                      ) : (
                        <del>{value("before", column.path)}</del>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ul>
  );
}

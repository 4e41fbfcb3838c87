import { useState } from "react";
import { api } from "@web/api/client";
import type { Unit } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { TIMEZONE_LABELS, UNIT_TYPE_LABELS } from "@web/components/labels";
import { ListTable, loadedList } from "@web/components/ListTable";
import { useAction } from "@web/hooks/useAction";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useI18n } from "@web/i18n";
import { AdminListPage, RowActions, useEditing } from "./components/AdminList";
import { AreaImportPanel } from "./components/AreaImportPanel";
import { UnitForm } from "./components/UnitForm";
import { UnitMergeForm } from "./components/UnitMergeForm";

/** "Desa Sungai Mawang" shows the official "Sungai Mawang" as it is; a unit renamed for display shows it beside. */
const renamed = (unit: Unit) =>
  unit.officialName !== null && !unit.name.toLocaleLowerCase("id").endsWith(unit.officialName.toLocaleLowerCase("id"));

/** The unit tree; the whole scope is loaded (all cursor pages) because children need their parents. */
export function UnitsPage() {
  const { t } = useI18n();
  const units = useAllUnits();
  const editor = useEditing<Unit>();
  const [merging, setMerging] = useState<Unit | null>(null);
  const [importing, setImporting] = useState(false);
  const setActive = useAction(async (unit: Unit, active: boolean) => {
    await api.patch<Unit>(`/units/${unit.id}`, { active });
    units.reload();
  });

  const saved = () => {
    editor.close();
    units.reload();
  };
  const merged = () => {
    setMerging(null);
    units.reload();
  };

  return (
    <AdminListPage
      title={t("admin.units")}
      newLabel={t("units.new")}
      editor={editor}
      actions={
        !importing && (
          <button type="button" className="button--secondary" onClick={() => setImporting(true)}>
            {t("areas.import.open")}
          </button>
        )
      }
      notice={
        <>
          {importing && (
            <AreaImportPanel units={units.data ?? []} onImported={units.reload} onClose={() => setImporting(false)} />
          )}
          {merging && (
            <UnitMergeForm
              key={merging.id}
              unit={merging}
              units={units.data ?? []}
              onMerged={merged}
              onCancel={() => setMerging(null)}
            />
          )}
        </>
      }
      form={(unit) => <UnitForm unit={unit} units={units.data ?? []} onSaved={saved} onCancel={editor.close} />}
    >
      <ErrorAlert error={setActive.error} />
      <ListTable
        list={loadedList(units)}
        caption={t("admin.units")}
        className="unit-tree"
        columns={[
          t("units.name"),
          t("units.type"),
          t("units.code"),
          t("units.areaCode"),
          t("units.timezone"),
          t("common.status"),
          t("common.actions"),
        ]}
        row={(unit) => (
          <tr className={unit.active ? undefined : "row--inactive"}>
            <th scope="row" style={{ paddingInlineStart: `${0.75 + unit.depth * 1.5}rem` }}>
              {unit.name}
              {renamed(unit) && (
                <span className="unit-tree__official"> {t("units.officialName", { name: unit.officialName! })}</span>
              )}
            </th>
            <td>{t(UNIT_TYPE_LABELS[unit.type])}</td>
            <td>{unit.code ?? "—"}</td>
            <td>{unit.areaCode ?? "—"}</td>
            <td>{t(TIMEZONE_LABELS[unit.timezone])}</td>
            <td>{unit.active ? t("common.active") : t("common.inactive")}</td>
            <td>
              <RowActions
                editLabel={t("units.editNamed", { name: unit.name })}
                onEdit={() => editor.edit(unit)}
                active={unit.active}
                confirmDeactivate={t("units.confirmDeactivate", { name: unit.name })}
                busy={setActive.busy}
                onSetActive={(active) => void setActive.run(unit, active)}
              >
                {unit.parentId && (
                  <button
                    type="button"
                    className="button--secondary"
                    aria-label={t("units.mergeNamed", { name: unit.name })}
                    onClick={() => setMerging(unit)}
                  >
                    {t("units.merge")}
                  </button>
                )}
              </RowActions>
            </td>
          </tr>
        )}
      />
    </AdminListPage>
  );
}

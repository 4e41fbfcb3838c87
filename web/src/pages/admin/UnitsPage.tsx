import { useState } from "react";
import { api } from "../../api/client";
import type { Unit } from "../../api/types";
import { ErrorAlert } from "../../components/Alerts";
import { ConfirmButton } from "../../components/ConfirmButton";
import { TIMEZONE_LABELS, UNIT_TYPE_LABELS } from "../../components/labels";
import { Page } from "../../components/Page";
import { useAction } from "../../hooks/useAction";
import { useAllUnits } from "../../hooks/useAllUnits";
import { useI18n } from "../../i18n";
import { UnitForm } from "./UnitForm";

/** The unit tree; the whole scope is loaded (all cursor pages) because children need their parents. */
export function UnitsPage() {
  const { t } = useI18n();
  const units = useAllUnits();
  const [editing, setEditing] = useState<Unit | "new" | null>(null);
  const setActive = useAction(async (unit: Unit, active: boolean) => {
    await api.patch<Unit>(`/units/${unit.id}`, { active });
    units.reload();
  });

  const saved = () => {
    setEditing(null);
    units.reload();
  };

  return (
    <Page
      title={t("admin.units")}
      actions={
        editing === null && (
          <button type="button" onClick={() => setEditing("new")}>
            {t("units.new")}
          </button>
        )
      }
    >
      {editing !== null && (
        <UnitForm
          key={editing === "new" ? "new" : editing.id}
          unit={editing === "new" ? undefined : editing}
          units={units.data ?? []}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
      <ErrorAlert error={units.error ?? setActive.error} />
      {units.loading && <p role="status">{t("common.loading")}</p>}
      {units.data && (
        <div className="table-scroll">
          <table className="unit-tree">
            <caption className="visually-hidden">{t("admin.units")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("units.name")}</th>
                <th scope="col">{t("units.type")}</th>
                <th scope="col">{t("units.code")}</th>
                <th scope="col">{t("units.timezone")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {units.data.map((unit) => (
                <tr key={unit.id} className={unit.active ? undefined : "row--inactive"}>
                  <th scope="row" style={{ paddingInlineStart: `${0.75 + unit.depth * 1.5}rem` }}>
                    {unit.name}
                  </th>
                  <td>{t(UNIT_TYPE_LABELS[unit.type])}</td>
                  <td>{unit.code ?? "—"}</td>
                  <td>{t(TIMEZONE_LABELS[unit.timezone])}</td>
                  <td>{unit.active ? t("common.active") : t("common.inactive")}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="button--secondary" onClick={() => setEditing(unit)} aria-label={t("units.editNamed", { name: unit.name })}>
                        {t("common.edit")}
                      </button>
                      {unit.active ? (
                        <ConfirmButton
                          label={t("common.deactivate")}
                          confirmLabel={t("units.confirmDeactivate", { name: unit.name })}
                          busy={setActive.busy}
                          onConfirm={() => void setActive.run(unit, false)}
                        />
                      ) : (
                        <button type="button" className="button--secondary" disabled={setActive.busy} onClick={() => void setActive.run(unit, true)}>
                          {t("common.reactivate")}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

import { useState } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import type { Unit } from "@web/api/types";
import { SelectField } from "@web/components/Field";
import { PanelForm } from "@web/components/PanelForm";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { UnitOptions } from "./UnitOptions";

type UnitMergeFormProps = { unit: Unit; units: Unit[]; onMerged(): void; onCancel(): void };

const VILLAGE = ["desa", "kelurahan"];
const sameKind = (a: Unit, b: Unit) => a.type === b.type || (VILLAGE.includes(a.type) && VILLAGE.includes(b.type));

/** Merges a unit into another of its kind: everything of it moves there and it is deleted. */
export function UnitMergeForm({ unit, units, onMerged, onCancel }: UnitMergeFormProps) {
  const { t } = useI18n();
  // The server refuses the rest (above or below it, another kind); offering them would only invite the refusal.
  const byId = new Map(units.map((candidate) => [candidate.id, candidate]));
  const related = (candidate: Unit) => {
    for (let at: Unit | undefined = candidate; at; at = at.parentId ? byId.get(at.parentId) : undefined)
      if (at.id === unit.id) return true;
    for (let at: Unit | undefined = unit; at; at = at.parentId ? byId.get(at.parentId) : undefined)
      if (at.id === candidate.id) return true;
    return false;
  };
  const targets = units.filter((candidate) => candidate.active && sameKind(candidate, unit) && !related(candidate));
  const [intoUnitId, setIntoUnitId] = useState("");
  const merge = useAction(() => api.post<Unit>(`/units/${unit.id}/merge`, { intoUnitId }));
  const errors = fieldErrorsOf(merge.error);

  const submit = async () => {
    if (await merge.run()) onMerged();
  };

  return (
    <PanelForm
      title={t("units.mergeNamed", { name: unit.name })}
      error={merge.error}
      busy={merge.busy}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <p>{t("units.mergeExplained", { name: unit.name })}</p>
      <SelectField
        label={t("units.mergeInto")}
        required
        value={intoUnitId}
        onChange={(e) => setIntoUnitId(e.target.value)}
        error={errors.intoUnitId}
      >
        <option value="">{t("units.mergeChoose")}</option>
        <UnitOptions units={targets} />
      </SelectField>
    </PanelForm>
  );
}

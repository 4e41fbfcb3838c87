import { useState } from "react";
import { api, fetchAllPages, fieldErrorsOf } from "@web/api/client";
import { TIMEZONES, UNIT_TYPES, type Timezone, type Unit, type UnitType, type User } from "@web/api/types";
import { SelectField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { TIMEZONE_LABELS, UNIT_TYPE_LABELS } from "@web/components/labels";
import { PanelForm } from "@web/components/PanelForm";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { UnitOptions } from "./UnitOptions";

type UnitFormProps = { unit?: Unit; units: Unit[]; onSaved(unit: Unit): void; onCancel(): void };

/** Creates a unit, or edits one (a unit's type is fixed once created). */
export function UnitForm({ unit, units, onSaved, onCancel }: UnitFormProps) {
  const { t } = useI18n();
  const [name, setName] = useState(unit?.name ?? "");
  const [type, setType] = useState<UnitType>(unit?.type ?? "desa");
  const [parentId, setParentId] = useState(unit?.parentId ?? "");
  const [code, setCode] = useState(unit?.code ?? "");
  const [timezone, setTimezone] = useState<Timezone>(unit?.timezone ?? "Asia/Jakarta");
  const [ppidLevel, setPpidLevel] = useState(unit?.ppidLevel ?? "");
  const [ppidSuperiorId, setPpidSuperiorId] = useState(unit?.ppidSuperiorId ?? "");
  // The atasan PPID is a person: any active user may be named.
  const users = useLoad(() => (unit ? fetchAllPages<User>("/users", { limit: 200 }) : Promise.resolve([])), [unit?.id]);
  const save = useAction((body: Record<string, unknown>) =>
    unit ? api.patch<Unit>(`/units/${unit.id}`, body) : api.post<Unit>("/units", { ...body, type }),
  );
  const errors = fieldErrorsOf(save.error);
  const title = unit ? t("units.editNamed", { name: unit.name }) : t("units.new");

  const submit = async () => {
    const ppid = unit ? { ppidLevel: ppidLevel || null, ppidSuperiorId: ppidSuperiorId || null } : {};
    const saved = await save.run({ name, parentId: parentId || null, code: code.trim() || null, timezone, ...ppid });
    if (saved) onSaved(saved);
  };

  return (
    <PanelForm title={title} error={save.error} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      {unit?.areaCode && (
        <p className="field__hint">
          {t("units.officialArea", { code: unit.areaCode, name: unit.officialName ?? unit.name })}
        </p>
      )}
      <TextField
        label={t("units.name")}
        required
        minLength={2}
        maxLength={160}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
      />
      <SelectField
        label={t("units.type")}
        value={type}
        disabled={Boolean(unit)}
        onChange={(e) => setType(e.target.value as UnitType)}
        error={errors.type}
      >
        <LabelledOptions values={UNIT_TYPES} labels={UNIT_TYPE_LABELS} />
      </SelectField>
      <SelectField
        label={t("units.parent")}
        hint={t("units.parentHint")}
        value={parentId}
        onChange={(e) => setParentId(e.target.value)}
        error={errors.parentId}
      >
        <option value="">{t("units.noParent")}</option>
        <UnitOptions units={units.filter((candidate) => candidate.active && candidate.id !== unit?.id)} />
      </SelectField>
      <TextField
        label={t("units.code")}
        hint={t("units.codeHint")}
        maxLength={40}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={errors.code}
      />
      <SelectField
        label={t("units.timezone")}
        value={timezone}
        onChange={(e) => setTimezone(e.target.value as Timezone)}
        error={errors.timezone}
      >
        <LabelledOptions values={TIMEZONES} labels={TIMEZONE_LABELS} />
      </SelectField>
      {unit && (
        <>
          <SelectField
            label={t("units.ppidLevel")}
            hint={t("units.ppidLevelHint")}
            value={ppidLevel}
            onChange={(e) => setPpidLevel(e.target.value as typeof ppidLevel)}
            error={errors.ppidLevel}
          >
            <option value="">{t("units.ppidNone")}</option>
            <option value="utama">{t("units.ppidUtama")}</option>
            <option value="pelaksana">{t("units.ppidPelaksana")}</option>
          </SelectField>
          <SelectField
            label={t("units.ppidSuperior")}
            hint={t("units.ppidSuperiorHint")}
            value={ppidSuperiorId}
            onChange={(e) => setPpidSuperiorId(e.target.value)}
            error={errors.ppidSuperiorId}
          >
            <option value="">{t("units.ppidNoSuperior")}</option>
            {(users.data ?? [])
              .filter((user) => user.active)
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
          </SelectField>
        </>
      )}
    </PanelForm>
  );
}

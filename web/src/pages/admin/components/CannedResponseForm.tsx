import { useState } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import type { CannedResponse, Locale, Unit } from "@web/api/types";
import { SelectField, TextAreaField, TextField } from "@web/components/Field";
import { PanelForm } from "@web/components/PanelForm";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { UnitOptions } from "./UnitOptions";

// The server's bounds (server/routes/api/cannedResponses/schema.ts).
const TITLE_MAX = 100;
const BODY_MAX = 5000;

type CannedResponseFormProps = { response?: CannedResponse; units: Unit[]; onSaved(): void; onCancel(): void };

/** Writes a canned response or changes one; no unit means it is offered for every item. */
export function CannedResponseForm({ response, units, onSaved, onCancel }: CannedResponseFormProps) {
  const { t } = useI18n();
  const [title, setTitle] = useState(response?.title ?? "");
  const [body, setBody] = useState(response?.body ?? "");
  const [unitId, setUnitId] = useState(response?.unit?.id ?? "");
  const [language, setLanguage] = useState<Locale>(response?.language ?? "id");
  const save = useAction((fields: object) =>
    response
      ? api.patch<CannedResponse>(`/canned-responses/${response.id}`, fields)
      : api.post<CannedResponse>("/canned-responses", fields),
  );
  const errors = fieldErrorsOf(save.error);

  const submit = async () => {
    if (await save.run({ title, body, unitId: unitId || null, language })) onSaved();
  };

  return (
    <PanelForm
      title={response ? t("canned.editNamed", { title: response.title }) : t("canned.new")}
      error={save.error}
      busy={save.busy}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <TextField
        label={t("canned.titleField")}
        required
        maxLength={TITLE_MAX}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errors.title}
      />
      <TextAreaField
        label={t("canned.body")}
        hint={t("canned.variablesHint")}
        required
        rows={5}
        maxLength={BODY_MAX}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={errors.body}
      />
      <SelectField
        label={t("canned.unit")}
        hint={t("canned.unitHint")}
        value={unitId}
        onChange={(e) => setUnitId(e.target.value)}
        error={errors.unitId}
      >
        <option value="">{t("canned.allUnits")}</option>
        <UnitOptions units={units.filter((unit) => unit.active)} />
      </SelectField>
      <SelectField
        label={t("canned.language")}
        value={language}
        onChange={(e) => setLanguage(e.target.value as Locale)}
        error={errors.language}
      >
        <option value="id">{t("canned.language.id")}</option>
        <option value="en">{t("canned.language.en")}</option>
      </SelectField>
    </PanelForm>
  );
}

import { useState } from "react";
import { fieldErrorsOf } from "@web/api/client";
import type { PpidRequest } from "@web/api/types";
import { SelectField, TextAreaField, TextField } from "@web/components/Field";
import { ActionForm } from "./ActionForm";
import { useI18n } from "@web/i18n";
import { ppidApi } from "@web/pages/ppid/api";
import { usePpidUnits } from "@web/pages/ppid/useCase";

/** Disposisi: the PPID Utama hands the request to the PPID Pelaksana that holds the information. */
export function ForwardForm({ request, onDone }: { request: PpidRequest; onDone(request: PpidRequest): void }) {
  const { t } = useI18n();
  const units = usePpidUnits();
  const [toUnitId, setToUnitId] = useState("");
  const [internalDueOn, setInternalDueOn] = useState(request.deadline.effectiveDueOn);
  const [note, setNote] = useState("");
  return (
    <ActionForm
      title={t("ppid.forward.title")}
      submitLabel={t("ppid.forward.submit")}
      action={() => ppidApi.forward(request.id, { toUnitId, internalDueOn, note: note || null })}
      onDone={onDone}
    >
      {(error) => (
        <>
          <SelectField
            label={t("ppid.forward.to")}
            value={toUnitId}
            required
            onChange={(e) => setToUnitId(e.target.value)}
            error={fieldErrorsOf(error).toUnitId}
          >
            <option value="">{t("ppid.choose")}</option>
            {(units.data ?? [])
              .filter((unit) => unit.id !== request.unit.id)
              .map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.name}
                </option>
              ))}
          </SelectField>
          <TextField
            label={t("ppid.forward.internalDueOn")}
            hint={t("ppid.forward.internalDueHint", { due: request.deadline.effectiveDueOn })}
            type="date"
            required
            value={internalDueOn}
            max={request.deadline.effectiveDueOn}
            onChange={(e) => setInternalDueOn(e.target.value)}
            error={fieldErrorsOf(error).internalDueOn}
          />
          <TextAreaField
            label={t("ppid.forward.note")}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </>
      )}
    </ActionForm>
  );
}

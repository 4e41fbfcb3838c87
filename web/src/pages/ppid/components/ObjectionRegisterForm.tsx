import { useState } from "react";
import { fieldErrorsOf } from "@web/api/client";
import type { PpidRequest } from "@web/api/types";
import { FieldGroup, SelectField, TextAreaField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { useI18n } from "@web/i18n";
import { type ObjectionBody, ppidApi } from "@web/pages/ppid/api";
import { CHANNELS, OBJECTION_REASON_LETTERS, REASONS } from "@web/pages/ppid/labels";
import { ActionForm } from "./ActionForm";

type Channel = ObjectionBody["channel"];
const PAPER_CHANNELS = (Object.keys(CHANNELS) as (keyof typeof CHANNELS)[]).filter((c): c is Channel => c !== "web");

/** An objection that came on paper, in person or by e-mail, registered by the PPID holding the case. */
export function ObjectionRegisterForm({
  request,
  onDone,
}: {
  request: PpidRequest;
  onDone(request: PpidRequest): void;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState<ObjectionBody>({
    channel: "in_person",
    reasons: [],
    statement: "",
    representativeName: "",
  });
  const toggle = (letter: ObjectionBody["reasons"][number], on: boolean) =>
    setBody((current) => ({
      ...current,
      reasons: on ? [...current.reasons, letter] : current.reasons.filter((l) => l !== letter),
    }));
  return (
    <ActionForm
      title={t("ppid.objection.register")}
      submitLabel={t("ppid.objection.registerSubmit")}
      action={() =>
        ppidApi.registerObjection(request.id, { ...body, representativeName: body.representativeName || null })
      }
      onDone={onDone}
    >
      {(error) => {
        const errors = fieldErrorsOf(error);
        return (
          <>
            <SelectField
              label={t("ppid.field.channel")}
              value={body.channel}
              onChange={(e) => setBody({ ...body, channel: e.target.value as Channel })}
            >
              <LabelledOptions values={PAPER_CHANNELS} labels={CHANNELS} />
            </SelectField>
            <FieldGroup legend={t("ppid.objection.reasons")} error={errors.reasons}>
              {OBJECTION_REASON_LETTERS.map((letter) => (
                <label key={letter} className="checkbox">
                  <input
                    type="checkbox"
                    checked={body.reasons.includes(letter)}
                    onChange={(e) => toggle(letter, e.target.checked)}
                  />
                  {letter}. {t(REASONS[letter])}
                </label>
              ))}
            </FieldGroup>
            <TextAreaField
              label={t("ppid.objection.statement")}
              rows={4}
              required
              minLength={10}
              maxLength={5000}
              value={body.statement}
              onChange={(e) => setBody({ ...body, statement: e.target.value })}
              error={errors.statement}
            />
            <TextField
              label={t("ppid.objection.representative")}
              maxLength={100}
              value={body.representativeName ?? ""}
              onChange={(e) => setBody({ ...body, representativeName: e.target.value })}
            />
          </>
        );
      }}
    </ActionForm>
  );
}

import { useState } from "react";
import { fieldErrorsOf } from "@web/api/client";
import type { PpidRequest } from "@web/api/types";
import { FieldGroup, SelectField, TextAreaField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { useI18n } from "@web/i18n";
import { type DecideBody, ppidApi } from "@web/pages/ppid/api";
import { COPY_FORMS, DECISIONS, EXEMPTION_LETTERS, EXEMPTIONS } from "@web/pages/ppid/labels";
import { ActionForm } from "./ActionForm";

type Decision = DecideBody["decision"];
const WITHHOLDING: readonly Decision[] = ["refused", "granted_in_part"];
const GRANTING: readonly Decision[] = ["granted", "granted_in_part"];

/**
 * The written notice: the decision and what it must state. Withholding needs a Pasal 17 exemption,
 * the consequence test and the period; a partial grant what is blacked out; "not held" where to ask.
 */
export function DecisionForm({ request, onDone }: { request: PpidRequest; onDone(request: PpidRequest): void }) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<DecideBody>({
    decision: "granted",
    noticeForm: request.copyForm ?? "soft_copy",
    feeRupiah: 0,
    exemptions: [],
  });
  const set = <K extends keyof DecideBody>(key: K, value: DecideBody[K]) =>
    setNotice((current) => ({ ...current, [key]: value }));
  const text = (
    key:
      | "consequenceTest"
      | "redactedParts"
      | "timeNeeded"
      | "feeNote"
      | "whereToAsk"
      | "decisionNote"
      | "publicSummary",
  ) => ({
    value: notice[key] ?? "",
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
  });
  const withholds = WITHHOLDING.includes(notice.decision);
  const grants = GRANTING.includes(notice.decision);
  const toggle = (letter: (typeof EXEMPTION_LETTERS)[number], on: boolean) =>
    set(
      "exemptions",
      on ? [...(notice.exemptions ?? []), letter] : (notice.exemptions ?? []).filter((l) => l !== letter),
    );
  return (
    <ActionForm
      title={t("ppid.decide.title")}
      submitLabel={t("ppid.decide.submit")}
      action={() => ppidApi.decide(request.id, notice)}
      onDone={onDone}
    >
      {(error) => {
        const errors = fieldErrorsOf(error);
        return (
          <>
            <SelectField
              label={t("ppid.decide.decision")}
              value={notice.decision}
              onChange={(e) => set("decision", e.target.value as Decision)}
            >
              <LabelledOptions values={Object.keys(DECISIONS) as Decision[]} labels={DECISIONS} />
            </SelectField>
            {grants && (
              <>
                <SelectField
                  label={t("ppid.decide.noticeForm")}
                  value={notice.noticeForm ?? ""}
                  onChange={(e) => set("noticeForm", e.target.value as DecideBody["noticeForm"])}
                  error={errors.noticeForm}
                >
                  <LabelledOptions
                    values={Object.keys(COPY_FORMS) as (keyof typeof COPY_FORMS)[]}
                    labels={COPY_FORMS}
                  />
                </SelectField>
                <TextField label={t("ppid.decide.timeNeeded")} maxLength={200} {...text("timeNeeded")} />
                <TextField
                  label={t("ppid.decide.fee")}
                  type="number"
                  min={0}
                  value={notice.feeRupiah ?? 0}
                  onChange={(e) => set("feeRupiah", Number(e.target.value))}
                  error={errors.feeRupiah}
                />
                <TextField label={t("ppid.decide.feeNote")} maxLength={2000} {...text("feeNote")} />
              </>
            )}
            {withholds && (
              <>
                <FieldGroup
                  legend={t("ppid.decide.exemptions")}
                  hint={t("ppid.decide.exemptionsHint")}
                  error={errors.exemptions}
                >
                  {EXEMPTION_LETTERS.map((letter) => (
                    <label key={letter} className="checkbox">
                      <input
                        type="checkbox"
                        checked={notice.exemptions?.includes(letter) ?? false}
                        onChange={(e) => toggle(letter, e.target.checked)}
                      />
                      {letter}. {t(EXEMPTIONS[letter])}
                    </label>
                  ))}
                </FieldGroup>
                <TextAreaField
                  label={t("ppid.decide.consequenceTest")}
                  hint={t("ppid.decide.consequenceTestHint")}
                  rows={5}
                  maxLength={10000}
                  {...text("consequenceTest")}
                  error={errors.consequenceTest}
                />
                <TextField
                  label={t("ppid.decide.exemptionEndsOn")}
                  type="date"
                  value={notice.exemptionEndsOn ?? ""}
                  onChange={(e) => set("exemptionEndsOn", e.target.value || null)}
                  error={errors.exemptionEndsOn}
                />
              </>
            )}
            {notice.decision === "granted_in_part" && (
              <TextAreaField
                label={t("ppid.decide.redactedParts")}
                rows={3}
                maxLength={10000}
                {...text("redactedParts")}
                error={errors.redactedParts}
              />
            )}
            {notice.decision === "not_held" && (
              <TextField
                label={t("ppid.decide.whereToAsk")}
                maxLength={2000}
                {...text("whereToAsk")}
                error={errors.whereToAsk}
              />
            )}
            <TextAreaField
              label={t("ppid.decide.note")}
              rows={3}
              maxLength={10000}
              {...text("decisionNote")}
              error={errors.decisionNote}
            />
            <TextField
              label={t("ppid.field.publicSummary")}
              hint={t("ppid.field.publicSummaryHint")}
              maxLength={300}
              {...text("publicSummary")}
            />
          </>
        );
      }}
    </ActionForm>
  );
}

import { useState } from "react";
import type { PpidObjection } from "@web/api/types";
import { SelectField, TextAreaField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { useI18n } from "@web/i18n";
import { ppidApi } from "@web/pages/ppid/api";
import { DISPUTE_OUTCOMES } from "@web/pages/ppid/labels";
import { ActionForm } from "./ActionForm";
import { useDay } from "./DeadlineBadge";

type Outcome = keyof typeof DISPUTE_OUTCOMES;
const today = () => new Date().toISOString().slice(0, 10);

/** The dispute at the Komisi Informasi as staff record it: filed, its hearings, its outcome. */
export function DisputePanel({
  objection,
  onChange,
}: {
  objection: PpidObjection;
  onChange(objection: PpidObjection): void;
}) {
  const { t } = useI18n();
  const day = useDay();
  const dispute = objection.dispute;
  const [filedOn, setFiledOn] = useState(today());
  const [caseNumber, setCaseNumber] = useState("");
  const [hearing, setHearing] = useState({ heldOn: today(), kind: "", note: "" });
  const [outcome, setOutcome] = useState<{ outcome: Outcome; outcomeOn: string; outcomeNote: string }>({
    outcome: "mediation_agreement",
    outcomeOn: today(),
    outcomeNote: "",
  });
  if (!dispute && !objection.permissions.handle) return null;
  return (
    <>
      {dispute && (
        <section className="panel">
          <h2>{t("ppid.dispute.title")}</h2>
          <p>
            {t("ppid.dispute.filedOn", { date: day(dispute.filedOn) })}
            {dispute.caseNumber && ` · ${dispute.caseNumber}`}
          </p>
          <ul>
            {dispute.hearings.map((h) => (
              <li key={h.id}>
                {day(h.heldOn)} · {h.kind}
                {h.note && ` · ${h.note}`}
              </li>
            ))}
          </ul>
          {dispute.outcome && (
            <p>
              <strong>{t(DISPUTE_OUTCOMES[dispute.outcome])}</strong> · {day(dispute.outcomeOn)} {dispute.outcomeNote}
            </p>
          )}
        </section>
      )}
      {objection.permissions.handle && !dispute && (
        <ActionForm
          title={t("ppid.dispute.record")}
          submitLabel={t("ppid.dispute.recordSubmit")}
          action={() => ppidApi.dispute(objection.id, { filedOn, caseNumber: caseNumber || null })}
          onDone={onChange}
        >
          {() => (
            <>
              <TextField
                label={t("ppid.dispute.filedOnLabel")}
                type="date"
                required
                value={filedOn}
                onChange={(e) => setFiledOn(e.target.value)}
              />
              <TextField
                label={t("ppid.dispute.caseNumber")}
                maxLength={100}
                value={caseNumber}
                onChange={(e) => setCaseNumber(e.target.value)}
              />
            </>
          )}
        </ActionForm>
      )}
      {objection.permissions.handle && dispute && !dispute.outcome && (
        <>
          <ActionForm
            title={t("ppid.dispute.hearing")}
            submitLabel={t("ppid.dispute.hearingSubmit")}
            action={() => ppidApi.hearing(objection.id, { ...hearing, note: hearing.note || null })}
            onDone={onChange}
          >
            {() => (
              <>
                <TextField
                  label={t("ppid.dispute.heldOn")}
                  type="date"
                  required
                  value={hearing.heldOn}
                  onChange={(e) => setHearing({ ...hearing, heldOn: e.target.value })}
                />
                <TextField
                  label={t("ppid.dispute.kind")}
                  required
                  maxLength={100}
                  value={hearing.kind}
                  onChange={(e) => setHearing({ ...hearing, kind: e.target.value })}
                />
                <TextAreaField
                  label={t("ppid.dispute.note")}
                  rows={2}
                  maxLength={2000}
                  value={hearing.note}
                  onChange={(e) => setHearing({ ...hearing, note: e.target.value })}
                />
              </>
            )}
          </ActionForm>
          <ActionForm
            title={t("ppid.dispute.outcome")}
            submitLabel={t("ppid.dispute.outcomeSubmit")}
            action={() =>
              ppidApi.disputeOutcome(objection.id, { ...outcome, outcomeNote: outcome.outcomeNote || null })
            }
            onDone={onChange}
          >
            {() => (
              <>
                <SelectField
                  label={t("ppid.dispute.outcome")}
                  value={outcome.outcome}
                  onChange={(e) => setOutcome({ ...outcome, outcome: e.target.value as Outcome })}
                >
                  <LabelledOptions values={Object.keys(DISPUTE_OUTCOMES) as Outcome[]} labels={DISPUTE_OUTCOMES} />
                </SelectField>
                <TextField
                  label={t("ppid.dispute.outcomeOn")}
                  type="date"
                  required
                  value={outcome.outcomeOn}
                  onChange={(e) => setOutcome({ ...outcome, outcomeOn: e.target.value })}
                />
                <TextAreaField
                  label={t("ppid.dispute.note")}
                  rows={2}
                  maxLength={2000}
                  value={outcome.outcomeNote}
                  onChange={(e) => setOutcome({ ...outcome, outcomeNote: e.target.value })}
                />
              </>
            )}
          </ActionForm>
        </>
      )}
    </>
  );
}

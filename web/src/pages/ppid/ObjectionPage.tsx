import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import type { AnswerBody } from "./api";
import { fieldErrorsOf } from "@web/api/client";
import type { PpidObjection } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { SelectField, TextAreaField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { Page } from "@web/components/Page";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";
import { ppidApi } from "./api";
import { ActionForm } from "./components/ActionForm";
import { DeadlineBadge, useDay } from "./components/DeadlineBadge";
import { DisputePanel } from "./components/DisputePanel";
import { CHANNELS, LETTER_LABELS, OBJECTION_OUTCOMES, REASONS, type OBJECTION_REASON_LETTERS } from "./labels";

/** One objection: the case, the reasons, the atasan PPID's answer (or the form to give it), the dispute. */
export function ObjectionPage() {
  const { t, formatDateTime } = useI18n();
  const day = useDay();
  const id = useParams().id!;
  const loaded = useLoad(() => ppidApi.objection(id), [id]);
  const [objection, setObjection] = useState<PpidObjection | undefined>();
  useEffect(() => setObjection(loaded.data), [loaded.data]);
  if (!objection)
    return (
      <Page title={t("ppid.objections.title")}>
        <ErrorAlert error={loaded.error} />
        {!loaded.error && <p role="status">{t("common.loading")}</p>}
      </Page>
    );
  return (
    <Page
      title={t("ppid.objection.title", { number: objection.registrationNumber })}
      actions={<DeadlineBadge deadline={objection.deadline} />}
    >
      <p className="muted">
        <Link to="/ppid/objections">{t("ppid.objection.back")}</Link>
      </p>
      <section className="panel">
        <h2>{t("ppid.objection.case")}</h2>
        <dl className="ppid-facts">
          <dt>{t("ppid.field.registrationNumber")}</dt>
          <dd>
            <Link to={`/ppid/requests/${objection.request.id}`}>{objection.request.registrationNumber}</Link> ·{" "}
            {objection.request.unit.name}
          </dd>
          <dt>{t("ppid.field.applicant")}</dt>
          <dd>
            {objection.request.applicantName}
            {objection.representativeName &&
              ` (${t("ppid.objection.representative")}: ${objection.representativeName})`}
          </dd>
          <dt>{t("ppid.field.information")}</dt>
          <dd className="citizen-text">{objection.request.information}</dd>
          <dt>{t("ppid.objection.filedAt")}</dt>
          <dd>
            {formatDateTime(objection.filedAt)} · {t(CHANNELS[objection.channel])}
          </dd>
          <dt>{t("ppid.objection.reasons")}</dt>
          <dd>
            <ul>
              {objection.reasons.map((letter) => (
                <li key={letter}>
                  {letter}. {t(REASONS[letter as (typeof OBJECTION_REASON_LETTERS)[number]])}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("ppid.objection.statement")}</dt>
          <dd className="citizen-text">{objection.statement}</dd>
          <dt>{t("ppid.objection.answerDue")}</dt>
          <dd>{day(objection.deadline.answerDueOn)}</dd>
        </dl>
        <ul>
          {objection.letters.map((letter) => (
            <li key={letter.letter}>
              <a href={letter.url} download>
                {t(LETTER_LABELS[letter.letter])}
              </a>
            </li>
          ))}
        </ul>
      </section>
      {objection.answer ? (
        <section className="panel">
          <h2>{t("ppid.objection.answer")}</h2>
          <p>
            <strong>{objection.answer.outcome && t(OBJECTION_OUTCOMES[objection.answer.outcome])}</strong> ·{" "}
            {objection.answer.at && formatDateTime(objection.answer.at)} · {objection.answer.signedAs}
          </p>
          <p className="citizen-text">{objection.answer.text}</p>
          <p className="muted">
            {t("ppid.objection.disputeUntil", { date: day(objection.answer.disputeFilingEndsOn) })}
          </p>
        </section>
      ) : (
        objection.permissions.answer && <AnswerForm objection={objection} onDone={setObjection} />
      )}
      <DisputePanel objection={objection} onChange={setObjection} />
    </Page>
  );
}

/** The atasan PPID's written decision. */
function AnswerForm({ objection, onDone }: { objection: PpidObjection; onDone(objection: PpidObjection): void }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [body, setBody] = useState<AnswerBody>({ outcome: "accepted", answer: "", signedAs: user.name });
  return (
    <ActionForm
      title={t("ppid.objection.answerTitle")}
      submitLabel={t("ppid.objection.answerSubmit")}
      action={() => ppidApi.answer(objection.id, body)}
      onDone={onDone}
    >
      {(error) => (
        <>
          <SelectField
            label={t("ppid.objection.outcome")}
            value={body.outcome}
            onChange={(e) => setBody({ ...body, outcome: e.target.value as AnswerBody["outcome"] })}
          >
            <LabelledOptions values={["accepted", "rejected"] as const} labels={OBJECTION_OUTCOMES} />
          </SelectField>
          <TextAreaField
            label={t("ppid.objection.answerText")}
            required
            rows={6}
            minLength={10}
            maxLength={10000}
            value={body.answer}
            onChange={(e) => setBody({ ...body, answer: e.target.value })}
            error={fieldErrorsOf(error).answer}
          />
          <TextField
            label={t("ppid.objection.signedAs")}
            hint={t("ppid.objection.signedAsHint")}
            required
            maxLength={200}
            value={body.signedAs}
            onChange={(e) => setBody({ ...body, signedAs: e.target.value })}
          />
        </>
      )}
    </ActionForm>
  );
}

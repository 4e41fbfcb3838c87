import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router-dom";
import type { PpidRequest } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { ppidApi } from "./api";
import { DecisionForm } from "./components/DecisionForm";
import { DeadlineBadge, useDay } from "./components/DeadlineBadge";
import { ExtendForm } from "./components/ExtendForm";
import { FilesPanel } from "./components/FilesPanel";
import { ForwardForm } from "./components/ForwardForm";
import { IdentityReveal } from "./components/IdentityReveal";
import { NoticeDetails } from "./components/NoticeDetails";
import { ObjectionRegisterForm } from "./components/ObjectionRegisterForm";
import { SummaryForm } from "./components/SummaryForm";
import { ACCESS_METHODS, APPLICANT_TYPES, CHANNELS, COPY_FORMS, DELIVERIES, LETTER_LABELS, STATUSES } from "./labels";
import { useCase } from "./useCase";

/** One information request: the applicant, what they asked, the deadlines, and every step of handling it. */
export function RequestPage() {
  const { t, formatDateTime } = useI18n();
  const day = useDay();
  const id = useParams().id!;
  const { request, error, update } = useCase(id);
  if (!request)
    return (
      <Page title={t("ppid.requests.title")}>
        <ErrorAlert error={error} />
        {!error && <p role="status">{t("common.loading")}</p>}
      </Page>
    );
  const open = !request.notice;
  return (
    <Page
      title={t("ppid.request.title", { number: request.registrationNumber })}
      actions={<DeadlineBadge deadline={request.deadline} />}
    >
      <p className="muted">
        <Link to="/ppid/requests">{t("ppid.request.back")}</Link>
      </p>
      <div className="ppid-case">
        <div className="ppid-case__main">
          <Facts title={t("ppid.request.status")}>
            <Fact label={t("common.status")}>{t(STATUSES[request.status])}</Fact>
            <Fact label={t("ppid.field.unit")}>{request.unit.name}</Fact>
            <Fact label={t("ppid.field.receivedAt")}>{formatDateTime(request.receivedAt)}</Fact>
            <Fact label={t("ppid.field.channel")}>{t(CHANNELS[request.channel])}</Fact>
            <Fact label={t("ppid.field.noticeDue")}>{day(request.deadline.noticeDueOn)}</Fact>
            {request.deadline.extendedDueOn && (
              <Fact label={t("ppid.field.extendedDue")}>{day(request.deadline.extendedDueOn)}</Fact>
            )}
            {request.deadline.internalDueOn && (
              <Fact label={t("ppid.field.internalDue")}>{day(request.deadline.internalDueOn)}</Fact>
            )}
            {request.inboxItemId && (
              <Fact label={t("ppid.field.inboxItem")}>
                <Link to={`/inbox/${request.inboxItemId}`}>{t("ppid.field.openInboxItem")}</Link>
              </Fact>
            )}
          </Facts>
          <Facts title={t("ppid.request.applicant")}>
            <Fact label={t("ppid.field.applicant")}>{request.applicant.name}</Fact>
            <Fact label={t("ppid.field.applicantType")}>{t(APPLICANT_TYPES[request.applicant.type])}</Fact>
            <Fact label={t("ppid.field.identity")}>
              <IdentityReveal request={request} />
            </Fact>
            <Fact label={t("ppid.field.address")}>{request.applicant.address}</Fact>
            {request.applicant.occupation && (
              <Fact label={t("ppid.field.occupation")}>{request.applicant.occupation}</Fact>
            )}
            {request.applicant.phone && <Fact label={t("ppid.field.phone")}>{request.applicant.phone}</Fact>}
            {request.applicant.email && <Fact label={t("ppid.field.email")}>{request.applicant.email}</Fact>}
          </Facts>
          <Facts title={t("ppid.request.information")}>
            <Fact label={t("ppid.field.information")}>
              <span className="citizen-text">{request.information}</span>
            </Fact>
            <Fact label={t("ppid.field.purpose")}>
              <span className="citizen-text">{request.purpose}</span>
            </Fact>
            <Fact label={t("ppid.field.accessMethod")}>
              {t(ACCESS_METHODS[request.accessMethod])}
              {request.copyForm && ` (${t(COPY_FORMS[request.copyForm])})`}
            </Fact>
            <Fact label={t("ppid.field.delivery")}>{t(DELIVERIES[request.delivery])}</Fact>
            {request.publicSummary && <Fact label={t("ppid.field.publicSummary")}>{request.publicSummary}</Fact>}
          </Facts>
          {request.notice && <NoticeDetails request={request} />}
          <FilesPanel request={request} onChange={update} />
          <Objections request={request} />
          {request.survey && (
            <Facts title={t("ppid.survey.title")}>
              <Fact label={t("ppid.survey.satisfaction")}>{request.survey.satisfaction} / 5</Fact>
              <Fact label={t("ppid.survey.timely")}>{request.survey.timely ? t("ppid.yes") : t("ppid.no")}</Fact>
              <Fact label={t("ppid.survey.asRequested")}>
                {request.survey.asRequested ? t("ppid.yes") : t("ppid.no")}
              </Fact>
              {request.survey.comment && <Fact label={t("ppid.survey.comment")}>{request.survey.comment}</Fact>}
            </Facts>
          )}
        </div>
        <div className="ppid-case__side">
          <Letters request={request} />
          <History request={request} />
          {open && request.permissions.forward && <ForwardForm request={request} onDone={update} />}
          {open && request.permissions.handle && !request.extension && <ExtendForm request={request} onDone={update} />}
          {open && request.permissions.handle && <DecisionForm request={request} onDone={update} />}
          {request.permissions.registerObjection && <ObjectionRegisterForm request={request} onDone={update} />}
          {request.permissions.handle && <SummaryForm request={request} onDone={update} />}
          {request.permissions.handle && <AccessCode request={request} />}
        </div>
      </div>
    </Page>
  );
}

function Facts({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      <dl className="ppid-facts">{children}</dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Letters({ request }: { request: PpidRequest }) {
  const { t } = useI18n();
  return (
    <section className="panel">
      <h2>{t("ppid.letters.title")}</h2>
      <ul>
        {request.letters.map((letter) => (
          <li key={letter.letter}>
            <a href={letter.url} download>
              {t(LETTER_LABELS[letter.letter])}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function History({ request }: { request: PpidRequest }) {
  const { t, formatDateTime } = useI18n();
  const day = useDay();
  return (
    <section className="panel">
      <h2>{t("ppid.history.title")}</h2>
      <ol className="timeline">
        <li>
          {t("ppid.history.received")} · {formatDateTime(request.receivedAt)}
          {request.registeredBy && ` · ${request.registeredBy.name}`}
        </li>
        {request.forwardings.map((forwarding) => (
          <li key={forwarding.at}>
            {t("ppid.history.forwarded", { from: forwarding.from.name ?? "", to: forwarding.to.name ?? "" })} ·{" "}
            {formatDateTime(forwarding.at)} · {forwarding.by?.name} · {t("ppid.field.internalDue")}:{" "}
            {day(forwarding.internalDueOn)}
            {forwarding.note && <p className="citizen-text">{forwarding.note}</p>}
          </li>
        ))}
        {request.extension && (
          <li>
            {t("ppid.history.extended")} · {request.extension.at && formatDateTime(request.extension.at)} ·{" "}
            {request.extension.by?.name}
            <p className="citizen-text">{request.extension.reason}</p>
          </li>
        )}
        {request.notice && (
          <li>
            {t("ppid.history.decided")} · {request.notice.decidedAt && formatDateTime(request.notice.decidedAt)} ·{" "}
            {request.notice.by?.name}
          </li>
        )}
      </ol>
    </section>
  );
}

function Objections({ request }: { request: PpidRequest }) {
  const { t, formatDateTime } = useI18n();
  const day = useDay();
  if (request.objections.length === 0) return null;
  return (
    <section className="panel">
      <h2>{t("ppid.objections.title")}</h2>
      <ul>
        {request.objections.map((objection) => (
          <li key={objection.id}>
            <Link to={`/ppid/objections/${objection.id}`}>{objection.registrationNumber}</Link> ·{" "}
            {formatDateTime(objection.filedAt)} ·{" "}
            {objection.answer
              ? t("ppid.objection.answered")
              : t("ppid.objection.waiting", { due: day(objection.deadline.answerDueOn) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A new access code for an applicant who lost theirs, shown once. */
function AccessCode({ request }: { request: PpidRequest }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<{ code: string; path: string } | null>(null);
  const renew = useAction(async () => {
    const renewed = await ppidApi.renewAccessCode(request.id);
    setShown({ code: renewed.accessCode, path: renewed.trackingPath });
  });
  return (
    <section className="panel">
      <h2>{t("ppid.accessCode.title")}</h2>
      <p className="muted">{t("ppid.accessCode.hint")}</p>
      {shown ? (
        <Notice>
          {t("ppid.accessCode.new", { code: shown.code })}{" "}
          <a href={`${shown.path}/surat/receipt`}>{t("ppid.letters.receipt")}</a>
        </Notice>
      ) : (
        <button type="button" className="button--secondary" disabled={renew.busy} onClick={() => void renew.run()}>
          {t("ppid.accessCode.renew")}
        </button>
      )}
      <ErrorAlert error={renew.error} />
    </section>
  );
}

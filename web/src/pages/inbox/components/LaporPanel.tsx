import { useState } from "react";
import type { LaporHandoff as LaporHandoffResponse } from "@web/api/types";
import {
  LAPOR_DIRECTIONS,
  LAPOR_FOLLOW_UP_CLASSES,
  LAPOR_STATUSES,
  type LaporDirection,
  type LaporFollowUpClass,
} from "@server/inbox/laporCodes";
import { ErrorAlert } from "@web/components/Alerts";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { inboxApi, type LaporHandoffBody, type LaporUpdateBody } from "@web/pages/inbox/api";
import { TimeAgo } from "./InboxBadges";

type Fields = LaporHandoffResponse["fields"];
const FIELD_ORDER = ["judul", "isiLaporan", "tanggalKejadian", "lokasi", "kategori", "instansiTujuan"] as const;

/**
 * The item's hand-off with SP4N-LAPOR!: LAPOR!'s form fields to copy, the tracking number and
 * LAPOR!'s status as recorded, and LAPOR!'s deadlines beside Siar's. For those handling the item.
 * It reads again when the timeline grows (`revision`): a change by anyone shows here too.
 */
export function LaporPanel({
  itemId,
  revision,
  now,
  onChange,
}: {
  itemId: string;
  revision: number;
  now: number;
  /** Told after a change is saved, so the page shows the new timeline events. */
  onChange(): void;
}) {
  const { t } = useI18n();
  const loaded = useLoad(() => inboxApi.lapor(itemId), [itemId, revision]);
  const save = useAction(async (write: () => Promise<LaporHandoffResponse>) => {
    await write();
    loaded.reload();
    onChange();
  });
  const current = loaded.data;
  if (!current) return <ErrorAlert error={loaded.error} />;
  const { handoff } = current;
  return (
    <section className="panel" aria-labelledby="lapor-title" data-testid="lapor-panel">
      <h2 id="lapor-title">{t("lapor.title")}</h2>
      {handoff ? (
        <dl className="facts">
          <div>
            <dt>{t(`lapor.direction.${handoff.direction}`)}</dt>
            <dd data-testid="lapor-tracking">{handoff.trackingNumber}</dd>
          </div>
          <div>
            <dt>
              <label htmlFor="lapor-status">{t("lapor.status")}</label>
            </dt>
            <dd>
              <select
                id="lapor-status"
                value={handoff.status}
                disabled={save.busy}
                onChange={(e) =>
                  save.run(() => inboxApi.updateLapor(itemId, { status: e.target.value as LaporUpdateBody["status"] }))
                }
              >
                {LAPOR_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`lapor.status.${status}`)}
                  </option>
                ))}
              </select>
            </dd>
          </div>
          <div>
            <dt>
              <label htmlFor="lapor-class">{t("lapor.followUpClass")}</label>
            </dt>
            <dd>
              <select
                id="lapor-class"
                value={handoff.followUpClass}
                disabled={save.busy}
                onChange={(e) =>
                  save.run(() => inboxApi.updateLapor(itemId, { followUpClass: e.target.value as LaporFollowUpClass }))
                }
              >
                {LAPOR_FOLLOW_UP_CLASSES.map((code) => (
                  <option key={code} value={code}>
                    {t(`lapor.followUpClass.${code}`)}
                  </option>
                ))}
              </select>
            </dd>
          </div>
          {handoff.deadlines?.verification && (
            <div>
              <dt>{t("lapor.verification")}</dt>
              <dd>
                <Due deadline={handoff.deadlines.verification} done={handoff.verifiedAt} now={now} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t("lapor.followUp")}</dt>
            <dd data-testid="lapor-follow-up">
              {handoff.deadlines?.followUp ? (
                <Due deadline={handoff.deadlines.followUp} done={handoff.closedAt} now={now} />
              ) : (
                <span className="muted">{t("lapor.notStarted")}</span>
              )}
            </dd>
          </div>
        </dl>
      ) : (
        <HandoffForm onSave={(body) => save.run(() => inboxApi.recordLapor(itemId, body))} busy={save.busy} />
      )}
      <ErrorAlert error={save.error} />
      <ReadyText fields={current.fields} />
    </section>
  );
}

function Due({
  deadline,
  done,
  now,
}: {
  deadline: { dueAt: string; overdue: boolean };
  done: string | null;
  now: number;
}) {
  const { t } = useI18n();
  if (done)
    return (
      <>
        {t("deadline.done")} <TimeAgo iso={done} now={now} />
      </>
    );
  return (
    <>
      {deadline.overdue && <span className="badge deadline--overdue">{t("deadline.overdue")}</span>} {t("deadline.due")}{" "}
      <TimeAgo iso={deadline.dueAt} now={now} />
    </>
  );
}

function HandoffForm({ onSave, busy }: { onSave(body: LaporHandoffBody): void; busy: boolean }) {
  const { t } = useI18n();
  const [direction, setDirection] = useState<LaporDirection>("forwarded");
  const [trackingNumber, setTrackingNumber] = useState("");
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ direction, trackingNumber });
      }}
    >
      <p className="muted">{t("lapor.intro")}</p>
      <label>
        {t("lapor.direction")}
        <select value={direction} onChange={(e) => setDirection(e.target.value as LaporDirection)}>
          {LAPOR_DIRECTIONS.map((code) => (
            <option key={code} value={code}>
              {t(`lapor.direction.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("lapor.trackingNumber")}
        <input
          value={trackingNumber}
          onChange={(e) => setTrackingNumber(e.target.value)}
          required
          minLength={4}
          maxLength={30}
          pattern="[A-Za-z0-9]{4,30}"
          title={t("lapor.trackingHint")}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t("lapor.mark")}
      </button>
    </form>
  );
}

/** LAPOR!'s form fields, each with its own copy button, and all of them at once. */
function ReadyText({ fields }: { fields: Fields }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false); // the clipboard needs HTTPS or localhost; the text stays selectable
    }
  };
  const all = FIELD_ORDER.map((key) => `${t(`lapor.field.${key}`)}:\n${fields[key]}`).join("\n\n");
  return (
    <details className="lapor-fields">
      <summary>{t("lapor.fields")}</summary>
      <p className="muted">{t("lapor.fieldsHint")}</p>
      <dl className="facts">
        {FIELD_ORDER.map((key) => (
          <div key={key}>
            <dt>{t(`lapor.field.${key}`)}</dt>
            <dd>
              <span className="pre-wrap" data-testid={`lapor-field-${key}`}>
                {fields[key] || "—"}
              </span>{" "}
              <button type="button" className="button--secondary" onClick={() => copy(fields[key])}>
                {t("lapor.copy")}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={() => copy(all)} data-testid="lapor-copy-all">
        {t("lapor.copyAll")}
      </button>
      {copied !== null && (
        <p role="status" className="muted">
          {t(copied ? "lapor.copied" : "lapor.copyFailed")}
        </p>
      )}
    </details>
  );
}

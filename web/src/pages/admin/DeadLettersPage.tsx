import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "@web/api/client";
import type { InboxDeadLetter } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { SelectField } from "@web/components/Field";
import { ListTable } from "@web/components/ListTable";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useCursorList } from "@web/hooks/useCursorList";
import { useI18n, type MessageKey } from "@web/i18n";
import { SOURCE_LABELS } from "@web/pages/inbox/labels";

const PAGE_SIZE = 50;
type State = "open" | "resolved" | "all";
const STATES: Record<State, MessageKey> = {
  open: "deadLetters.stateOpen",
  resolved: "deadLetters.stateResolved",
  all: "deadLetters.stateAll",
};

/**
 * What the inbox could not file: a message the database refused (from a webhook or a poll), or a
 * webhook delivery given up after its attempts. Admins see why, retry it, or dismiss it.
 * Citizens' words are shown as plain text: React escapes them.
 */
export function DeadLettersPage() {
  const { t } = useI18n();
  const [state, setState] = useState<State>("open");
  const letters = useCursorList<InboxDeadLetter>("/inbox-dead-letters", { state, limit: PAGE_SIZE });
  const act = useAction(async (letter: InboxDeadLetter, verb: "retry" | "dismiss") => {
    try {
      letters.replace(await api.post<InboxDeadLetter>(`/inbox-dead-letters/${letter.id}/${verb}`));
    } finally {
      // A failed retry has updated the reason and attempts: show them.
      if (verb === "retry") letters.reload();
    }
  });

  return (
    <Page title={t("admin.deadLetters")}>
      <p className="muted">{t("deadLetters.intro")}</p>
      <SelectField
        label={t("deadLetters.state")}
        value={state}
        onChange={(event) => setState(event.target.value as State)}
      >
        {(Object.keys(STATES) as State[]).map((key) => (
          <option key={key} value={key}>
            {t(STATES[key])}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={act.error} />
      <ListTable
        list={letters}
        caption={t("admin.deadLetters")}
        className="dead-letters-table"
        emptyText={t("deadLetters.empty")}
        columns={[
          t("deadLetters.time"),
          t("deadLetters.source"),
          t("deadLetters.message"),
          t("deadLetters.reason"),
          t("deadLetters.actions"),
        ]}
        row={(letter) => <DeadLetterRow letter={letter} busy={act.busy} onAct={(verb) => void act.run(letter, verb)} />}
      />
    </Page>
  );
}

function DeadLetterRow({
  letter,
  busy,
  onAct,
}: {
  letter: InboxDeadLetter;
  busy: boolean;
  onAct(verb: "retry" | "dismiss"): void;
}) {
  const { t, formatDateTime } = useI18n();
  const origin =
    letter.origin === "poll"
      ? t("deadLetters.fromPoll", { stream: letter.stream ?? "" })
      : t("deadLetters.fromWebhook");
  return (
    <tr data-testid="dead-letter">
      <td>
        <time dateTime={letter.createdAt}>{formatDateTime(letter.createdAt)}</time>
        {letter.lastFailedAt !== letter.createdAt && (
          <div className="muted">
            {t("deadLetters.lastFailed")}{" "}
            <time dateTime={letter.lastFailedAt}>{formatDateTime(letter.lastFailedAt)}</time>
          </div>
        )}
      </td>
      <td>
        {origin}
        {letter.source && <div>{t(SOURCE_LABELS[letter.source])}</div>}
        {letter.channel?.name && <div className="muted">{letter.channel.name}</div>}
        {letter.receiptId && <div className="muted">{t("deadLetters.receipt", { id: letter.receiptId })}</div>}
      </td>
      <td>
        {letter.preview.authorName && <strong>{letter.preview.authorName}</strong>}
        {letter.payloadKind === "receipt" ? (
          <details>
            <summary>{t("deadLetters.rawDelivery")}</summary>
            <pre className="dead-letter-payload">{letter.preview.text}</pre>
          </details>
        ) : (
          <p className="dead-letter-text">{letter.preview.text}</p>
        )}
      </td>
      <td>
        <code>{letter.reason}</code>
        <div className="muted">{t("deadLetters.attempts", { count: letter.attempts })}</div>
      </td>
      <td>
        {letter.resolution === null ? (
          <div className="row-actions">
            <button type="button" disabled={busy} onClick={() => onAct("retry")} data-testid="dead-letter-retry">
              {t("deadLetters.retry")}
            </button>
            <button type="button" className="button--secondary" disabled={busy} onClick={() => onAct("dismiss")}>
              {t("deadLetters.dismiss")}
            </button>
          </div>
        ) : letter.resolution === "filed" ? (
          letter.itemId ? (
            <Link to={`/inbox/${letter.itemId}`}>{t("deadLetters.filed")}</Link>
          ) : (
            t("deadLetters.filed")
          )
        ) : (
          t("deadLetters.dismissed")
        )}
      </td>
    </tr>
  );
}

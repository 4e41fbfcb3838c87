import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import type { Channel, ChannelUsage } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { TextField } from "@web/components/Field";
import { ListTable } from "@web/components/ListTable";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { WhatsAppTemplates } from "./WhatsAppTemplates";
import { XSpend } from "./XSpend";

type ChannelUsagePanelProps = { channel: Channel; onClose(): void };

/** A channel's platform requests this month against its budget, per endpoint, its polls, and the budget itself. */
export function ChannelUsagePanel({ channel, onClose }: ChannelUsagePanelProps) {
  const { t } = useI18n();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a row further down: bring the panel into view, and screen readers to it.
  useEffect(() => heading.current?.focus(), []);
  const usage = useLoad(() => api.get<ChannelUsage>(`/channels/${channel.id}/usage`), [channel.id]);
  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="page-header">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t("channels.usageNamed", { name: channel.name })}
        </h2>
        <button type="button" className="button--secondary" onClick={onClose}>
          {t("channels.close")}
        </button>
      </div>
      <ErrorAlert error={usage.error} />
      {usage.loading && !usage.data && <p role="status">{t("common.loading")}</p>}
      {usage.data && (
        <>
          {usage.data.spend && <XSpend channelId={channel.id} spend={usage.data.spend} onChanged={usage.reload} />}
          {channel.kind === "whatsapp" && <WhatsAppTemplates channelId={channel.id} />}
          <RequestsAgainstBudget usage={usage.data} />
          <UsageTables usage={usage.data} />
          <BudgetForm channelId={channel.id} budget={usage.data.budget} onSaved={usage.reload} />
        </>
      )}
    </section>
  );
}

/** "Maret 2026" from the API's "2026-03". */
function useMonthName(month: string): string {
  const { intlLocale } = useI18n();
  return new Date(`${month}-01T00:00:00`).toLocaleDateString(intlLocale, { month: "long", year: "numeric" });
}

function RequestsAgainstBudget({ usage }: { usage: ChannelUsage }) {
  const { t } = useI18n();
  const meterId = useId();
  const { requests, budget } = usage;
  const month = useMonthName(usage.month);
  if (budget === null) {
    return (
      <>
        <p>{t("channels.usageMonth", { month })}</p>
        <p data-testid="usage-summary">{t("channels.usageUnlimited", { requests })}</p>
      </>
    );
  }
  const percent = budget === 0 ? 100 : Math.round((requests / budget) * 100);
  // <progress> needs a positive maximum; a budget of 0 shows as full.
  const max = Math.max(budget, 1);
  return (
    <div className="field">
      <p>{t("channels.usageMonth", { month })}</p>
      <label htmlFor={meterId}>{t("channels.usageProgress")}</label>
      <progress
        id={meterId}
        max={max}
        value={Math.min(requests, max)}
        aria-describedby={`${meterId}-text`}
        style={{ width: "100%" }}
      />
      <p id={`${meterId}-text`} data-testid="usage-summary">
        {t("channels.usageOfBudget", { requests, budget, percent })}
      </p>
    </div>
  );
}

function UsageTables({ usage }: { usage: ChannelUsage }) {
  const { t, formatDateTime } = useI18n();
  const settled = { loading: false, error: null };
  return (
    <>
      <h3>{t("channels.byEndpoint")}</h3>
      <ListTable
        list={{ ...settled, items: usage.byEndpoint.map((count) => ({ id: count.endpoint, ...count })) }}
        caption={t("channels.byEndpoint")}
        emptyText={t("channels.noRequests")}
        columns={[t("channels.endpoint"), t("channels.requests")]}
        row={(count) => (
          <tr>
            <th scope="row">
              <code>{count.endpoint}</code>
            </th>
            <td>{count.requests}</td>
          </tr>
        )}
      />
      <h3>{t("channels.polls")}</h3>
      <ListTable
        list={{ ...settled, items: usage.polls.map((poll) => ({ id: poll.stream, ...poll })) }}
        caption={t("channels.polls")}
        emptyText={t("channels.noPolls")}
        columns={[t("channels.stream"), t("channels.lastPolledAt"), t("channels.nextPollAt"), t("channels.lastError")]}
        row={(poll) => (
          <tr>
            <th scope="row">
              <code>{poll.stream}</code>
            </th>
            <td>
              {poll.lastPolledAt ? (
                <time dateTime={poll.lastPolledAt}>{formatDateTime(poll.lastPolledAt)}</time>
              ) : (
                t("channels.never")
              )}
            </td>
            <td>
              <time dateTime={poll.nextPollAt}>{formatDateTime(poll.nextPollAt)}</time>
            </td>
            <td>{poll.lastError ?? "—"}</td>
          </tr>
        )}
      />
    </>
  );
}

type BudgetFormProps = { channelId: string; budget: number | null; onSaved(): void };

/** The monthly request budget; an empty field means no limit. */
function BudgetForm({ channelId, budget, onSaved }: BudgetFormProps) {
  const { t } = useI18n();
  const [value, setValue] = useState(budget === null ? "" : String(budget));
  const [saved, setSaved] = useState(false);
  const save = useAction((monthlyRequestBudget: number | null) =>
    api.patch<Channel>(`/channels/${channelId}`, { monthlyRequestBudget }),
  );
  const errors = fieldErrorsOf(save.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const done = await save.run(value.trim() === "" ? null : Number(value));
    if (!done) return;
    setSaved(true);
    onSaved();
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <TextField
        label={t("channels.budget")}
        hint={t("channels.budgetHint")}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={errors.monthlyRequestBudget}
      />
      <ErrorAlert error={save.error} />
      {saved && <Notice>{t("channels.budgetSaved")}</Notice>}
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          {t("channels.saveBudget")}
        </button>
      </div>
    </form>
  );
}

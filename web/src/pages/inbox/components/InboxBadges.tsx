import type { InboxItem, InboxSource, InboxStatus, Urgency } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { INBOX_STATUS_LABELS, SOURCE_LABELS, SOURCE_MARKS, URGENCY_LABELS } from "@web/pages/inbox/labels";
import { isClosed, isOverdue } from "@web/pages/inbox/lifecycle";

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 jam yang lalu", "dalam 2 hari": the largest whole unit between `iso` and `now`. */
export function useRelativeTime() {
  const { intlLocale } = useI18n();
  const format = new Intl.RelativeTimeFormat(intlLocale, { numeric: "auto" });
  return (iso: string, now: number): string => {
    const difference = Date.parse(iso) - now;
    const [unit, size] = RELATIVE_UNITS.find(([, size]) => Math.abs(difference) >= size) ?? ["minute", 60_000];
    return format.format(Math.round(difference / size), unit);
  };
}

/** A relative time with the absolute one (in this device's zone) on hover and for machines. */
export function TimeAgo({ iso, now }: { iso: string; now: number }) {
  const { formatDateTime } = useI18n();
  const relative = useRelativeTime();
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relative(iso, now)}
    </time>
  );
}

/** Urgency in words and colour; darurat and tinggi stand out (not by colour alone: the word is there). */
export function UrgencyBadge({ urgency }: { urgency: Urgency | null }) {
  const { t } = useI18n();
  if (!urgency) return <span className="muted">{t("inbox.untriaged")}</span>;
  return <span className={`badge urgency--${urgency}`}>{t(URGENCY_LABELS[urgency])}</span>;
}

export function InboxStatusBadge({ status }: { status: InboxStatus }) {
  const { t } = useI18n();
  return <span className={`badge inbox-status--${status}`}>{t(INBOX_STATUS_LABELS[status])}</span>;
}

export function SourceLabel({ source, channelName }: { source: InboxSource; channelName?: string }) {
  const { t } = useI18n();
  return (
    <span className="source-label" title={channelName}>
      <span className={`channel-mark source-mark--${source}`} aria-hidden="true">
        {SOURCE_MARKS[source]}
      </span>{" "}
      {t(SOURCE_LABELS[source])}
    </span>
  );
}

/** Late, or the time left for the first response while one is still owed. */
export function DeadlineState({ item, now }: { item: InboxItem; now: number }) {
  const { t } = useI18n();
  const relative = useRelativeTime();
  if (isOverdue(item)) return <span className="badge deadline--overdue">{t("deadline.overdue")}</span>;
  const { firstResponseDueAt, firstRespondedAt } = item.deadlines;
  if (firstResponseDueAt && !firstRespondedAt && !isClosed(item.status)) {
    return (
      <span className="deadline--due">
        {t("deadline.firstResponseDue", { when: relative(firstResponseDueAt, now) })}
      </span>
    );
  }
  return <span className="muted">—</span>;
}

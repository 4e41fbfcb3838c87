import type { InboxItem, InboxSource, InboxStatus, Urgency } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { INBOX_STATUS_LABELS, SOURCE_LABELS, SOURCE_MARKS, URGENCY_LABELS } from "@web/pages/inbox/labels";

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

/** "7 Des 14.00": a due time to the minute, short enough for a list, in this device's zone. */
function useShortDateTime() {
  const { intlLocale } = useI18n();
  const format = new Intl.DateTimeFormat(intlLocale, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  return (iso: string) => format.format(new Date(iso));
}

/**
 * The deadline still owed, at its exact time, with how long is left (or "late"), and whether it
 * is the first response or the resolution that is due.
 */
export function DeadlineState({ item, now }: { item: InboxItem; now: number }) {
  const { t, formatDateTime } = useI18n();
  const relative = useRelativeTime();
  const exact = useShortDateTime();
  const { owed } = item.deadlines;
  if (!owed) return <span className="muted">—</span>;
  const late = Date.parse(owed.at) < now;
  return (
    <span className="deadline" data-testid="inbox-deadline">
      <time dateTime={owed.at} title={formatDateTime(owed.at)} className="deadline__at">
        {exact(owed.at)}
      </time>
      <span className={late ? "badge deadline--overdue" : "deadline--due"}>
        {late
          ? t("deadline.overdue")
          : t(owed.target === "firstResponse" ? "deadline.firstResponseDue" : "deadline.resolutionDue", {
              when: relative(owed.at, now),
            })}
      </span>
    </span>
  );
}

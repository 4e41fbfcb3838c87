import type { InboxEvent, InboxStatus } from "../../api/types";
import { useI18n } from "../../i18n";
import { TimeAgo } from "./InboxBadges";
import { EVENT_LABELS, INBOX_STATUS_LABELS } from "./labels";

/** The status move an event records ({status: {from, to}}), if any. */
function statusMove(event: InboxEvent): { from: InboxStatus; to: InboxStatus } | null {
  const move = event.data?.status as { from?: InboxStatus; to?: InboxStatus } | undefined;
  return move?.from && move.to && move.from !== move.to ? { from: move.from, to: move.to } : null;
}

/** Everything that happened to the item; public replies and internal notes look and read differently. */
export function Timeline({ events, now }: { events: readonly InboxEvent[]; now: number }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      <ol className="timeline">
        {events.map((event) => {
          const move = statusMove(event);
          return (
            <li key={event.id} className={`timeline__event timeline__event--${event.type} timeline__event--${event.visibility}`} data-testid={`timeline-${event.type}`}>
              <p className="timeline__head">
                <strong>{t(EVENT_LABELS[event.type])}</strong>
                {event.body !== null && (
                  <span className={`badge visibility--${event.visibility}`}>{t(event.visibility === "public" ? "timeline.public" : "timeline.internal")}</span>
                )}
                <span className="muted">
                  {event.actor?.name ?? t("timeline.system")} · <TimeAgo iso={event.at} now={now} />
                </span>
              </p>
              {event.body !== null && <p className="timeline__body">{event.body}</p>}
              {move && <p className="muted">{t("timeline.statusMove", { from: t(INBOX_STATUS_LABELS[move.from]), to: t(INBOX_STATUS_LABELS[move.to]) })}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import { Link } from "react-router-dom";
import type { InboxEvent, InboxSource, InboxStatus } from "@web/api/types";
import { useI18n } from "@web/i18n";
import type { MessageKey } from "@web/i18n";
import { TimeAgo } from "./InboxBadges";
import { EVENT_LABELS, INBOX_STATUS_LABELS } from "@web/pages/inbox/labels";

/** The status move an event records ({status: {from, to}}), if any. */
function statusMove(event: InboxEvent): { from: InboxStatus; to: InboxStatus } | null {
  const move = event.data?.status as { from?: InboxStatus; to?: InboxStatus } | undefined;
  return move?.from && move.to && move.from !== move.to ? { from: move.from, to: move.to } : null;
}

// The reason recorded when Siar has no mail server (server/inbox/replyEmail.ts).
const SMTP_NOT_CONFIGURED = "smtp_not_configured";

/** A file an e-mail carried, as filing listed it (server/inbox/email/attachments.ts). */
type ListedAttachment = { name: string; type: string; bytes: number; kept: boolean };

/** An e-mail's files: the photo kept (shown with the item), the others named only. */
function MailAttachments({ files }: { files: ListedAttachment[] }) {
  const { t } = useI18n();
  return (
    <ul className="muted">
      {files.map((file, index) => (
        <li key={`${file.name}-${index}`}>
          {t(file.kept ? "timeline.attachmentKept" : "timeline.attachmentNotKept", {
            name: file.name,
            type: file.type,
            kb: Math.ceil(file.bytes / 1024),
          })}
        </li>
      ))}
    </ul>
  );
}

/**
 * Who sees a reply, by where it went: a private message's reply reaches only its sender, a web
 * report's the reporter (by e-mail and on the tracking page); comments and mentions are public.
 */
const REPLY_AUDIENCE: Record<InboxSource, MessageKey> = {
  facebook_comment: "timeline.public",
  instagram_comment: "timeline.public",
  x_mention: "timeline.public",
  facebook_message: "timeline.private",
  web_report: "timeline.toReporter",
  email: "timeline.private",
  whatsapp_message: "timeline.private",
};

/** Whom an assignment gave the item to (or took it from) and where it moved, said with the names. */
function AssignmentDetail({ event }: { event: InboxEvent }) {
  const { t } = useI18n();
  const { assignee, unit } = event.assignment ?? {};
  const actor = event.actor?.name ?? t("timeline.system");
  return (
    <>
      {unit?.to && <p>{t("timeline.movedTo", { actor, unit: unit.to })}</p>}
      {assignee?.to && <p>{t("timeline.assignedTo", { actor, assignee: assignee.to })}</p>}
      {assignee?.from && !assignee.to && <p>{t("timeline.unassigned", { actor, assignee: assignee.from })}</p>}
    </>
  );
}

/** What an event adds beyond its label: where an e-mail went or why not, an e-mail's files, and links between merged items. */
function EventDetail({ event }: { event: InboxEvent }) {
  const { t } = useI18n();
  const data = event.data ?? {};
  if (event.type === "assigned") return <AssignmentDetail event={event} />;
  if (Array.isArray(data.attachments) && data.attachments.length > 0)
    return <MailAttachments files={data.attachments as ListedAttachment[]} />;
  const linked = (key: "into" | "from") => (typeof data[key] === "string" ? (data[key] as string) : null);
  if (event.delivery) {
    const { status, error } = event.delivery;
    if (status === "failed")
      return (
        <p className="alert alert--error" data-testid="reply-delivery">
          {t("timeline.whatsappFailed", { reason: error ? `${error.code} ${error.title ?? ""}`.trim() : "" })}
        </p>
      );
    return (
      <p className="muted" data-testid="reply-delivery">
        {t(`timeline.whatsapp.${status}`)}
      </p>
    );
  }
  if (event.type === "email") {
    if (data.status === "sent") return <p className="muted">{t("timeline.emailSent")}</p>;
    const reason = data.reason === SMTP_NOT_CONFIGURED ? t("timeline.emailNotConfigured") : String(data.reason ?? "");
    return <p className="alert alert--error">{t("timeline.emailFailed", { reason })}</p>;
  }
  if (event.type === "deadline_moved") {
    const resolution = data.resolutionDueAt as { to?: string } | undefined;
    return resolution?.to ? (
      <p className="muted">
        {t("timeline.deadlineMoved", {
          to: new Date(resolution.to).toLocaleString(),
          decree: String(data.decree ?? ""),
        })}
      </p>
    ) : null;
  }
  const into = event.type === "merged" ? linked("into") : null;
  if (into)
    return (
      <p>
        <Link to={`/inbox/${into}`}>{t("timeline.openMergedInto")}</Link>
      </p>
    );
  const from = event.type === "merged_in" ? linked("from") : null;
  if (from)
    return (
      <p>
        <Link to={`/inbox/${from}`}>{t("timeline.openMergedFrom")}</Link>
      </p>
    );
  return null;
}

/** Everything that happened to the item; public replies and internal notes look and read differently. */
export function Timeline({
  events,
  source,
  now,
}: {
  events: readonly InboxEvent[];
  /** The item's source: where its public replies went. */
  source: InboxSource;
  now: number;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      <ol className="timeline">
        {events.map((event) => {
          const move = statusMove(event);
          return (
            <li
              key={event.id}
              className={`timeline__event timeline__event--${event.type} timeline__event--${event.visibility}`}
              data-testid={`timeline-${event.type}`}
            >
              <p className="timeline__head">
                <strong>{t(EVENT_LABELS[event.type])}</strong>
                {event.body !== null && (
                  <span className={`badge visibility--${event.visibility}`}>
                    {t(event.visibility === "public" ? REPLY_AUDIENCE[source] : "timeline.internal")}
                  </span>
                )}
                <span className="muted">
                  {event.actor?.name ?? t("timeline.system")} · <TimeAgo iso={event.at} now={now} />
                </span>
              </p>
              {event.body !== null && <p className="timeline__body">{event.body}</p>}
              <EventDetail event={event} />
              {move && (
                <p className="muted">
                  {t("timeline.statusMove", {
                    from: t(INBOX_STATUS_LABELS[move.from]),
                    to: t(INBOX_STATUS_LABELS[move.to]),
                  })}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

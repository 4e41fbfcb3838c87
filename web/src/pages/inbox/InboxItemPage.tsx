import { Link, useParams } from "react-router-dom";
import type { InboxItem, InboxItemDetail, InboxViewer } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useI18n } from "@web/i18n";
import { CitizenText, ExternalLink, safeHref } from "./components/CitizenText";
import { Composer } from "./components/Composer";
import { Deadlines } from "./components/Deadlines";
import { InboxStatusBadge, SourceLabel, TimeAgo, UrgencyBadge } from "./components/InboxBadges";
import { usePresence } from "./hooks/inboxSocket";
import { ItemHandling } from "./components/ItemHandling";
import { LaporPanel } from "./components/LaporPanel";
import { MergePanel } from "./components/MergePanel";
import { firstLine } from "./lifecycle";
import { Timeline } from "./components/Timeline";
import { ThumbBar } from "./components/ThumbBar";
import { TriagePanel } from "./components/TriagePanel";
import { useInboxItem } from "./hooks/useInboxItem";
import { useNow } from "./hooks/useNow";
import { PpidRequestPanel } from "@web/pages/ppid/components/PpidRequestPanel";

/** One citizen's message: what they wrote and where, its triage, handling, deadlines and timeline. */
export function InboxItemPage() {
  const { t } = useI18n();
  const id = useParams().id!;
  const { detail, item, write } = useInboxItem(id);
  const presence = usePresence(id);
  const now = useNow();

  if (!item || !detail.data) {
    return (
      <Page title={t("nav.inbox")}>
        <ErrorAlert error={detail.error} />
        {detail.loading && <p role="status">{t("common.loading")}</p>}
      </Page>
    );
  }
  const { post, conversation, earlierFromAuthor, timeline } = detail.data;
  return (
    <Page
      title={t("inboxItem.title", { name: item.author.name })}
      actions={
        <p className="inbox-item__badges">
          <UrgencyBadge urgency={item.urgency} />
          <InboxStatusBadge status={item.status} />
        </p>
      }
    >
      <p className="muted">
        <Link to="/inbox">{t("inboxItem.back")}</Link>
      </p>
      <Presence viewers={presence.viewers} />
      <ErrorAlert error={detail.error} />
      <div className="inbox-item" key={item.id}>
        <div className="inbox-item__main">
          <Message item={item} post={post} now={now} />
          <RelatedItems title={t("inboxItem.conversation")} items={conversation} now={now} />
          <RelatedItems
            title={t("inboxItem.earlierFromAuthor", { name: item.author.name })}
            items={earlierFromAuthor}
            now={now}
          />
          <Timeline events={timeline} source={item.source} now={now} />
          {item.permissions.handle && (
            <Composer item={item} whatsapp={detail.data.whatsapp} write={write} onTyping={presence.setTyping} />
          )}
        </div>
        <div className="inbox-item__side">
          <TriagePanel item={item} write={write} />
          <ItemHandling item={item} write={write} />
          <MergePanel item={item} related={[...conversation, ...earlierFromAuthor]} write={write} now={now} />
          <Deadlines item={item} now={now} />
          {item.permissions.handle && (
            <LaporPanel itemId={item.id} revision={timeline.length} now={now} onChange={detail.reload} />
          )}
          <PpidRequestPanel itemId={item.id} linked={detail.data.ppidRequest} />
        </div>
      </div>
      <ThumbBar item={item} write={write} />
    </Page>
  );
}

/** "Also open: …" and "… is typing…", from the others who have this item open. */
function Presence({ viewers }: { viewers: readonly InboxViewer[] }) {
  const { t } = useI18n();
  const typing = viewers.filter((viewer) => viewer.typing);
  return (
    <div className="presence" aria-live="polite">
      {viewers.length > 0 && <p>{t("presence.viewing", { names: viewers.map((viewer) => viewer.name).join(", ") })}</p>}
      {typing.map((viewer) => (
        <p key={viewer.id} className="presence__typing">
          {t("presence.typing", { name: viewer.name })}
        </p>
      ))}
    </div>
  );
}

/** Voice notes and videos play in place; documents open in a new tab (served to staff only). */
function CitizenFiles({ files }: { files: InboxItem["files"] }) {
  const { t } = useI18n();
  return (
    <ul className="citizen-files" aria-label={t("inboxItem.files")}>
      {files.map((file) => (
        <li key={file.url}>
          <span className="muted">{t(`inboxItem.file.${file.type as "audio" | "video" | "document"}`)} </span>
          {file.type === "audio" && (
            // biome-ignore lint/a11y/useMediaCaption: a citizen's voice note comes without captions; staff listen to it.
            <audio controls src={file.url} preload="none" />
          )}
          {file.type === "video" && (
            // biome-ignore lint/a11y/useMediaCaption: a citizen's video comes without captions.
            <video controls src={file.url} preload="none" width={320} />
          )}
          {file.type === "document" && (
            <a href={file.url} target="_blank" rel="noreferrer">
              {file.mimeType}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

function Message({ item, post, now }: { item: InboxItem; post: InboxItemDetail["post"]; now: number }) {
  const { t } = useI18n();
  const attachments = item.attachments.flatMap((attachment) => {
    const href = safeHref(attachment.url);
    return href ? [{ ...attachment, href }] : [];
  });
  return (
    <article className="panel citizen-message" aria-labelledby="message-title">
      <h2 id="message-title" className="citizen-message__author">
        {item.author.name}
        {item.author.handle && <span className="muted"> @{item.author.handle}</span>}
        {item.author.phone && (
          <span className="muted" data-testid="author-phone">
            {" "}
            {item.author.phone}
          </span>
        )}
      </h2>
      <p className="muted">
        <SourceLabel source={item.source} channelName={item.channel?.name} />
        {item.channel && ` · ${item.channel.name}`} · <TimeAgo iso={item.sentAt} now={now} />
        {item.trackingNumber && ` · ${t("inboxItem.trackingNumber", { number: item.trackingNumber })}`}
      </p>
      <CitizenText text={item.text} />
      {item.photo && (
        <figure className="citizen-photo">
          <a href={item.photo.url} target="_blank" rel="noreferrer">
            <img src={item.photo.url} alt={t("inboxItem.photoAlt", { name: item.author.name })} />
          </a>
          <figcaption className="muted">{t("inboxItem.photoCaption")}</figcaption>
        </figure>
      )}
      {item.files.length > 0 && <CitizenFiles files={item.files} />}
      {attachments.length > 0 && (
        <ul className="chips" aria-label={t("inboxItem.attachments")}>
          {attachments.map((attachment, index) => (
            <li key={attachment.href} className="chip">
              <ExternalLink href={attachment.href}>
                {t("inboxItem.attachment", { position: index + 1, type: attachment.type })}
              </ExternalLink>
            </li>
          ))}
        </ul>
      )}
      <dl className="facts">
        {item.contact && (
          <div>
            <dt>{t("inboxItem.contact")}</dt>
            <dd>{[item.contact.name, item.contact.phone, item.contact.email].filter(Boolean).join(" · ")}</dd>
          </div>
        )}
        {item.location && (
          <div>
            <dt>{t("inboxItem.location")}</dt>
            <dd>
              {item.location.lat}, {item.location.lng}
            </dd>
          </div>
        )}
        {post && (
          <div>
            <dt>{t("inboxItem.answersPost")}</dt>
            <dd>
              <Link to={`/posts/${post.id}`}>{post.title}</Link>
            </dd>
          </div>
        )}
        {item.mergedIntoId && (
          <div>
            <dt>{t("inboxItem.mergedInto")}</dt>
            <dd>
              <Link to={`/inbox/${item.mergedIntoId}`}>{t("inboxItem.openItem")}</Link>
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}

/** Other messages related to this one: the rest of the thread, or the author's earlier ones. */
function RelatedItems({ title, items, now }: { title: string; items: readonly InboxItem[]; now: number }) {
  if (items.length === 0) return null;
  return (
    <section className="related" aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/inbox/${item.id}`}>{firstLine(item.text)}</Link>{" "}
            <span className="muted">
              · <TimeAgo iso={item.receivedAt} now={now} />
            </span>{" "}
            <InboxStatusBadge status={item.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}

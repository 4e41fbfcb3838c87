import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { Notification } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useCursorList } from "@web/hooks/useCursorList";
import { useI18n } from "@web/i18n";
import { useSocketEvent } from "@web/realtime/RealtimeContext";
import { markAllRead, markRead } from "./api";

/** The notification centre: newest first, unread marked, each a link to its post or item. */
export function NotificationsPage() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useCursorList<Notification>("/notifications", { unread: unreadOnly, limit: 50 });
  // A new notification, or one read in another tab: the list follows.
  useSocketEvent("notifications.count", () => list.reload());
  const readOne = useAction(markRead);
  const readAll = useAction(async () => {
    await markAllRead();
    list.reload();
  });
  const open = async (notification: Notification) => {
    if (!notification.read) await readOne.run(notification.id);
    navigate(notification.path);
  };

  return (
    <Page
      title={t("notifications.title")}
      actions={
        <button type="button" onClick={() => void readAll.run()} disabled={readAll.busy}>
          {t("notifications.markAllRead")}
        </button>
      }
    >
      <label className="checkbox">
        <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
        {t("notifications.onlyUnread")}
      </label>
      <ErrorAlert error={list.error ?? readOne.error ?? readAll.error} />
      {list.items.length === 0 && !list.loading && <p>{t("notifications.empty")}</p>}
      <ul className="notification-list" data-testid="notification-list">
        {list.items.map((notification) => (
          <li key={notification.id} className={notification.read ? undefined : "notification--unread"}>
            <span className="notification__text">
              <strong>
                {t(`notifications.kind.${notification.kind}`, { actor: notification.actor?.name ?? "Siar" })}
              </strong>
              {": "}
              <Link
                to={notification.path}
                onClick={(event) => {
                  event.preventDefault();
                  void open(notification);
                }}
              >
                {notification.subject.title}
              </Link>
              {notification.subject.unitName && <span className="muted"> · {notification.subject.unitName}</span>}
            </span>
            <span className="muted">{formatDateTime(notification.createdAt)}</span>
            {!notification.read && (
              <button
                type="button"
                className="button--secondary"
                onClick={() => void readOne.run(notification.id).then(list.reload)}
              >
                {t("notifications.markRead")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {list.hasMore && (
        <button type="button" className="button--secondary" onClick={list.loadMore} disabled={list.loading}>
          {t("common.loadMore")}
        </button>
      )}
    </Page>
  );
}

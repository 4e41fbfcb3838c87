import { useState } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "@web/i18n";
import { ADMIN_CHANNELS } from "@web/navigation";
import { useSocketEvent } from "@web/realtime/RealtimeContext";

type NeedsReconnect = { channelId: string; reason: string };

/**
 * For admins: a platform refused a channel's token ("channel.needsReconnect"), so posting and
 * polling stop until someone reconnects it. One dismissible notice per channel, the latest reason.
 */
export function ChannelReconnectNotices() {
  const { t } = useI18n();
  const [notices, setNotices] = useState<NeedsReconnect[]>([]);
  const dismiss = (channelId: string) =>
    setNotices((current) => current.filter((notice) => notice.channelId !== channelId));
  useSocketEvent<NeedsReconnect>("channel.needsReconnect", (notice) =>
    setNotices((current) => [...current.filter((other) => other.channelId !== notice.channelId), notice]),
  );

  return (
    <>
      {notices.map((notice) => (
        <div key={notice.channelId} className="alert alert--error" role="alert" data-testid="channel-reconnect-notice">
          <p>
            {t("channels.needsReconnect", { reason: notice.reason })}{" "}
            <Link to={ADMIN_CHANNELS.path} onClick={() => dismiss(notice.channelId)}>
              {t("channels.reconnectLink")}
            </Link>
          </p>
          <button type="button" className="button--secondary" onClick={() => dismiss(notice.channelId)}>
            {t("channels.dismiss")}
          </button>
        </div>
      ))}
    </>
  );
}

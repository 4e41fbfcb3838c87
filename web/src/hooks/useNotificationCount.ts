import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";
import { api } from "@web/api/client";
import { setUnreadInTitle } from "@web/tabTitle";

/**
 * The signed-in user's unread notifications: read at start and whenever the socket (re)connects,
 * then as the server pushes "notifications.count". Also shown in the tab title.
 */
export function useNotificationCount(socket: Socket | null): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let current = true;
    const fetchCount = () =>
      api
        .get<{ unread: number }>("/notifications/count")
        .then((body) => current && setUnread(body.unread))
        .catch(() => {}); // The next push or reconnect brings it.
    void fetchCount();
    const pushed = ({ unread: count }: { unread: number }) => setUnread(count);
    socket?.on("notifications.count", pushed);
    socket?.on("connect", fetchCount);
    return () => {
      current = false;
      socket?.off("notifications.count", pushed);
      socket?.off("connect", fetchCount);
    };
  }, [socket]);
  useEffect(() => setUnreadInTitle(unread), [unread]);
  useEffect(() => () => setUnreadInTitle(0), []);
  return unread;
}

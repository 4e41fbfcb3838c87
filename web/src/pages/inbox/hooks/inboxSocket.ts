import { useCallback, useContext, useEffect, useRef, useState } from "react";
import type { InboxItem, InboxViewer } from "@web/api/types";
import { RealtimeContext, useSocketEvent } from "@web/realtime/RealtimeContext";
import { useSignedIn } from "@web/session/SessionProvider";

// The inbox's socket contract: "inbox.item.updated" {item} for every item that arrives or changes,
// and presence: "inbox.viewing" / "inbox.typing" out, "inbox.presence" back. Without a socket (or
// before the server speaks it) the pages simply get no live updates.

export function useInboxItemUpdates(handler: (item: InboxItem) => void) {
  useSocketEvent<{ item: InboxItem }>("inbox.item.updated", ({ item }) => handler(item));
}

// Typing stops being announced this long after the last keystroke.
const TYPING_IDLE_MS = 4_000;

/**
 * Announces that this user has the item open (again after each reconnect) and whether they are
 * typing; returns the others who have it open.
 */
export function usePresence(itemId: string) {
  const socket = useContext(RealtimeContext);
  const me = useSignedIn().user.id;
  const [viewers, setViewers] = useState<InboxViewer[]>([]);
  const typing = useRef(false);
  const idleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    setViewers([]);
    if (!socket) return;
    const announce = () => socket.emit("inbox.viewing", { itemId });
    announce();
    socket.on("connect", announce);
    return () => {
      socket.off("connect", announce);
      clearTimeout(idleTimer.current);
      if (typing.current) socket.emit("inbox.typing", { itemId, typing: false });
      typing.current = false;
      socket.emit("inbox.viewing", { itemId: null });
    };
  }, [socket, itemId]);

  useSocketEvent<{ itemId: string; viewers: InboxViewer[] }>("inbox.presence", (presence) => {
    if (presence.itemId === itemId) setViewers(presence.viewers.filter((viewer) => viewer.id !== me));
  });

  const setTyping = useCallback(
    (now: boolean) => {
      clearTimeout(idleTimer.current);
      if (now) idleTimer.current = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
      if (!socket || typing.current === now) return;
      typing.current = now;
      socket.emit("inbox.typing", { itemId, typing: now });
    },
    [socket, itemId],
  );

  return { viewers, setTyping };
}

import { createContext, useContext, useEffect, useRef } from "react";
import type { Socket } from "socket.io-client";
import type { Post } from "@web/api/types";

/** The signed-in session's socket (null until connected), provided by the app layout. */
export const RealtimeContext = createContext<Socket | null>(null);

/** Calls `handler` with each payload of `event` while the socket is connected. */
export function useSocketEvent<P>(event: string, handler: (payload: P) => void) {
  const socket = useContext(RealtimeContext);
  // The latest handler, so callers may pass a fresh closure each render without resubscribing.
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: P) => latest.current(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}

/** Calls `handler` with each post the server reports changed ("post.updated"). */
export function usePostUpdates(handler: (post: Post) => void) {
  useSocketEvent<{ post: Post }>("post.updated", ({ post }) => handler(post));
}

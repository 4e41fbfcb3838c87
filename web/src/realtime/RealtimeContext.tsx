import { createContext, useContext, useEffect, useRef } from "react";
import type { Socket } from "socket.io-client";
import type { Post } from "../api/types";

/** The signed-in session's socket (null until connected), provided by the app layout. */
export const RealtimeContext = createContext<Socket | null>(null);

/** Calls `handler` with each post the server reports changed ("post.updated"). */
export function usePostUpdates(handler: (post: Post) => void) {
  const socket = useContext(RealtimeContext);
  // The latest handler, so callers may pass a fresh closure each render without resubscribing.
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ({ post }: { post: Post }) => latest.current(post);
    socket.on("post.updated", listener);
    return () => {
      socket.off("post.updated", listener);
    };
  }, [socket]);
}

import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";

/**
 * Keeps a socket.io connection open while signed in. The server ends a user's sockets when
 * their access changes or their session ends; then the session is re-checked, which signs the
 * app out on 401 (the router then shows the login page) or reconnects with fresh rooms.
 * Returns the socket, for pages that listen to live events (see RealtimeContext).
 */
export function useSessionSocket(userId: string, recheckSession: () => Promise<unknown>): Socket | null {
  const [current, setCurrent] = useState<Socket | null>(null);
  useEffect(() => {
    const socket = io({ path: "/socket.io", withCredentials: true });
    setCurrent(socket);
    const recheck = (reconnect: boolean) =>
      recheckSession()
        .then((session) => {
          if (session && reconnect) socket.connect();
        })
        .catch(() => {
          // Server unreachable: stay disconnected; the next API call tells whether the session holds.
        });

    socket.on("disconnect", (reason) => {
      if (reason === "io server disconnect") void recheck(true);
    });
    // A refused handshake (the session ended before the socket connected) is final for socket.io.
    socket.on("connect_error", () => {
      if (!socket.active) void recheck(false);
    });
    return () => {
      socket.disconnect();
      setCurrent(null);
    };
  }, [userId, recheckSession]);
  return current;
}

import { io, type Socket } from "socket.io-client";

export type SocketEvent = { event: string; payload: any };

/**
 * A signed-in browser's live connection, recording every event it receives; resolves once the
 * server has said "ready" (its rooms are joined). The caller closes it.
 */
export async function recordingSocket(url: string, cookie: string): Promise<{ socket: Socket; events: SocketEvent[] }> {
  const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  const events: SocketEvent[] = [];
  socket.onAny((event, payload) => events.push({ event, payload }));
  await new Promise((resolve) => socket.once("ready", resolve));
  return { socket, events };
}

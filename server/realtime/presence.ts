import type { Socket } from "socket.io";
import { itemSubject } from "@server/inbox/itemRecord.js";
import { z } from "zod";
import type { Actor } from "@server/auth/actor.js";
import { can } from "@server/policies/index.js";
import type { Services } from "@server/services.js";
import type { SocketServer } from "./liveEvents.js";

const viewing = z.object({ itemId: z.uuid().nullable() });
const typing = z.object({ itemId: z.uuid(), typing: z.boolean() });

type PresenceData = { actor: Actor; viewing?: string | null; typing?: boolean };

/**
 * Who has an item open, and who is typing a reply to it, for the others looking at it, on every
 * process: the adapter asks the other processes for their sockets in the item's room. A
 * process that has just been killed answers no more until it is taken for gone (cluster.ts);
 * meanwhile this process's own viewers are told.
 */
async function broadcast(io: SocketServer, itemId: string, logger: Services["logger"]): Promise<void> {
  const room = `item:${itemId}`;
  const sockets = await io
    .in(room)
    .fetchSockets()
    .catch((error: unknown) => {
      logger.warn({ err: error, itemId }, "presence: another process did not answer");
      return io.local.in(room).fetchSockets();
    });
  const viewers = new Map<string, { id: string; name: string; typing: boolean }>();
  for (const socket of sockets) {
    const data = socket.data as PresenceData;
    const previous = viewers.get(data.actor.id);
    viewers.set(data.actor.id, {
      id: data.actor.id,
      name: data.actor.name,
      typing: (previous?.typing ?? false) || !!data.typing,
    });
  }
  io.to(room).emit("inbox.presence", { itemId, viewers: [...viewers.values()] });
}

/**
 * Two people opening the same item see each other there and see when the other is replying.
 * A socket may join an item's room only if its user may read the item; bad messages are ignored.
 */
export function trackPresence(io: SocketServer, socket: Socket, services: Services): void {
  const data = socket.data as PresenceData;

  const leave = async () => {
    const previous = await stopViewing(socket);
    if (previous) await broadcast(io, previous, services.logger);
  };

  socket.on("inbox.viewing", async (payload: unknown) => {
    const parsed = viewing.safeParse(payload);
    if (!parsed.success) return;
    await leave();
    const { itemId } = parsed.data;
    if (!itemId) return;
    const item = await services.prisma.inboxItem.findUnique({
      where: { id: itemId },
      select: { unit: { select: { path: true } }, informedUnit: { select: { path: true } } },
    });
    if (!item || !can(data.actor, "read", "InboxItem", itemSubject(item))) return;
    data.viewing = itemId;
    await socket.join(`item:${itemId}`);
    await broadcast(io, itemId, services.logger);
  });

  socket.on("inbox.typing", async (payload: unknown) => {
    const parsed = typing.safeParse(payload);
    if (!parsed.success || parsed.data.itemId !== data.viewing) return;
    data.typing = parsed.data.typing;
    await broadcast(io, parsed.data.itemId, services.logger);
  });

  // A process shutting down tells the others first (leaveAllItems), while it still can.
  socket.on("disconnect", (reason) => {
    if (reason !== "server shutting down") void leave().catch(() => {});
  });
}

/** Takes the socket out of the item it views; returns that item's id. */
async function stopViewing(socket: { data: unknown; leave(room: string): unknown }): Promise<string | null> {
  const data = socket.data as PresenceData;
  const previous = data.viewing ?? null;
  if (!previous) return null;
  data.viewing = null;
  data.typing = false;
  await socket.leave(`item:${previous}`);
  return previous;
}

/** Before this process stops: its viewers leave their items, and the viewers on the other processes are told. */
export async function leaveAllItems(io: SocketServer, logger: Services["logger"]): Promise<void> {
  const left = new Set<string>();
  for (const socket of io.of("/").sockets.values()) {
    const itemId = await stopViewing(socket);
    if (itemId) left.add(itemId);
  }
  await Promise.all([...left].map((itemId) => broadcast(io, itemId, logger)));
}

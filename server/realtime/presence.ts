import type { Server, Socket } from "socket.io";
import { itemSubject } from "@server/inbox/itemRecord.js";
import { z } from "zod";
import type { Actor } from "@server/auth/actor.js";
import { can } from "@server/policies/index.js";
import type { Services } from "@server/services.js";

const viewing = z.object({ itemId: z.uuid().nullable() });
const typing = z.object({ itemId: z.uuid(), typing: z.boolean() });

type PresenceData = { actor: Actor; viewing?: string | null; typing?: boolean };

/** Who has an item open, and who is typing a reply to it, for the others looking at it. */
async function broadcast(io: Server, itemId: string): Promise<void> {
  const sockets = await io.in(`item:${itemId}`).fetchSockets();
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
  io.to(`item:${itemId}`).emit("inbox.presence", { itemId, viewers: [...viewers.values()] });
}

/**
 * Two people opening the same item see each other there and see when the other is replying.
 * A socket may join an item's room only if its user may read the item; bad messages are ignored.
 */
export function trackPresence(io: Server, socket: Socket, services: Services): void {
  const data = socket.data as PresenceData;

  const leave = async () => {
    const previous = data.viewing;
    if (!previous) return;
    data.viewing = null;
    data.typing = false;
    await socket.leave(`item:${previous}`);
    await broadcast(io, previous);
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
    await broadcast(io, itemId);
  });

  socket.on("inbox.typing", async (payload: unknown) => {
    const parsed = typing.safeParse(payload);
    if (!parsed.success || parsed.data.itemId !== data.viewing) return;
    data.typing = parsed.data.typing;
    await broadcast(io, parsed.data.itemId);
  });

  socket.on("disconnect", () => void leave().catch(() => {}));
}

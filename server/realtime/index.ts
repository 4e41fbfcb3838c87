import type http from "node:http";
import { parse as parseCookies } from "cookie";
import { Server } from "socket.io";
import type { Actor } from "@server/auth/actor.js";
import type { Config } from "@server/config.js";
import { resolveSession, SESSION_COOKIE } from "@server/auth/sessions.js";
import { loadWarnings } from "@server/inbox/earlyWarning.js";
import { inboxItemInclude, itemSubject } from "@server/inbox/itemRecord.js";
import { postInclude } from "@server/commands/posts.js";
import { can, seesAllUnits } from "@server/policies/index.js";
import { presentEarlyWarning } from "@server/presenters/earlyWarning.js";
import { presentInboxItem } from "@server/presenters/inboxItem.js";
import { presentPost } from "@server/presenters/post.js";
import { unreadCount } from "@server/notifications/reading.js";
import { type LiveEvents, type SocketServer, shareLiveEvents } from "./liveEvents.js";
import type { SocketCluster } from "./cluster.js";
import { leaveAllItems, trackPresence } from "./presence.js";
import type { Services } from "@server/services.js";

/** Rooms a signed-in socket joins: its user, each of its units, and "all" for roles that see every unit. */
export function roomsFor(actor: Actor): string[] {
  return [`user:${actor.id}`, ...actor.units.map((unit) => `unit:${unit.id}`), ...(seesAllUnits(actor) ? ["all"] : [])];
}

/**
 * Whether a handshake's Origin may connect: PUBLIC_BASE_URL's origin or one of SIAR_ALLOWED_ORIGINS.
 * No Origin at all is a non-browser client, which authenticates like any other. Without
 * PUBLIC_BASE_URL (a local or demo install reached by whatever address), a page served by this
 * very host is also Siar's own.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  config: Pick<Config, "publicBaseUrl" | "publicBaseUrlGiven" | "allowedOrigins">,
): boolean {
  if (origin === undefined) return true;
  if (origin === new URL(config.publicBaseUrl).origin || config.allowedOrigins.includes(origin)) return true;
  if (config.publicBaseUrlGiven || !host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Sockets on `server`, told about live events: this process's and, with a `cluster` (PostgreSQL),
 * the other processes'. Rooms, broadcasts and presence then span every process; without one
 * (PGlite, a single process) socket.io's in-memory adapter serves.
 */
export function attachRealtime(
  server: http.Server,
  services: Services,
  cluster: SocketCluster | null,
): { io: SocketServer; live: LiveEvents; close(): Promise<void> } {
  // A page elsewhere could open a socket with the staff member's cookie (cross-site WebSocket
  // hijacking): browsers send their page's Origin, so only Siar's own pages are let in.
  const io: SocketServer = new Server(server, {
    serveClient: false,
    allowRequest: (req, callback) =>
      callback(null, originAllowed(req.headers.origin, req.headers.host, services.config)),
    ...(cluster ? { adapter: cluster.adapter } : {}),
  });
  const { live, stop } = shareLiveEvents(services.events, io, cluster !== null);

  io.use(async (socket, next) => {
    const token = parseCookies(socket.handshake.headers.cookie ?? "")[SESSION_COOKIE];
    const session = token ? await resolveSession(services, token).catch(() => null) : null;
    if (!session || session.actor.mustChangePassword) return next(new Error("unauthenticated"));
    socket.data.actor = session.actor;
    next();
  });

  io.on("connection", (socket) => {
    const actor = socket.data.actor as Actor;
    void socket.join(roomsFor(actor));
    socket.emit("ready", { rooms: roomsFor(actor) });
    trackPresence(io, socket, services);
  });

  // Every process hears every live event (liveEvents.ts), so each one tells its own sockets (io.local).
  // Sockets keep the rooms they joined; when access changes they must reconnect and re-authenticate.
  live.on("user.accessChanged", ({ userId }) => {
    io.local.in(`user:${userId}`).disconnectSockets(true);
  });

  /** Emits to every connected socket whose user may see something of these units (null: not routed yet). */
  async function pushToViewers(
    unitPath: string | null,
    emit: (socket: { emit: (event: string, payload: unknown) => void }, actor: Actor) => void,
    alsoUnitPath: string | null = null,
  ) {
    const rooms = [
      "all",
      ...new Set(
        [unitPath, alsoUnitPath]
          .join("/")
          .split("/")
          .filter(Boolean)
          .map((id) => `unit:${id}`),
      ),
    ];
    for (const socket of await io.local.in(rooms).fetchSockets()) emit(socket, socket.data.actor as Actor);
  }
  // Nobody connected: nothing to load (this keeps the publishing worker's and the inbox's hot paths lean).
  const nobodyConnected = () => io.of("/").sockets.size === 0;

  // Each socket gets the post as its own user may see it (permissions differ per user).
  live.on("post.changed", ({ postId }) => {
    if (nobodyConnected()) return;
    void (async () => {
      const post = await services.prisma.post.findUnique({ where: { id: postId }, include: postInclude });
      if (!post) return;
      const subject = { unitPath: post.unit.path, authorId: post.authorId };
      await pushToViewers(post.unit.path, (socket, actor) => {
        if (can(actor, "read", "Post", subject))
          socket.emit("post.updated", { post: presentPost(services, post, actor) });
      });
    })().catch((error: unknown) => services.logger.error({ err: error, postId }, "post update not pushed"));
  });

  const pushItem = (itemId: string, event = "inbox.item.updated") => {
    if (nobodyConnected()) return;
    void (async () => {
      const item = await services.prisma.inboxItem.findUnique({ where: { id: itemId }, include: inboxItemInclude });
      if (!item) return;
      const subject = itemSubject(item);
      const places = new Map<string, string>();
      if (item.placeUnitId) {
        const place = await services.prisma.unit.findUnique({
          where: { id: item.placeUnitId },
          select: { name: true },
        });
        if (place) places.set(item.placeUnitId, place.name);
      }
      await pushToViewers(
        subject.unitPath,
        (socket, actor) => {
          if (can(actor, "read", "InboxItem", subject))
            socket.emit(event, { item: presentInboxItem(item, actor, places) });
        },
        subject.informedUnitPath,
      );
    })().catch((error: unknown) => services.logger.error({ err: error, itemId }, "inbox update not pushed"));
  };
  live.on("inbox.itemReceived", ({ itemId }) => pushItem(itemId));
  // An emergency: everyone who may read it is told at once, and the app shows a banner.
  live.on("inbox.emergency", ({ itemId }) => pushItem(itemId, "inbox.emergency"));
  live.on("inbox.itemChanged", ({ itemId }) => pushItem(itemId));

  // Escalation reaches those it is addressed to (policies/inboxItems.ts).
  live.on("inbox.escalated", ({ itemId, to, unitId }) => {
    void (async () => {
      const unit = unitId
        ? await services.prisma.unit.findUnique({ where: { id: unitId }, select: { path: true } })
        : null;
      await pushToViewers(unit?.path ?? null, (socket, actor) => {
        if (can(actor, "read", "Escalation", { unitPath: unit?.path ?? null, to }))
          socket.emit("inbox.escalated", { itemId, to });
      });
    })().catch((error: unknown) => services.logger.error({ err: error, itemId }, "escalation not pushed"));
  });

  // Early warnings reach everyone who may see the unit they were routed to, as they are raised and acted on.
  live.on("inbox.earlyWarning", ({ warningId, change }) => {
    if (nobodyConnected()) return;
    void (async () => {
      const [warning] = await loadWarnings(services.prisma, { where: { id: warningId } });
      if (!warning) return;
      const subject = { unitPath: warning.unit?.path ?? null };
      await pushToViewers(subject.unitPath, (socket, actor) => {
        if (can(actor, "read", "EarlyWarning", subject))
          socket.emit("inbox.earlyWarning", { warning: presentEarlyWarning(warning, actor), change });
      });
    })().catch((error: unknown) => services.logger.error({ err: error, warningId }, "early warning not pushed"));
  });

  // Each user's unread count reaches every tab they have open, as notifications come and are read.
  live.on("notifications.changed", ({ userIds }) => {
    if (nobodyConnected()) return;
    void (async () => {
      for (const userId of userIds) {
        const sockets = await io.local.in(`user:${userId}`).fetchSockets();
        const [first] = sockets;
        if (!first) continue;
        const unread = await unreadCount(services, first.data.actor as Actor);
        for (const socket of sockets) socket.emit("notifications.count", { unread });
      }
    })().catch((error: unknown) => services.logger.error({ err: error }, "notification count not pushed"));
  });

  // Admins learn at once that a channel needs a new token.
  live.on("channel.needsReconnect", (payload) => {
    void io.local
      .in("all")
      .fetchSockets()
      .then((sockets) =>
        sockets
          .filter((socket) => can(socket.data.actor as Actor, "update", "Channel"))
          .forEach((socket) => socket.emit("channel.needsReconnect", payload)),
      );
  });

  return {
    io,
    live,
    close: async () => {
      stop();
      await leaveAllItems(io, services.logger);
      await io.close();
      await cluster?.close();
    },
  };
}

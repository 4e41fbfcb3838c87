import type http from "node:http";
import { parse as parseCookies } from "cookie";
import { Server } from "socket.io";
import type { Actor } from "../auth/actor.js";
import { resolveSession, SESSION_COOKIE } from "../auth/sessions.js";
import { postInclude } from "../commands/posts.js";
import { can, seesAllUnits } from "../policies/index.js";
import { presentPost } from "../presenters/post.js";
import type { Services } from "../services.js";

/** Rooms a signed-in socket joins: its user, each of its units, and "all" for roles that see every unit. */
export function roomsFor(actor: Actor): string[] {
  return [`user:${actor.id}`, ...actor.units.map((unit) => `unit:${unit.id}`), ...(seesAllUnits(actor) ? ["all"] : [])];
}

export function attachRealtime(server: http.Server, services: Services): Server {
  const io = new Server(server, { serveClient: false });

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
  });

  // Sockets keep the rooms they joined; when access changes they must reconnect and re-authenticate.
  services.events.on("user.accessChanged", ({ userId }) => {
    io.in(`user:${userId}`).disconnectSockets(true);
  });

  // Each socket gets the post as its own user may see it (permissions differ per user).
  services.events.on("post.changed", ({ postId }) => {
    // Nobody connected: nothing to load (this keeps the publishing worker's hot path lean).
    if (io.of("/").sockets.size === 0) return;
    void (async () => {
      const post = await services.prisma.post.findUnique({ where: { id: postId }, include: postInclude });
      if (!post) return;
      const subject = { unitPath: post.unit.path, authorId: post.authorId };
      const rooms = ["all", ...post.unit.path.split("/").filter(Boolean).map((id) => `unit:${id}`)];
      for (const socket of await io.in(rooms).fetchSockets()) {
        const actor = socket.data.actor as Actor;
        if (can(actor, "read", "Post", subject)) socket.emit("post.updated", { post: presentPost(services, post, actor) });
      }
    })().catch((error: unknown) => services.logger.error({ err: error, postId }, "post update not pushed"));
  });

  // Admins learn at once that a channel needs a new token.
  services.events.on("channel.needsReconnect", (payload) => {
    void io
      .in("all")
      .fetchSockets()
      .then((sockets) => sockets.filter((socket) => can(socket.data.actor as Actor, "update", "Channel")).forEach((socket) => socket.emit("channel.needsReconnect", payload)));
  });

  return io;
}

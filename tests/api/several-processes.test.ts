import { io, type Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { signedIn } from "../helpers/client.js";
import { startTestSiarsOnPostgres } from "../helpers/siar.js";

// Several server processes share one PostgreSQL in production; PGlite is single-process by design.
describe.skipIf(!process.env.DATABASE_URL)("several server processes on one PostgreSQL", () => {
  it("start together on an empty database: migrations and demo data are applied exactly once", async () => {
    const servers = await startTestSiarsOnPostgres(3);
    try {
      const prisma = servers[0]!.services.prisma;
      expect(await prisma.unit.count({ where: { type: "kabupaten" } })).toBe(1);
      expect(await prisma.user.count({ where: { email: "admin@sanggau.demo" } })).toBe(1);
      // A session opened on one process is valid on the others.
      const client = await signedIn(servers[0]!.url, "admin@sanggau.demo");
      for (const other of servers.slice(1)) {
        const response = await fetch(`${other.url}/api/auth/session`, { headers: { cookie: client.cookie! } });
        expect(response.status).toBe(200);
      }
    } finally {
      for (const server of servers) await server.close();
    }
  });

  it("show a change made on one process live to the sockets of another, to those who may see it only", async () => {
    const [first, second] = await startTestSiarsOnPostgres(2);
    const sockets: Socket[] = [];
    try {
      const listen = async (email: string) => {
        const client = await signedIn(first!.url, email);
        const socket = io(first!.url, {
          transports: ["websocket"],
          extraHeaders: { cookie: client.cookie! },
          reconnection: false,
          forceNew: true,
        });
        sockets.push(socket);
        const heard: { event: string; payload: any }[] = [];
        socket.onAny((event, payload) => heard.push({ event, payload }));
        await new Promise((resolve) => socket.once("ready", resolve));
        return heard;
      };
      const humasHears = await listen("humas@sanggau.demo");
      const outsiderHears = await listen("petugas.tayanhulu@sanggau.demo");

      // The post is written through the second process.
      const humas = await signedIn(second!.url, "humas@sanggau.demo");
      const unitId = (await humas.get("/api/auth/session")).body.user.units[0].id;
      const website = await second!.services.prisma.channel.findFirstOrThrow({ where: { kind: "website" } });
      const created = await humas.post("/api/posts", {
        unitId,
        title: "Pengumuman lintas proses",
        body: "Uji siaran langsung.",
        channelIds: [website.id],
      });
      expect(created.status).toBe(201);
      const told = () =>
        humasHears.some((heard) => heard.event === "post.updated" && heard.payload.post.id === created.body.id);
      for (let waited = 0; !told() && waited < 5000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(told()).toBe(true);
      expect(outsiderHears.filter((heard) => heard.event === "post.updated")).toEqual([]);
    } finally {
      for (const socket of sockets) socket.close();
      for (const server of [first, second]) await server?.close();
    }
  });
});

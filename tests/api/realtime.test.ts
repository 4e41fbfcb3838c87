import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let admin: ApiClient;
beforeAll(async () => {
  siar = await startTestSiar();
  admin = await signedIn(siar.url, "admin@sanggau.demo");
});
afterAll(async () => siar?.close());

function connect(cookie?: string, origin?: string): Socket {
  const extraHeaders = { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) };
  return io(siar.url, { transports: ["websocket"], extraHeaders, reconnection: false, forceNew: true });
}

function nextEvent<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.once(event, resolve);
    socket.once("connect_error", reject);
    setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
  });
}

describe("realtime connections", () => {
  it("refuse a socket without a session", async () => {
    const socket = connect();
    await expect(nextEvent(socket, "ready")).rejects.toThrow("unauthenticated");
    socket.close();
  });

  it("refuse a signed-in socket opened by a page of another site, and accept Siar's own pages", async () => {
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const evil = connect(officer.cookie, "https://evil.example");
    await expect(nextEvent(evil, "ready")).rejects.toThrow();
    evil.close();
    const lookalike = connect(officer.cookie, `${siar.url}.evil.example`);
    await expect(nextEvent(lookalike, "ready")).rejects.toThrow();
    lookalike.close();
    const own = connect(officer.cookie, new URL(siar.url).origin);
    expect((await nextEvent<{ rooms: string[] }>(own, "ready")).rooms.length).toBeGreaterThan(0);
    own.close();
  });

  it("accept an extra origin named in SIAR_ALLOWED_ORIGINS", async () => {
    const other = await startTestSiar({
      PUBLIC_BASE_URL: "https://siar.example.go.id",
      SIAR_ALLOWED_ORIGINS: "https://humas.example.go.id",
    });
    try {
      const officer = await signedIn(other.url, "petugas.kapuas@sanggau.demo");
      const open = (origin: string) =>
        io(other.url, {
          transports: ["websocket"],
          extraHeaders: { cookie: officer.cookie!, origin },
          reconnection: false,
          forceNew: true,
        });
      for (const origin of ["https://siar.example.go.id", "https://humas.example.go.id"]) {
        const socket = open(origin);
        await expect(nextEvent(socket, "ready")).resolves.toBeTruthy();
        socket.close();
      }
      // With PUBLIC_BASE_URL given, the address the server happens to listen on is not an origin of its own.
      const refused = open(new URL(other.url).origin);
      await expect(nextEvent(refused, "ready")).rejects.toThrow();
      refused.close();
    } finally {
      await other.close();
    }
  });

  it("put a signed-in socket in its user's and units' rooms only", async () => {
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const socket = connect(officer.cookie);
    const { rooms } = await nextEvent<{ rooms: string[] }>(socket, "ready");
    const session = (await officer.get("/api/auth/session")).body;
    expect(rooms).toEqual([`user:${session.user.id}`, `unit:${session.user.units[0].id}`]);
    socket.close();
  });

  it("disconnect a user's sockets when an admin deactivates them", async () => {
    const officer = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
    const socket = connect(officer.cookie);
    await nextEvent(socket, "ready");
    const disconnected = nextEvent<string>(socket, "disconnect");
    const id = (await officer.get("/api/auth/session")).body.user.id;
    expect((await admin.patch(`/api/users/${id}`, { active: false })).status).toBe(200);
    expect(await disconnected).toBe("io server disconnect");
    const again = connect(officer.cookie);
    await expect(nextEvent(again, "ready")).rejects.toThrow("unauthenticated");
    again.close();
  });
});

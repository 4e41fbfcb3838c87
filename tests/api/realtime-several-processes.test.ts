import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { fileMessages } from "@server/inbox/ingest.js";
import { signedIn } from "../helpers/client.js";
import { startTestSiarsOnPostgres, type TestSiar } from "../helpers/siar.js";
import { recordingSocket, type SocketEvent } from "../helpers/sockets.js";

// Several processes on one PostgreSQL share their sockets through socket.io's PostgreSQL
// adapter: a change made through one process and who is looking at an item reach the others.

const until = async (check: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
};

/** A citizen's message kept and routed to Kecamatan Kapuas (as triage would), quietly: nobody is told of it yet. */
async function kapuasComplaint(siar: TestSiar) {
  const { prisma } = siar.services;
  const channel = await prisma.channel.findFirstOrThrow({ where: { kind: "website" } });
  const [filed] = await siar.services.db.transaction((sql) =>
    fileMessages(sql, [
      {
        channel,
        message: {
          source: "facebook_comment",
          platformId: "several-1",
          parentPlatformId: null,
          postRemoteId: null,
          threadKey: "several-1",
          author: { platformId: "warga-1", name: "Warga", handle: null },
          text: "Lampu jalan di depan kantor camat Kapuas mati seminggu",
          sentAt: new Date(),
          attachments: [],
        },
      },
    ]),
  );
  const unit = await prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } });
  return prisma.inboxItem.update({ where: { id: filed!.id }, data: { unitId: unit.id, status: "triaged" } });
}

describe.skipIf(!process.env.DATABASE_URL)("live updates and presence across processes", () => {
  // Two servers start on a fresh database inside the test: slower than one under load.
  it("tell a socket on one process of an inbox change and of viewers on another", { timeout: 90_000 }, async () => {
    const [first, second] = await startTestSiarsOnPostgres(2);
    const sockets: Socket[] = [];
    try {
      // Start-up waits for the adapter's LISTEN connection (server/realtime/cluster.ts reads it from the adapter's fields).
      for (const siar of [first!, second!])
        expect((siar.io.of("/").adapter as unknown as { client: { client?: unknown } }).client.client).toBeDefined();
      // Then it announces itself again, and the others answer: each knows the other.
      for (const siar of [first!, second!]) {
        const counts = async () => siar.io.of("/").adapter.serverCount();
        for (let waited = 0; (await counts()) < 2 && waited < 8000; waited += 100)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await counts()).toBe(2);
      }
      const connect = async (url: string, email: string) => {
        const connected = await recordingSocket(url, (await signedIn(url, email)).cookie!);
        sockets.push(connected.socket);
        return connected;
      };
      const humasOnFirst = await connect(first!.url, "humas@sanggau.demo");
      const outsiderOnFirst = await connect(first!.url, "petugas.tayanhulu@sanggau.demo");
      const officerOnSecond = await connect(second!.url, "petugas.kapuas@sanggau.demo");
      const item = await kapuasComplaint(first!);

      // The officer changes the item through the second process; humas, on the first, is told.
      const officer = await signedIn(second!.url, "petugas.kapuas@sanggau.demo");
      const changed = await officer.post(`/api/inbox/${item.id}/status`, { status: "in_progress" });
      expect(changed.status).toBe(200);
      const updated = (events: SocketEvent[]) =>
        events.some(
          (e) =>
            e.event === "inbox.item.updated" &&
            e.payload.item.id === item.id &&
            e.payload.item.status === "in_progress",
        );
      expect(await until(() => updated(humasOnFirst.events))).toBe(true);
      expect(outsiderOnFirst.events.filter((e) => e.event === "inbox.item.updated")).toEqual([]);

      // Humas opens it on the first process, the officer on the second: each sees the other.
      const presence = (events: SocketEvent[]) =>
        events.filter((e) => e.event === "inbox.presence" && e.payload.itemId === item.id).at(-1)?.payload;
      const names = (events: SocketEvent[]) =>
        ((presence(events)?.viewers ?? []) as { name: string }[]).map((viewer) => viewer.name).sort();
      humasOnFirst.socket.emit("inbox.viewing", { itemId: item.id });
      expect(await until(() => names(humasOnFirst.events).length === 1)).toBe(true);
      officerOnSecond.socket.emit("inbox.viewing", { itemId: item.id });
      const both = ["Budi Petugas Kapuas", "Rina Humas"];
      expect(await until(() => names(officerOnSecond.events).join() === both.join())).toBe(true);
      expect(await until(() => names(humasOnFirst.events).join() === both.join())).toBe(true);

      // The officer's typing on the second process shows on the first.
      officerOnSecond.socket.emit("inbox.typing", { itemId: item.id, typing: true });
      const officerTyping = () =>
        ((presence(humasOnFirst.events)?.viewers ?? []) as { name: string; typing: boolean }[]).some(
          (viewer) => viewer.name === "Budi Petugas Kapuas" && viewer.typing,
        );
      expect(await until(officerTyping)).toBe(true);

      // Humas closes the tab on the first process: the officer on the second is alone again.
      humasOnFirst.socket.close();
      expect(await until(() => names(officerOnSecond.events).join() === "Budi Petugas Kapuas")).toBe(true);
      // The outsider, who may not read the item, heard nothing of it.
      expect(outsiderOnFirst.events.some((e) => e.event === "inbox.presence")).toBe(false);
    } finally {
      for (const socket of sockets) socket.close();
      for (const siar of [first, second]) await siar?.close();
    }
  });
});

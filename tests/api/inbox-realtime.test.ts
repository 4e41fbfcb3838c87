import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../helpers/client.js";
import { deliverMetaWebhook, pageCommentChange, pageDelivery } from "../helpers/metaWebhooks.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { recordingSocket } from "../helpers/sockets.js";

// Inbox items reach, live, everyone who may see them and nobody else; people on the same item see each other.

let siar: TestSiar;
const sockets: Socket[] = [];
beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await siar?.close();
});

async function connectAs(email: string) {
  const connected = await recordingSocket(siar.url, (await signedIn(siar.url, email)).cookie!);
  sockets.push(connected.socket);
  return connected;
}

/** A signed Page comment webhook, as Meta would send it. */
async function comment(id: string, message: string) {
  const pageId = siar.services.sandbox!.credentials.graph.pageId;
  const body = pageDelivery(pageId, [
    pageCommentChange({ commentId: id, message, postId: `${pageId}_1`, from: { id: `u-${id}`, name: "Warga" } }),
  ]);
  const response = await deliverMetaWebhook(siar.url, body, siar.services.metaWebhook!.appSecret);
  expect(response.status).toBe(200);
}

const until = async (check: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
};

describe("live inbox", () => {
  it("pushes a triaged Kapuas complaint to Kapuas staff and humas, not to Tayan Hulu", async () => {
    const kapuas = await connectAs("petugas.kapuas@sanggau.demo");
    const tayanHulu = await connectAs("petugas.tayanhulu@sanggau.demo");
    const humas = await connectAs("humas@sanggau.demo");
    await comment("live-1", "Pelayanan di kantor camat Kapuas lambat sekali, antri dari pagi");
    const triagedFor = (events: { event: string; payload: any }[]) =>
      events.some(
        (e) =>
          e.event === "inbox.item.updated" &&
          e.payload.item.platformId === undefined &&
          e.payload.item.status === "triaged" &&
          e.payload.item.text.includes("camat Kapuas"),
      );
    expect(await until(() => triagedFor(kapuas.events) && triagedFor(humas.events))).toBe(true);
    expect(
      tayanHulu.events.filter((e) => e.event === "inbox.item.updated" && e.payload.item.text.includes("camat Kapuas")),
    ).toEqual([]);
  });

  it("shows who else has an item open and who is typing, only to those who may read it", async () => {
    await comment("live-2", "Pungli di loket kecamatan Kapuas minta 50 ribu");
    const filed = () =>
      siar.services.prisma.inboxItem.findUnique({
        where: { source_platformId: { source: "facebook_comment", platformId: "live-2" } },
      });
    let item = await filed();
    for (let i = 0; i < 100 && !item?.unitId; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      item = await filed();
    }
    const humas = await connectAs("humas@sanggau.demo");
    const officer = await connectAs("petugas.kapuas@sanggau.demo");
    const outsider = await connectAs("petugas.tayanhulu@sanggau.demo");
    if (!item) throw new Error("the comment was not filed");
    humas.socket.emit("inbox.viewing", { itemId: item.id });
    officer.socket.emit("inbox.viewing", { itemId: item.id });
    outsider.socket.emit("inbox.viewing", { itemId: item.id });
    const presence = () =>
      humas.events.filter((e) => e.event === "inbox.presence" && e.payload.itemId === item!.id).at(-1)?.payload;
    expect(await until(() => presence()?.viewers.length === 2)).toBe(true);
    officer.socket.emit("inbox.typing", { itemId: item.id, typing: true });
    expect(
      await until(() =>
        presence()?.viewers.some(
          (v: { name: string; typing: boolean }) => v.name === "Budi Petugas Kapuas" && v.typing,
        ),
      ),
    ).toBe(true);
    expect(
      presence()
        .viewers.map((v: { name: string }) => v.name)
        .sort(),
    ).toEqual(["Budi Petugas Kapuas", "Rina Humas"]);
    expect(outsider.events.some((e) => e.event === "inbox.presence")).toBe(false);
  });
});

import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeadlineWatch } from "@server/inbox/deadlineWatch.js";
import { storeIncoming } from "@server/inbox/ingest.js";
import { testInbox } from "../helpers/inbox.js";
import { signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Deadlines are watched: a warning before one passes, then escalation to the unit's head and to Kominfo.

let siar: TestSiar;
let socket: Socket;
const escalations: { itemId: string; to: string }[] = [];
beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  const camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
  socket = io(siar.url, {
    transports: ["websocket"],
    extraHeaders: { cookie: camat.cookie! },
    reconnection: false,
    forceNew: true,
  });
  socket.on("inbox.escalated", (payload) => escalations.push(payload));
  await new Promise((resolve) => socket.once("ready", resolve));
});
afterAll(async () => {
  socket?.close();
  await siar?.close();
});

/** A Facebook comment filed and triaged (the webhook path itself is tested in inbox-webhooks). */
async function arrives(text: string) {
  const pageId = siar.services.sandbox!.credentials.graph.pageId;
  const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
  const id = await storeIncoming(siar.services, channel, {
    source: "facebook_comment",
    platformId: `deadline-${text.length}-${Date.now()}`,
    parentPlatformId: null,
    postRemoteId: `${pageId}_1`,
    threadKey: `${pageId}_1`,
    author: { platformId: "warga-deadline", name: "Warga", handle: null },
    text,
    sentAt: new Date(),
    attachments: [],
  });
  await testInbox(siar).desk.receive(id!);
  return siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { id: id! } });
}

const eventsOf = async (itemId: string) =>
  (await siar.services.prisma.inboxEvent.findMany({ where: { itemId }, orderBy: { id: "asc" } })).map((e) => [
    e.type,
    e.data,
  ]);

describe("deadline watch", () => {
  it("warns once before the first-response deadline, then escalates to the unit head and to Kominfo", async () => {
    const item = await arrives("Pelayanan di kantor camat Kapuas lambat sekali, antri dari pagi pegawainya main hp");
    expect(item.unitId).not.toBeNull();
    expect(item.slaPolicy).toBe("normal");
    const due = item.firstResponseDueAt!;
    const watch = new DeadlineWatch(siar.services);

    expect(await watch.sweep(new Date(due.getTime() - 30 * 60_000))).toMatchObject({ warned: 1, escalated: 0 });
    expect(await watch.sweep(new Date(due.getTime() - 20 * 60_000))).toMatchObject({ warned: 0 });
    expect(await watch.sweep(new Date(due.getTime() + 60_000))).toMatchObject({ escalated: 1 });
    expect(await watch.sweep(new Date(due.getTime() + 3 * 86_400_000))).toMatchObject({ escalated: 1 });
    expect(await watch.sweep(new Date(due.getTime() + 4 * 86_400_000))).toMatchObject({ escalated: 0 });

    const types = (await eventsOf(item.id)).map(([type, data]) =>
      type === "escalated" ? `escalated:${(data as { to: string }).to}` : type,
    );
    expect(types).toEqual(["received", "triaged", "sla_warning", "escalated:unit_head", "escalated:kominfo"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(escalations.filter((e) => e.itemId === item.id).map((e) => e.to)).toEqual(["unit_head"]);
  });

  it("leaves answered items alone until their resolution deadline", async () => {
    const item = await arrives("Parkir liar di depan kantor kecamatan Kapuas bikin macet");
    await siar.services.prisma.inboxItem.update({
      where: { id: item.id },
      data: { firstRespondedAt: new Date(), status: "answered" },
    });
    const watch = new DeadlineWatch(siar.services);
    expect(await watch.sweep(new Date(item.firstResponseDueAt!.getTime() + 60_000))).toMatchObject({ escalated: 0 });
    expect((await watch.sweep(new Date(item.resolutionDueAt!.getTime() + 60_000))).escalated).toBeGreaterThanOrEqual(1);
  });
});

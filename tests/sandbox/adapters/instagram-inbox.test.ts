import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboxAdapter, ReplyTarget } from "@server/channels/adapter";
import { createInstagramAdapter } from "@server/channels/instagram";
import { addInstagramComment } from "@server/sandbox/graph/instagram";
import { type AdapterWorld, channelErrorOf, outgoingPost, startAdapterWorld, targetFor } from "./fixtures";

let world: AdapterWorld;
const adapter = createInstagramAdapter({ timeoutMs: 300, containerPollWaitsMs: Array(19).fill(20) }) as ReturnType<
  typeof createInstagramAdapter
> &
  InboxAdapter;
const target = () => targetFor(world.sandbox, "instagram");
const publish = async () =>
  (await adapter.publish(target(), outgoingPost({ media: [world.media("pengumuman.jpg")] }))).remoteId;
const comments = () => world.sandbox.state.graph.comments;
const citizen = { id: "17841460000009999", username: "warga.kapuas" };
const replyTo = (overrides: Partial<ReplyTarget>): ReplyTarget => ({
  source: "instagram_comment",
  platformId: "",
  threadKey: "",
  authorPlatformId: null,
  authorHandle: null,
  parentPlatformId: null,
  ...overrides,
});

beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sandbox.control.reset());

describe("Instagram adapter: comments and replies", () => {
  it("reads comments and their replies on the given media, as the comments webhook files them", async () => {
    const [mediaId, other] = [await publish(), await publish()];
    const [comment] = world.sandbox.control.injectInstagramComments({ mediaId, texts: ["Kapan posyandu buka lagi?"] });
    const reply = addInstagramComment(world.sandbox.state, {
      mediaId,
      parentId: comment!.id,
      text: "Saya juga mau tahu",
      from: citizen,
    });
    world.sandbox.control.injectInstagramComments({ mediaId: other, count: 1 });

    const batch = await adapter.fetchIncoming(target(), "comments", null, { recentPostIds: [mediaId] });
    expect(batch.messages).toHaveLength(2);
    expect(batch.messages.find((m) => m.platformId === reply.id)).toEqual({
      source: "instagram_comment",
      platformId: reply.id,
      parentPlatformId: comment!.id,
      postRemoteId: mediaId,
      threadKey: mediaId,
      author: { platformId: citizen.id, name: citizen.username, handle: citizen.username },
      text: "Saya juga mau tahu",
      sentAt: new Date(Math.floor(reply.createdTime / 1000) * 1000),
      attachments: [],
    });
    expect(batch.requests).toEqual([{ endpoint: "GET /{ig-media-id}/comments", count: 1 }]);
  });

  it("from a cursor, reads new replies to older comments but not the older comments again", async () => {
    const mediaId = await publish();
    const [comment] = world.sandbox.control.injectInstagramComments({ mediaId, count: 1 });
    world.sandbox.control.advanceClock(5_000);
    const [newest] = world.sandbox.control.injectInstagramComments({ mediaId, count: 1 });
    const first = await adapter.fetchIncoming(target(), "comments", null, { recentPostIds: [mediaId] });
    world.sandbox.control.advanceClock(60_000);
    const reply = addInstagramComment(world.sandbox.state, {
      mediaId,
      parentId: comment!.id,
      text: "Masih rusak",
      from: citizen,
    });
    const next = await adapter.fetchIncoming(target(), "comments", first.cursor, { recentPostIds: [mediaId] });
    // The newest comment seen sits on the cursor's second and comes again (filing dedupes it).
    expect(next.messages.map((m) => m.platformId).sort()).toEqual([newest!.id, reply.id].sort());
  });

  it("reads a busy thread's replies through /replies", async () => {
    const mediaId = await publish();
    const [comment] = world.sandbox.control.injectInstagramComments({ mediaId, count: 1 });
    for (let i = 0; i < 30; i++)
      addInstagramComment(world.sandbox.state, { mediaId, parentId: comment!.id, text: `balasan ${i}`, from: citizen });
    const batch = await adapter.fetchIncoming(target(), "comments", null, { recentPostIds: [mediaId] });
    expect(batch.messages).toHaveLength(31);
    expect(batch.requests).toEqual([
      { endpoint: "GET /{ig-media-id}/comments", count: 1 },
      { endpoint: "GET /{ig-comment-id}/replies", count: 1 },
    ]);
  });

  it("replies to a top-level comment under it", async () => {
    const mediaId = await publish();
    const [comment] = world.sandbox.control.injectInstagramComments({ mediaId, count: 1 });
    const reply = await adapter.reply(
      target(),
      replyTo({ platformId: comment!.id, threadKey: mediaId, authorHandle: comment!.from.username! }),
      "Terima kasih, kami cek.",
    );
    expect(comments().get(reply.remoteId)).toMatchObject({ parentId: comment!.id, message: "Terima kasih, kami cek." });
  });

  it("answers a reply under its top-level comment, naming the citizen, since Instagram nests one level only", async () => {
    const mediaId = await publish();
    const [comment] = world.sandbox.control.injectInstagramComments({ mediaId, count: 1 });
    const reply = addInstagramComment(world.sandbox.state, {
      mediaId,
      parentId: comment!.id,
      text: "Saya juga",
      from: citizen,
    });
    const to = replyTo({
      platformId: reply.id,
      parentPlatformId: comment!.id,
      threadKey: mediaId,
      authorPlatformId: citizen.id,
      authorHandle: citizen.username,
    });
    const sent = await adapter.reply(target(), to, "Jadwalnya Senin depan.");
    expect(comments().get(sent.remoteId)).toMatchObject({
      parentId: comment!.id,
      message: "@warga.kapuas Jadwalnya Senin depan.",
    });
    // Our answers are not read back as citizens' comments.
    const batch = await adapter.fetchIncoming(target(), "comments", null, { recentPostIds: [mediaId] });
    expect(batch.messages.map((m) => m.platformId).sort()).toEqual([comment!.id, reply.id].sort());
  });

  it("turns a refused reply into a ChannelError", async () => {
    const error = await channelErrorOf(
      adapter.reply(target(), replyTo({ platformId: "17950000000099999", threadKey: "1" }), "Balasan"),
    );
    expect(error.failure).toBe("permanent");
  });
});

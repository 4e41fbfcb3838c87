import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboxAdapter, ReplyTarget } from "@server/channels/adapter";
import { createFacebookAdapter } from "@server/channels/facebook";
import { unixSeconds } from "@server/channels/incoming";
import { type AdapterWorld, channelErrorOf, outgoingPost, startAdapterWorld, targetFor } from "./fixtures";

let world: AdapterWorld;
const adapter = createFacebookAdapter({ timeoutMs: 300 }) as ReturnType<typeof createFacebookAdapter> & InboxAdapter;
const target = () => targetFor(world.sandbox, "facebook");
const publish = async () => (await adapter.publish(target(), outgoingPost())).remoteId;
const replyTo = (overrides: Partial<ReplyTarget>): ReplyTarget => ({
  source: "facebook_comment",
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

describe("Facebook adapter: comments, messages and replies", () => {
  it("reads comments and replies on the given posts only, each with its post and parent", async () => {
    const [first, second, other] = [await publish(), await publish(), await publish()];
    const [comment] = world.sandbox.control.injectFacebookComments({
      postId: first,
      texts: ["Lampu jalan di Jl. Sudirman mati"],
    });
    const [reply] = world.sandbox.control.injectFacebookComments({
      postId: first,
      parentId: comment!.id,
      texts: ["Betul, sudah seminggu"],
    });
    const [onSecond] = world.sandbox.control.injectFacebookComments({ postId: second, count: 1 });
    world.sandbox.control.injectFacebookComments({ postId: other, count: 1 });

    const batch = await adapter.fetchIncoming(target(), "comments", null, { recentPostIds: [first, second] });
    expect(batch.messages.map((m) => m.platformId).sort()).toEqual([comment!.id, reply!.id, onSecond!.id].sort());
    expect(batch.messages.find((m) => m.platformId === reply!.id)).toEqual({
      source: "facebook_comment",
      platformId: reply!.id,
      parentPlatformId: comment!.id,
      postRemoteId: first,
      threadKey: first,
      author: { platformId: reply!.from.id, name: reply!.from.name, handle: null },
      text: "Betul, sudah seminggu",
      sentAt: new Date(Math.floor(reply!.createdTime / 1000) * 1000),
      attachments: [],
    });
    expect(batch.messages.find((m) => m.platformId === comment!.id)!.parentPlatformId).toBeNull();
    expect(batch.requests).toEqual([{ endpoint: "GET /{post-id}/comments", count: 2 }]);
    expect(batch.cursor).toBe(String(Math.max(...batch.messages.map((m) => unixSeconds(m.sentAt)))));
  });

  it("skips the Page's own answers and, from a cursor, what came before it", async () => {
    const postId = await publish();
    const [older] = world.sandbox.control.injectFacebookComments({ postId, count: 1 });
    world.sandbox.control.advanceClock(5_000);
    const [newest] = world.sandbox.control.injectFacebookComments({ postId, count: 1 });
    await adapter.reply(target(), replyTo({ platformId: older!.id, threadKey: postId }), "Terima kasih, kami cek.");
    const first = await adapter.fetchIncoming(target(), "comments", null, { recentPostIds: [postId] });
    expect(first.messages.map((m) => m.platformId)).toEqual([newest!.id, older!.id]);

    world.sandbox.control.advanceClock(5_000);
    const [fresh] = world.sandbox.control.injectFacebookComments({ postId, count: 1 });
    const next = await adapter.fetchIncoming(target(), "comments", first.cursor, { recentPostIds: [postId] });
    // `since` includes the cursor's second, so the newest comment seen comes again (filing dedupes it).
    expect(next.messages.map((m) => m.platformId)).toEqual([fresh!.id, newest!.id]);
  });

  it("keeps the cursor when the request budget ends the round before every post was read", async () => {
    const [a, b] = [await publish(), await publish()];
    world.sandbox.control.injectFacebookComments({ postId: a, count: 1 });
    world.sandbox.control.injectFacebookComments({ postId: b, count: 1 });
    const batch = await adapter.fetchIncoming(target(), "comments", "1000", { recentPostIds: [a, b], maxRequests: 1 });
    expect(batch.messages).toHaveLength(1);
    expect(batch.cursor).toBe("1000");
    expect(batch.requests).toEqual([{ endpoint: "GET /{post-id}/comments", count: 1 }]);
  });

  it("reads a post deleted on Facebook as nothing and goes on with the others", async () => {
    const postId = await publish();
    const [comment] = world.sandbox.control.injectFacebookComments({ postId, count: 1 });
    const batch = await adapter.fetchIncoming(target(), "comments", null, {
      recentPostIds: [`${world.sandbox.credentials.graph.pageId}_1`, postId],
    });
    expect(batch.messages.map((m) => m.platformId)).toEqual([comment!.id]);
  });

  it("reads Page messages from citizens, one thread per citizen, and answers in Messenger", async () => {
    const [message] = world.sandbox.control.injectPageMessages({ texts: ["Min, kapan pendaftaran PPDB dibuka?"] });
    const batch = await adapter.fetchIncoming(target(), "messages", null, { recentPostIds: [] });
    expect(batch.messages).toEqual([
      expect.objectContaining({
        source: "facebook_message",
        platformId: message!.id,
        threadKey: message!.from.id,
        author: { platformId: message!.from.id, name: message!.from.name, handle: null },
        text: "Min, kapan pendaftaran PPDB dibuka?",
      }),
    ]);
    expect(batch.requests).toEqual([{ endpoint: "GET /{page-id}/conversations", count: 1 }]);

    const sent = await adapter.reply(
      target(),
      replyTo({
        source: "facebook_message",
        platformId: message!.id,
        threadKey: message!.from.id,
        authorPlatformId: message!.from.id,
      }),
      "Pendaftaran dibuka 1 Juni.",
    );
    const conversation = [...world.sandbox.state.graph.conversations.values()][0]!;
    expect(conversation.messages.at(-1)).toMatchObject({ id: sent.remoteId, text: "Pendaftaran dibuka 1 Juni." });
    // The Page's own answer is not read back as a citizen's message.
    expect((await adapter.fetchIncoming(target(), "messages", null, { recentPostIds: [] })).messages).toHaveLength(1);
  });

  it("replies to a comment under it", async () => {
    const postId = await publish();
    const [comment] = world.sandbox.control.injectFacebookComments({ postId, count: 1 });
    const reply = await adapter.reply(
      target(),
      replyTo({ platformId: comment!.id, threadKey: postId }),
      "Sudah kami teruskan ke PUPR.",
    );
    expect(world.sandbox.state.graph.comments.get(reply.remoteId)).toMatchObject({
      parentId: comment!.id,
      message: "Sudah kami teruskan ke PUPR.",
    });
    expect(reply.remoteUrl).toBe(`https://www.facebook.com/${postId}?comment_id=${reply.remoteId}`);
  });

  it("turns a refused reply into a ChannelError classified like publishing errors", async () => {
    const expired = targetFor(world.sandbox, "facebook", {
      pageAccessToken: world.sandbox.credentials.graph.expiredPageAccessToken,
    });
    const error = await channelErrorOf(
      adapter.reply(expired, replyTo({ platformId: "1_2", threadKey: "1" }), "Balasan"),
    );
    expect(error).toMatchObject({ failure: "reconnect", code: "graph:190" });
    expect(
      await channelErrorOf(adapter.fetchIncoming(target(), "mentions", null, { recentPostIds: [] })),
    ).toMatchObject({ code: "graph:stream_unsupported" });
  });
});

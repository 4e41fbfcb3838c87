import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboxAdapter } from "@server/channels/adapter";
import { createXAdapter, MENTIONS_ENDPOINT } from "@server/channels/x";
import { addTweet } from "@server/sandbox/x/tweets";
import { type AdapterWorld, channelErrorOf, outgoingPost, startAdapterWorld, targetFor } from "./fixtures";

let world: AdapterWorld;
// Five mentions a page, so a handful of mentions already needs paging.
const adapter = createXAdapter({ timeoutMs: 300, mentionsPerPage: 5 }) as ReturnType<typeof createXAdapter> &
  InboxAdapter;
const target = () => targetFor(world.sandbox, "x");
const fetchMentions = (cursor: string | null, maxRequests?: number) =>
  adapter.fetchIncoming(target(), "mentions", cursor, { recentPostIds: [], maxRequests });

beforeAll(async () => {
  world = await startAdapterWorld();
});
afterAll(() => world.close());
beforeEach(() => world.sandbox.control.reset());

describe("X adapter: mentions and replies", () => {
  it("reads one page of mentions on the first poll and returns the newest id as the cursor", async () => {
    const injected = world.sandbox.control.injectMentions({ count: 7 });
    const batch = await fetchMentions(null);
    expect(batch.messages.map((m) => m.platformId)).toEqual(
      injected
        .slice(-5)
        .reverse()
        .map((t) => t.id),
    );
    expect(batch.cursor).toBe(injected.at(-1)!.id);
    expect(batch.requests).toEqual([{ endpoint: MENTIONS_ENDPOINT, count: 1 }]);
  });

  it("pages back to since_id on later polls, so nothing newer than the cursor is missed", async () => {
    const [first] = world.sandbox.control.injectMentions({ count: 1 });
    const { cursor } = await fetchMentions(null);
    expect(cursor).toBe(first!.id);
    const later = world.sandbox.control.injectMentions({ count: 12 });
    const batch = await fetchMentions(cursor);
    expect(batch.messages.map((m) => m.platformId).sort()).toEqual(later.map((t) => t.id).sort());
    expect(batch.cursor).toBe(later.at(-1)!.id);
    expect(batch.requests).toEqual([{ endpoint: MENTIONS_ENDPOINT, count: 3 }]);
    expect((await fetchMentions(batch.cursor)).messages).toEqual([]);
  });

  it("maps a mention to the inbox's shape: author, thread, the post it answers", async () => {
    const ours = await adapter.publish(target(), outgoingPost());
    const [mention] = world.sandbox.control.injectMentions({
      texts: ["@diskominfo_sgu jalan di Desa Semuntai rusak"],
      inReplyToTweetId: ours.remoteId,
    });
    const author = world.sandbox.state.x.users.get(mention!.authorId)!;
    const [message] = (await fetchMentions(null)).messages;
    expect(message).toEqual({
      source: "x_mention",
      platformId: mention!.id,
      parentPlatformId: ours.remoteId,
      postRemoteId: ours.remoteId,
      threadKey: ours.remoteId,
      author: { platformId: author.id, name: author.name, handle: author.username },
      text: "@diskominfo_sgu jalan di Desa Semuntai rusak",
      sentAt: new Date(mention!.createdAt),
      attachments: [],
    });
  });

  it("skips the account's own posts that mention it", async () => {
    const { userId, username } = world.sandbox.credentials.x;
    addTweet(world.sandbox.state, { authorId: userId, text: `Terima kasih @${username} untuk laporannya` });
    const [citizen] = world.sandbox.control.injectMentions({ count: 1 });
    expect((await fetchMentions(null)).messages.map((m) => m.platformId)).toEqual([citizen!.id]);
  });

  it("stops at the request budget it is given", async () => {
    const [first] = world.sandbox.control.injectMentions({ count: 1 });
    world.sandbox.control.injectMentions({ count: 12 });
    const batch = await fetchMentions(first!.id, 2);
    expect(batch.requests).toEqual([{ endpoint: MENTIONS_ENDPOINT, count: 2 }]);
    expect(batch.messages).toHaveLength(10);
    expect(await fetchMentions(first!.id, 0)).toEqual({ messages: [], cursor: first!.id, requests: [] });
  });

  it("reports the rate-limit reset instead of failing when the mention window is used up", async () => {
    world.sandbox.control.injectMentions({ count: 1 });
    world.sandbox.control.exhaustRateLimit({ platform: "x", endpoint: MENTIONS_ENDPOINT });
    const batch = await fetchMentions("1850000000000000000");
    expect(batch).toMatchObject({
      messages: [],
      cursor: "1850000000000000000",
      requests: [{ endpoint: MENTIONS_ENDPOINT, count: 1 }],
    });
    expect(batch.retryAt!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it("says when the last request used up the window", async () => {
    world.sandbox.control.setXRateLimit(MENTIONS_ENDPOINT, { perUser: 1 });
    world.sandbox.control.injectMentions({ count: 1 });
    const batch = await fetchMentions(null);
    expect(batch.messages).toHaveLength(1);
    expect(batch.retryAt!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it("replies in the mention's thread", async () => {
    const [mention] = world.sandbox.control.injectMentions({ count: 1 });
    const to = {
      source: "x_mention" as const,
      platformId: mention!.id,
      threadKey: mention!.conversationId,
      authorPlatformId: mention!.authorId,
      authorHandle: null,
      parentPlatformId: null,
    };
    const reply = await adapter.reply(target(), to, "Terima kasih, laporan diteruskan ke Dinas PUPR.");
    expect(reply.remoteUrl).toBe(`https://x.com/diskominfo_sgu/status/${reply.remoteId}`);
    expect(world.sandbox.control.published().x.tweets).toEqual([
      expect.objectContaining({ id: reply.remoteId, inReplyToTweetId: mention!.id }),
    ]);
  });

  it("turns a refused reply into a ChannelError", async () => {
    const to = {
      source: "x_mention" as const,
      platformId: "1850000000000009999",
      threadKey: "1850000000000009999",
      authorPlatformId: null,
      authorHandle: null,
      parentPlatformId: null,
    };
    const error = await channelErrorOf(adapter.reply(target(), to, "Balasan"));
    expect(error).toMatchObject({ failure: "permanent", code: "x:403" });
  });
});

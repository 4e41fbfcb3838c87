import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MENTIONS_ENDPOINT } from "@server/channels/x.js";
import type { Channel } from "@server/db/generated/client.js";
import { monthOf } from "@server/channels/platformUsage.js";
import { BUDGET_EXHAUSTED, InboxPoller } from "@server/inbox/polling.js";
import { sendReply } from "@server/inbox/replies.js";
import { refuseFiling, webhooksFiled } from "../helpers/inbox.js";
import { addFacebookComment } from "@server/sandbox/graph/facebook.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { deliverMetaWebhook, pageCommentChange, pageDelivery } from "../helpers/metaWebhooks.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// X has no webhook for mentions, and Meta's webhooks are lost while Siar is down: polling reads
// both, within X's request budget and rate limits, and files each message once.

let siar: TestSiar;
let admin: ApiClient;
let humas: ApiClient;
let poller: InboxPoller;
let x: Channel;
let facebook: Channel;
const control = () => siar.services.sandbox!.control;
const prisma = () => siar.services.prisma;
const FAR_FUTURE = new Date("2999-01-01T00:00:00Z");

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  [admin, humas] = await Promise.all([
    signedIn(siar.url, "admin@sanggau.demo"),
    signedIn(siar.url, "humas@sanggau.demo"),
  ]);
  x = await prisma().channel.findFirstOrThrow({ where: { kind: "x" } });
  facebook = await prisma().channel.findFirstOrThrow({ where: { kind: "facebook" } });
  // The tests poll explicitly (dueBy); the server's own 5-second rounds leave alone what they just polled.
  poller = new InboxPoller(siar.services);
  control().setXRateLimit(MENTIONS_ENDPOINT, { perUser: 1000 });
});
afterAll(async () => siar?.close());

/** Runs the poll of one stream now, whatever its schedule, and returns its row afterwards. */
async function pollNow(channel: Channel, stream: string) {
  await poller.pollDue({ dueBy: FAR_FUTURE });
  return prisma().channelPoll.findUniqueOrThrow({ where: { channelId_stream: { channelId: channel.id, stream } } });
}

const itemsWith = (platformIds: string[]) =>
  prisma().inboxItem.findMany({ where: { platformId: { in: platformIds } } });
const mentionRequests = () => control().xUsage().endpoints[MENTIONS_ENDPOINT]?.requests ?? 0;

async function publishedOnFacebook(): Promise<string> {
  const unitId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
  const created = await humas.post("/api/posts", {
    unitId,
    title: "Posyandu",
    body: `Posyandu balita Sabtu ini (${Date.now()}).`,
    channelIds: [facebook.id],
  });
  await humas.post(`/api/posts/${created.body.id}/submit`);
  await siar.worker.tick();
  return (await humas.get(`/api/posts/${created.body.id}`)).body.deliveries[0].remoteId;
}

describe("inbox polling", () => {
  it("files injected X mentions once, even when they are polled twice", async () => {
    const mentions = control().injectMentions({ count: 3 });
    const ids = mentions.map((mention) => mention.id);
    const row = await pollNow(x, "mentions");
    expect(row).toMatchObject({ cursor: ids.at(-1), lastError: null });
    expect(await itemsWith(ids)).toHaveLength(3);
    expect((await itemsWith(ids)).every((item) => item.source === "x_mention" && item.channelId === x.id)).toBe(true);

    // Polled again from before them (a lost cursor, a second process): nothing is filed twice.
    await prisma().channelPoll.update({
      where: { channelId_stream: { channelId: x.id, stream: "mentions" } },
      data: { cursor: null },
    });
    await pollNow(x, "mentions");
    expect(await itemsWith(ids)).toHaveLength(3);
    const counted = await prisma().platformRequestCount.findUnique({
      where: { channelId_month_endpoint: { channelId: x.id, month: monthOf(new Date()), endpoint: MENTIONS_ENDPOINT } },
    });
    expect(counted!.requests).toBeGreaterThanOrEqual(2);
  });

  it("catches up on Facebook comments the webhook never brought, and files them once when the webhook comes late", async () => {
    const postId = await publishedOnFacebook();
    // Written on Facebook while Siar was down: in the platform's state, no webhook sent.
    const missed = addFacebookComment(siar.services.sandbox!.state, {
      postId,
      message: "Jembatan gantung di Desa Lape miring, bahaya",
      from: { id: "7100000000000777", name: "Warga Lape" },
    });
    const row = await pollNow(facebook, "comments");
    expect(row.lastError).toBeNull();
    const [item] = await itemsWith([missed.id]);
    expect(item).toMatchObject({
      source: "facebook_comment",
      postRemoteId: postId,
      text: missed.message,
      authorName: "Warga Lape",
    });
    expect(item!.postId).not.toBeNull();

    // Meta retries the callback once Siar is back.
    const pageId = siar.services.sandbox!.credentials.graph.pageId;
    const body = pageDelivery(pageId, [
      pageCommentChange({ commentId: missed.id, message: missed.message, postId, parentId: postId, from: missed.from }),
    ]);
    expect((await deliverMetaWebhook(siar.url, body, siar.services.metaWebhook!.appSecret)).status).toBe(200);
    await webhooksFiled(siar);
    expect(await itemsWith([missed.id])).toHaveLength(1);
  });

  it("files a comment that came by webhook first only once when polling reads it too", async () => {
    const postId = await publishedOnFacebook();
    const [comment] = control().injectFacebookComments({ postId, texts: ["Air PDAM di Kapuas keruh sejak kemarin"] });
    await webhooksFiled(siar);
    expect(await itemsWith([comment!.id])).toHaveLength(1);
    await pollNow(facebook, "comments");
    expect(await itemsWith([comment!.id])).toHaveLength(1);
  });

  it("files every mention of a page beside one it cannot store, keeps that one as a dead letter, and moves the cursor on", async () => {
    const allow = await refuseFiling(siar, "TOLAK-X");
    try {
      const mentions = control().injectMentions({
        texts: [
          "jalan di depan sekolah berlubang",
          "TOLAK-X nomor saya 0812 tolong",
          "air\u0000 mati sejak pagi \ud83d",
          "terima kasih atas perbaikannya",
        ],
      });
      const ids = mentions.map((mention) => mention.id);
      const row = await pollNow(x, "mentions");
      // Not stuck: the cursor passes the refused mention, so the page is not read (and billed) again.
      expect(row).toMatchObject({ cursor: ids.at(-1), lastError: null });
      const filed = await itemsWith(ids);
      expect(filed.map((item) => item.platformId).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
      expect(filed.find((item) => item.platformId === ids[2])!.text).toBe("@diskominfo_sgu air mati sejak pagi \uFFFD");
      const letter = await prisma().inboxDeadLetter.findFirstOrThrow({ where: { platformId: ids[1] } });
      expect(letter).toMatchObject({
        origin: "poll",
        stream: "mentions",
        channelId: x.id,
        source: "x_mention",
        payloadKind: "message",
        resolution: null,
      });
      expect(letter.reason).not.toMatch(/0812|TOLAK/);
      const before = mentionRequests();
      await pollNow(x, "mentions");
      expect(mentionRequests()).toBe(before + 1);
      expect(await prisma().inboxDeadLetter.count({ where: { platformId: ids[1] } })).toBe(1);
    } finally {
      await allow();
    }
  });

  it("replies to a polled mention in its thread and counts the reply in the channel's spend", async () => {
    const [mention] = control().injectMentions({ texts: ["@diskominfo_sgu lampu lalu lintas di bundaran mati"] });
    await pollNow(x, "mentions");
    const [item] = await itemsWith([mention!.id]);
    const reply = await sendReply(siar.services, x, item!, "Terima kasih, sudah dilaporkan ke Dinas Perhubungan.");
    expect(siar.services.sandbox!.state.x.tweets.get(reply.remoteId)).toMatchObject({
      inReplyToTweetId: mention!.id,
      conversationId: mention!.conversationId,
    });
    const counted = await prisma().platformRequestCount.findUnique({
      where: { channelId_month_endpoint: { channelId: x.id, month: monthOf(new Date()), endpoint: "POST /2/tweets" } },
    });
    expect(counted!.requests).toBe(1);
  });

  it("postpones the next mention poll to the reset time when X's rate limit is used up", async () => {
    control().exhaustRateLimit({ platform: "x", endpoint: MENTIONS_ENDPOINT });
    const before = mentionRequests();
    const row = await pollNow(x, "mentions");
    expect(mentionRequests()).toBe(before + 1);
    // The sandbox's window opened at most seconds ago and lasts 15 minutes.
    expect(row.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(row.nextPollAt.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1_000);
    control().resetRateLimits();
    control().setXRateLimit(MENTIONS_ENDPOINT, { perUser: 1000 });
  });

  it("spreads X's monthly budget over the month, stops when it is spent, and shows the spend to admins only", async () => {
    const usage = async () => (await admin.get(`/api/channels/${x.id}/usage`)).body;
    const spent = (await usage()).requests;
    expect((await admin.patch(`/api/channels/${x.id}`, { monthlyRequestBudget: spent + 2 })).status).toBe(200);

    control().injectMentions({ count: 1 });
    const polledAt = Date.now();
    const first = await pollNow(x, "mentions");
    // One request left for the rest of the month: the next poll waits for all of it.
    const nextMonth = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1);
    expect(Math.abs(first.nextPollAt.getTime() - nextMonth)).toBeLessThan(5_000);
    expect(first.nextPollAt.getTime() - polledAt).toBeGreaterThan(0);

    const [late] = control().injectMentions({ count: 1 });
    const second = await pollNow(x, "mentions");
    expect(second).toMatchObject({ lastError: BUDGET_EXHAUSTED, nextPollAt: new Date(nextMonth) });
    expect(await itemsWith([late!.id])).toHaveLength(1);

    // Spent: polling asks X nothing more this month.
    const requests = mentionRequests();
    const [unread] = control().injectMentions({ count: 1 });
    await pollNow(x, "mentions");
    expect(mentionRequests()).toBe(requests);
    expect(await itemsWith([unread!.id])).toHaveLength(0);

    const shown = await usage();
    expect(shown).toMatchObject({ month: monthOf(new Date()), budget: spent + 2, requests: spent + 2 });
    expect(shown.byEndpoint).toContainEqual({ endpoint: MENTIONS_ENDPOINT, requests: expect.any(Number) });
    expect(shown.polls).toEqual([
      {
        stream: "mentions",
        lastPolledAt: expect.any(String),
        nextPollAt: new Date(nextMonth).toISOString(),
        lastError: BUDGET_EXHAUSTED,
      },
    ]);
    expect((await humas.get(`/api/channels/${x.id}/usage`)).status).toBe(403);

    // A raised budget resumes polling at once.
    await admin.patch(`/api/channels/${x.id}`, { monthlyRequestBudget: null });
    const resumed = await prisma().channelPoll.findUniqueOrThrow({
      where: { channelId_stream: { channelId: x.id, stream: "mentions" } },
    });
    expect(resumed.nextPollAt.getTime()).toBeLessThanOrEqual(Date.now());
    await pollNow(x, "mentions");
    expect(await itemsWith([unread!.id])).toHaveLength(1);
  });
});

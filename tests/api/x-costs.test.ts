import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MENTIONS_ENDPOINT, POST_LOOKUP_ENDPOINT } from "@server/channels/x.js";
import type { Channel } from "@server/db/generated/client.js";
import { EngagementRefresher } from "@server/engagement/refresh.js";
import { BUDGET_EXHAUSTED, InboxPoller } from "@server/inbox/polling.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { publishNow, tickUntilSettled } from "../helpers/publishing.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// X bills per resource read (once a day) and per post made, a post with a URL at many times a
// plain one (https://docs.x.com/x-api/getting-started/pricing). Siar counts what X charges beside
// its requests, prices it from the table admins keep, shows the month's spend against a money
// budget, warns before it runs out, stops reading when it is spent, and lets humas choose where a
// post's link goes on X. The sandbox bills the same way, so its figures must agree with Siar's.

let siar: TestSiar;
let admin: ApiClient;
let humas: ApiClient;
let x: Channel;
let kabupatenId: string;
let poller: InboxPoller;
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
  kabupatenId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
  poller = new InboxPoller(siar.services);
  control().setXRateLimit(MENTIONS_ENDPOINT, { perUser: 1000 });
});
afterAll(async () => siar?.close());

type Usage = {
  spend: {
    currency: string;
    spent: number;
    budget: number | null;
    state: string;
    byItem: { item: string; quantity: number; unitPrice: number; amount: number }[];
  };
};
const usage = async (): Promise<Usage> => (await admin.get(`/api/channels/${x.id}/usage`)).body;
const quantityOf = (spend: Usage["spend"], item: string) =>
  spend.byItem.find((row) => row.item === item)?.quantity ?? 0;

async function publishToX(body: string, extra: Record<string, unknown> = {}) {
  const post = await publishNow(humas, {
    unitId: kabupatenId,
    title: "Pengumuman",
    body,
    channelIds: [x.id],
    ...extra,
  });
  const settled = await tickUntilSettled(siar, humas, post.id);
  expect(settled.status).toBe("published");
  return settled;
}

describe("what X charges, counted and priced", () => {
  it("mentions are Owned Reads and their authors user reads, priced from the table; Siar agrees with the sandbox", async () => {
    const before = await usage();
    control().injectMentions({ texts: ["@diskominfo_sgu jalan rusak di Kapuas", "@diskominfo_sgu lampu mati"] });
    await poller.pollDue({ dueBy: FAR_FUTURE });
    const after = await usage();
    expect(quantityOf(after.spend, "x.owned_read") - quantityOf(before.spend, "x.owned_read")).toBe(2);
    expect(quantityOf(after.spend, "x.user_read") - quantityOf(before.spend, "x.user_read")).toBe(2);
    const owned = after.spend.byItem.find((row) => row.item === "x.owned_read")!;
    expect(owned.unitPrice).toBe(0.001);
    expect(owned.amount).toBeCloseTo(owned.quantity * 0.001, 6);
    expect(after.spend.spent).toBeCloseTo(
      after.spend.byItem.reduce((sum, row) => sum + row.amount, 0),
      6,
    );
    // The sandbox bills the same way (reads once a day): its counts are Siar's.
    const billed = control().xUsage().billing.totals;
    expect(billed.ownedRead).toBe(quantityOf(after.spend, "x.owned_read"));
    expect(billed.userRead).toBe(quantityOf(after.spend, "x.user_read"));
  });

  it("a post read again the same UTC day is not charged again, though the request is counted", async () => {
    await publishToX(`Jadwal vaksinasi (${Date.now()})`);
    const refresher = new EngagementRefresher(siar.services, 30);
    const before = quantityOf((await usage()).spend, "x.post_read");
    await refresher.refreshAll();
    const once = quantityOf((await usage()).spend, "x.post_read");
    expect(once).toBeGreaterThan(before);
    const lookups = async () =>
      (await admin.get(`/api/channels/${x.id}/usage`)).body.byEndpoint.find(
        (row: { endpoint: string }) => row.endpoint === POST_LOOKUP_ENDPOINT,
      ).requests;
    const requestsBefore = await lookups();
    await refresher.refreshAll();
    expect(quantityOf((await usage()).spend, "x.post_read")).toBe(once);
    expect(await lookups()).toBe(requestsBefore + 1);
    expect(control().xUsage().billing.totals.postRead).toBe(once);
  });

  it("an admin changes a price when X does; humas may read prices but not change them; the change is audited", async () => {
    const prices = (await humas.get("/api/platform-prices")).body.data as { item: string; unitPrice: number }[];
    expect(prices.find((price) => price.item === "x.post_create_url")).toMatchObject({ unitPrice: 0.2 });
    expect((await humas.patch("/api/platform-prices/x.owned_read", { unitPrice: 0.005 })).status).toBe(403);
    const changed = await admin.patch("/api/platform-prices/x.owned_read", { unitPrice: 0.005 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ item: "x.owned_read", currency: "USD", unitPrice: 0.005 });
    const owned = (await usage()).spend.byItem.find((row) => row.item === "x.owned_read")!;
    expect(owned.amount).toBeCloseTo(owned.quantity * 0.005, 6);
    const audit = await prisma().auditEvent.findFirstOrThrow({
      where: { action: "platform_price.update", targetId: "x.owned_read" },
    });
    expect(audit.changes).toEqual({ unitPriceMicros: { from: 1000, to: 5000 } });
    expect((await admin.patch("/api/platform-prices/x.unknown", { unitPrice: 1 })).status).toBe(400);
    expect((await admin.patch("/api/platform-prices/x.owned_read", { unitPrice: -1 })).status).toBe(400);
    await admin.patch("/api/platform-prices/x.owned_read", { unitPrice: 0.001 });
  });
});

describe("where the link goes on X", () => {
  const link = "https://sanggau.go.id/pengumuman/pasar-murah";
  const tweetsWith = (text: string) =>
    control()
      .published()
      .x.tweets.filter((tweet) => tweet.text.includes(text));

  it("in the post: one post with a URL", async () => {
    const before = await usage();
    const marker = `Pasar murah di Kapuas (${Date.now()})`;
    await publishToX(marker, { link, xLinkPlacement: "in_post" });
    const [tweet] = tweetsWith(marker);
    expect(tweet!.text).toContain(link);
    const after = await usage();
    expect(quantityOf(after.spend, "x.post_create_url") - quantityOf(before.spend, "x.post_create_url")).toBe(1);
    expect(quantityOf(after.spend, "x.post_create") - quantityOf(before.spend, "x.post_create")).toBe(0);
  });

  it("in a reply: a plain post, and a reply to it carrying the link", async () => {
    const before = await usage();
    const marker = `Pasar murah di Tayan (${Date.now()})`;
    const post = await publishToX(marker, { link, xLinkPlacement: "reply" });
    expect(post.xLinkPlacement).toBe("reply");
    const [tweet] = tweetsWith(marker);
    expect(tweet!.text).not.toContain(link);
    const reply = control()
      .published()
      .x.tweets.find((candidate) => candidate.inReplyToTweetId === tweet!.id);
    expect(reply?.text).toBe(link);
    const after = await usage();
    expect(quantityOf(after.spend, "x.post_create") - quantityOf(before.spend, "x.post_create")).toBe(1);
    expect(quantityOf(after.spend, "x.post_create_url") - quantityOf(before.spend, "x.post_create_url")).toBe(1);
  });

  it("left out: one plain post, no link anywhere on X", async () => {
    const before = await usage();
    const marker = `Pasar murah di Sekayam (${Date.now()})`;
    await publishToX(marker, { link, xLinkPlacement: "omit" });
    const [tweet] = tweetsWith(marker);
    expect(tweet!.text).not.toContain(link);
    expect(
      control()
        .published()
        .x.tweets.some((candidate) => candidate.inReplyToTweetId === tweet!.id),
    ).toBe(false);
    const after = await usage();
    expect(quantityOf(after.spend, "x.post_create") - quantityOf(before.spend, "x.post_create")).toBe(1);
    expect(quantityOf(after.spend, "x.post_create_url")).toBe(quantityOf(before.spend, "x.post_create_url"));
  });
});

describe("the money budget", () => {
  it("warns at 80% of the budget, stops reading X once it is spent, and a raised budget resumes", async () => {
    const { spend } = await usage();
    // A budget the month's spend already reaches 80% of (but not all of).
    const nearBudget = Math.ceil((spend.spent / 0.85) * 100) / 100;
    expect((await admin.patch(`/api/channels/${x.id}`, { monthlySpendBudget: nearBudget })).status).toBe(200);
    expect((await usage()).spend).toMatchObject({ budget: nearBudget, state: "near_budget" });
    const listed = (await admin.get("/api/channels")).body.data.find((c: { id: string }) => c.id === x.id);
    expect(listed.spend).toMatchObject({ currency: "USD", state: "near_budget", budget: nearBudget });

    expect((await admin.patch(`/api/channels/${x.id}`, { monthlySpendBudget: spend.spent / 2 })).status).toBe(200);
    expect((await usage()).spend.state).toBe("budget_spent");
    const requests = control().xUsage().endpoints[MENTIONS_ENDPOINT]?.requests ?? 0;
    const [unread] = control().injectMentions({ count: 1 });
    await poller.pollDue({ dueBy: FAR_FUTURE });
    expect(control().xUsage().endpoints[MENTIONS_ENDPOINT]?.requests ?? 0).toBe(requests);
    expect(await prisma().inboxItem.count({ where: { platformId: unread!.id } })).toBe(0);
    const poll = await prisma().channelPoll.findUniqueOrThrow({
      where: { channelId_stream: { channelId: x.id, stream: "mentions" } },
    });
    expect(poll.lastError).toBe(BUDGET_EXHAUSTED);

    const audit = await prisma().auditEvent.findFirstOrThrow({
      where: { action: "channel.update", targetId: x.id },
      orderBy: { at: "desc" },
    });
    expect(audit.changes).toMatchObject({ monthlySpendBudgetCents: { to: Math.round((spend.spent / 2) * 100) } });

    expect((await admin.patch(`/api/channels/${x.id}`, { monthlySpendBudget: null })).status).toBe(200);
    await poller.pollDue({ dueBy: FAR_FUTURE });
    expect(await prisma().inboxItem.count({ where: { platformId: unread!.id } })).toBe(1);
    expect((await humas.get(`/api/channels/${x.id}/usage`)).status).toBe(403);
  });
});

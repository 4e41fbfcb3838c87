import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST_LOOKUP_ENDPOINT } from "@server/channels/x.js";
import type { Channel } from "@server/db/generated/client.js";
import { ENGAGEMENT_REFRESH_LOCK_KEY } from "@server/db/locks.js";
import { EngagementRefresher } from "@server/engagement/refresh.js";
import { monthOf } from "@server/channels/platformUsage.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { extractPdfText } from "../helpers/pdfText.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Engagement is read from the platforms (here the sandbox) by a periodic refresh and summed on
// the dashboard's publishing figures, per channel and unit, within the reader's units.

let siar: TestSiar;
let humas: ApiClient;
let leader: ApiClient;
let camat: ApiClient;
let facebook: Channel;
let x: Channel;
let refresher: EngagementRefresher;
/** Only this test's posts fall in the period: the demo's own history is older. */
let period: string;
const control = () => siar.services.sandbox!.control;
const prisma = () => siar.services.prisma;

type Remote = { deliveryId: string; channelId: string; remoteId: string };

/** Publishes a post of `unitCode` to the channels and returns its deliveries once all are out. */
async function published(unitCode: string, channels: Channel[], body: string): Promise<Remote[]> {
  const unit = await prisma().unit.findUniqueOrThrow({ where: { code: unitCode } });
  const created = await humas.post("/api/posts", {
    unitId: unit.id,
    title: "Pengumuman",
    body,
    channelIds: channels.map((channel) => channel.id),
  });
  expect(created.status).toBe(201);
  await humas.post(`/api/posts/${created.body.id}/submit`);
  for (let attempt = 0; attempt < 50; attempt++) {
    await siar.worker.tick();
    const deliveries = await prisma().delivery.findMany({ where: { postId: created.body.id } });
    if (deliveries.every((delivery) => delivery.remoteId))
      return deliveries.map((d) => ({ deliveryId: d.id, channelId: d.channelId, remoteId: d.remoteId! }));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the post was not published everywhere");
}

const on = (remotes: Remote[], channel: Channel) => remotes.find((remote) => remote.channelId === channel.id)!;
const publishing = async (client: ApiClient) => (await client.get(`/api/dashboard/publishing?${period}`)).body;
const channelRow = (report: { byChannel: { channelId: string; engagement: unknown }[] }, channel: Channel) =>
  report.byChannel.find((row) => row.channelId === channel.id);

let kabupatenPost: Remote[];
let kapuasPost: Remote[];

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  [humas, leader, camat] = await Promise.all([
    signedIn(siar.url, "humas@sanggau.demo"),
    signedIn(siar.url, "pimpinan@sanggau.demo"),
    signedIn(siar.url, "camat.kapuas@sanggau.demo"),
  ]);
  facebook = await prisma().channel.findFirstOrThrow({ where: { kind: "facebook" } });
  x = await prisma().channel.findFirstOrThrow({ where: { kind: "x" } });
  refresher = new EngagementRefresher(siar.services, 30);
  const from = new Date();
  kabupatenPost = await published(
    "dinas-kominfo",
    [facebook, x],
    `Vaksinasi gratis di Puskesmas Kapuas (${Date.now()}).`,
  );
  kapuasPost = await published("kec-kapuas", [facebook], `Kerja bakti Kecamatan Kapuas hari Minggu (${Date.now()}).`);
  period = new URLSearchParams({
    from: from.toISOString(),
    to: new Date(Date.now() + 3600_000).toISOString(),
  }).toString();

  control().setEngagement(on(kabupatenPost, facebook).remoteId, { likes: 10, comments: 2, shares: 3, views: 100 });
  control().setEngagement(on(kabupatenPost, x).remoteId, {
    likes: 5,
    comments: 1,
    shares: 1,
    quotes: 1,
    views: 50,
    bookmarks: 9,
  });
  control().setEngagement(on(kapuasPost, facebook).remoteId, { likes: 7, comments: 1, views: 20 });
  await refresher.refreshAll();
});
afterAll(async () => siar?.close());

describe("engagement on the dashboard", () => {
  it("sums what the platforms report, in total and per channel (X reposts and quotes are shares, impressions views)", async () => {
    const report = await publishing(leader);
    expect(report.total.current.engagement).toEqual({ reactions: 22, comments: 4, shares: 5, views: 170 });
    expect(channelRow(report, facebook)?.engagement).toEqual({ reactions: 17, comments: 3, shares: 3, views: 120 });
    expect(channelRow(report, x)?.engagement).toEqual({ reactions: 5, comments: 1, shares: 2, views: 50 });
    const kapuas = await prisma().unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } });
    expect(report.byUnit.find((row: { unitId: string }) => row.unitId === kapuas.id).engagement).toEqual({
      reactions: 7,
      comments: 1,
      shares: 0,
      views: 20,
    });
  });

  it("a camat sees only the engagement of their kecamatan's posts", async () => {
    const report = await publishing(camat);
    expect(report.total.current.engagement).toEqual({ reactions: 7, comments: 1, shares: 0, views: 20 });
    expect(channelRow(report, x)).toBeUndefined();
  });

  it("exports the engagement columns in the publishing CSV", async () => {
    const csv = await leader.get(`/api/dashboard/publishing?${period}&format=csv&machine=1`);
    const [header, ...rows] = (csv.body as string).trim().split("\n");
    expect(header).toContain("engagement.reactions");
    expect(header).toContain("engagement.views");
    expect(rows.some((row) => row.includes(facebook.name) && row.includes(",17,"))).toBe(true);
  });

  it("the PDF report has the engagement per channel and its headline", async () => {
    const response = await fetch(`${siar.url}/api/reports/dashboard.pdf?${period}`, {
      headers: { cookie: leader.cookie! },
    });
    expect(response.status).toBe(200);
    const text = extractPdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toMatch(/Reaksi, komentar, bagikan\n22 · 4 · 5\n/);
    expect(text).toMatch(/Tayangan unggahan\n170\n/);
    expect(text).toMatch(/Kanal\nTerbit\nTepat waktu\nGagal\nReaksi\nKomentar\nBagikan\nTayangan\n/);
    expect(text).toMatch(new RegExp(`${facebook.name} \\(Facebook\\)\\n2\\n[^\\n]*\\n0\\n17\\n3\\n3\\n120\\n`));
    expect(text).toContain("Keterlibatan.");
  });

  it("X counts of every post come from one lookup request, counted against the channel's budget", async () => {
    const counted = await prisma().platformRequestCount.findUnique({
      where: {
        channelId_month_endpoint: { channelId: x.id, month: monthOf(new Date()), endpoint: POST_LOOKUP_ENDPOINT },
      },
    });
    expect(counted?.requests).toBeGreaterThanOrEqual(1);
    const before = control().xUsage().endpoints[POST_LOOKUP_ENDPOINT]?.requests ?? 0;
    await refresher.refreshAll();
    expect(control().xUsage().endpoints[POST_LOOKUP_ENDPOINT]!.requests).toBe(before + 1);
  });

  // Several server processes share one PostgreSQL; PGlite is single-process by design.
  it.skipIf(!process.env.DATABASE_URL)(
    "skips the round while another process is refreshing, spending no request",
    async () => {
      const before = control().xUsage().endpoints[POST_LOOKUP_ENDPOINT]?.requests ?? 0;
      const otherProcess = await siar.services.db.connect();
      try {
        await otherProcess.query("SELECT pg_advisory_lock($1)", [ENGAGEMENT_REFRESH_LOCK_KEY]);
        expect(await refresher.refreshAll()).toBeNull();
        expect(control().xUsage().endpoints[POST_LOOKUP_ENDPOINT]!.requests).toBe(before);
      } finally {
        await otherProcess.query("SELECT pg_advisory_unlock($1)", [ENGAGEMENT_REFRESH_LOCK_KEY]);
        await otherProcess.release();
      }
      expect(await refresher.refreshAll()).toMatchObject({ read: expect.any(Number) });
      expect(control().xUsage().endpoints[POST_LOOKUP_ENDPOINT]!.requests).toBe(before + 1);
    },
  );

  it("a platform error during a refresh keeps the earlier counts, records the error, and the other channels are still read", async () => {
    control().setEngagement(on(kapuasPost, facebook).remoteId, { likes: 70 });
    control().setEngagement(on(kabupatenPost, x).remoteId, { likes: 6 });
    const fault = control().addFault({ platform: "graph", status: 500 });
    try {
      await expect(refresher.refreshAll()).resolves.toMatchObject({ failed: expect.any(Number) });
    } finally {
      control().removeFault(fault.id);
    }
    const failed = await prisma().deliveryEngagement.findUniqueOrThrow({
      where: { deliveryId: on(kapuasPost, facebook).deliveryId },
    });
    expect(failed).toMatchObject({
      reactions: 7,
      lastErrorCode: expect.stringMatching(/^graph:/),
      lastErrorAt: expect.any(Date),
    });
    const report = await publishing(leader);
    expect(channelRow(report, facebook)?.engagement).toEqual({ reactions: 17, comments: 3, shares: 3, views: 120 });
    expect(channelRow(report, x)?.engagement).toMatchObject({ reactions: 6 });

    // The next refresh reads it again and clears the error.
    await refresher.refreshAll();
    expect(
      await prisma().deliveryEngagement.findUniqueOrThrow({
        where: { deliveryId: on(kapuasPost, facebook).deliveryId },
      }),
    ).toMatchObject({ reactions: 70, lastErrorCode: null });
  });
});

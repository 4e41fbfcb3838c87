import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel } from "@server/db/generated/client.js";
import { EngagementRefresher } from "@server/engagement/refresh.js";
import { createLogger } from "@server/logger.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { publishNow, tickUntilSettled } from "../helpers/publishing.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Facebook views come from post_media_view, which replaced post_impressions when Meta withdrew
// it on 15 November 2025. When Meta withdraws a metric again, the refresh keeps the last views,
// records no failure, says so once in the log, and stops asking for it (no error storm).
// In a file of its own: the withdrawn metric is remembered by the whole process.

const INSIGHTS = "GET /{post-id}/insights";
let siar: TestSiar;
let humas: ApiClient;
let facebook: Channel;
const lines: string[] = [];
const control = () => siar.services.sandbox!.control;
const prisma = () => siar.services.prisma;

beforeAll(async () => {
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" }, { logger });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  facebook = await prisma().channel.findFirstOrThrow({ where: { kind: "facebook" } });
});
afterAll(async () => siar?.close());

const insightsRequests = async () =>
  (
    await prisma().platformRequestCount.aggregate({
      where: { channelId: facebook.id, endpoint: INSIGHTS },
      _sum: { requests: true },
    })
  )._sum.requests ?? 0;

describe("views when Meta withdraws the metric", () => {
  it("keeps the last views, fails nothing, logs once and asks no more", async () => {
    const unitId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
    const post = await publishNow(humas, {
      unitId,
      title: "Pengumuman",
      body: `Jadwal pasar murah (${Date.now()}).`,
      channelIds: [facebook.id],
    });
    const delivery = (await tickUntilSettled(siar, humas, post.id)).deliveries[0];
    const refresher = new EngagementRefresher(siar.services, 30);
    const counts = () => prisma().deliveryEngagement.findUniqueOrThrow({ where: { deliveryId: delivery.id } });

    control().setEngagement(delivery.remoteId, { likes: 3, views: 50 });
    await refresher.refreshAll();
    expect(await counts()).toMatchObject({ reactions: 3, views: 50, lastErrorCode: null });

    control().metaApp.withdrawMetrics(["post_media_view"]);
    control().setEngagement(delivery.remoteId, { likes: 7, views: 80 });
    await refresher.refreshAll();
    expect(await counts()).toMatchObject({ reactions: 7, views: 50, lastErrorCode: null });
    const warnings = lines.filter((line) => line.includes("no longer answers this insights metric"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("post_media_view");

    const asked = await insightsRequests();
    control().setEngagement(delivery.remoteId, { likes: 9 });
    await refresher.refreshAll();
    expect(await counts()).toMatchObject({ reactions: 9, views: 50, lastErrorCode: null });
    expect(await insightsRequests()).toBe(asked);
    expect(lines.filter((line) => line.includes("no longer answers this insights metric"))).toHaveLength(1);
  });
});

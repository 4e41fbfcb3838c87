import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { publishPagePost } from "../helpers/inbox.js";
import { deliverMetaWebhook, pageCommentChange, pageDelivery } from "../helpers/metaWebhooks.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

const TOKEN = "metrics-token-for-the-test-0123456789";

let siar: TestSiar;
let humas: ApiClient;
beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59", SIAR_METRICS_TOKEN: TOKEN });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
});
afterAll(async () => siar?.close());

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Prometheus's text format, sample lines only: name{label="value",…} number. */
function parseExposition(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1]!, labels: labels as Record<string, string>, value: Number(match[3]) };
    });
}

async function scrape(): Promise<{ samples: Sample[]; text: string }> {
  const response = await fetch(`${siar.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  const text = await response.text();
  return { samples: parseExposition(text), text };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, v]) => sample.labels[key] === v),
  );
  return found.reduce((sum, sample) => sum + sample.value, 0);
}

describe("/metrics", () => {
  it("does not exist without SIAR_METRICS_TOKEN", async () => {
    const plain = await startTestSiar();
    try {
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it("refuses a scraper without the right token", async () => {
    expect((await fetch(`${siar.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${siar.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("siar_");
  });

  it("serves the process metrics and every Siar metric", async () => {
    const { samples } = await scrape();
    const names = new Set(samples.map((sample) => sample.name));
    for (const name of [
      "process_cpu_user_seconds_total",
      "nodejs_heap_size_used_bytes",
      "siar_http_request_duration_seconds_bucket",
      "siar_db_query_duration_seconds_count",
      "siar_job_runs_total",
    ])
      expect(names, name).toContain(name);
    for (const queue of [
      "deliveries_due",
      "webhook_receipts",
      "email_messages",
      "dead_letters",
      "notification_emails",
    ]) {
      expect(
        samples.some((s) => s.name === "siar_queue_depth" && s.labels.queue === queue),
        queue,
      ).toBe(true);
      expect(
        samples.some((s) => s.name === "siar_queue_oldest_age_seconds" && s.labels.queue === queue),
        queue,
      ).toBe(true);
    }
    expect(value(samples, "siar_db_query_duration_seconds_count", { outcome: "ok" })).toBeGreaterThan(0);
    // PostgreSQL's pool has figures; PGlite has one connection and no pool.
    if (siar.services.db.kind === "postgres")
      expect(value(samples, "siar_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
    else expect(names).not.toContain("siar_db_pool_connections");
  });

  it("labels a request by its route pattern, never by the ids in its address", async () => {
    const postId = randomUUID();
    expect((await humas.get(`/api/posts/${postId}`)).status).toBe(404);
    const { samples, text } = await scrape();
    expect(text).not.toContain(postId);
    const count = (route: string, status: string) =>
      value(samples, "siar_http_request_duration_seconds_count", { method: "GET", route, status_class: status });
    expect(count("/api/posts/:id", "4xx")).toBeGreaterThanOrEqual(1);
  });

  it("counts webhook receipts kept, and the dead letters waiting as they change", async () => {
    const before = await scrape();
    const pageId = siar.services.sandbox!.credentials.graph.pageId;
    const body = pageDelivery(pageId, [
      pageCommentChange({ commentId: `${pageId}_1_77`, message: "Jalan rusak", postId: `${pageId}_1` }),
    ]);
    expect((await deliverMetaWebhook(siar.url, body, siar.services.metaWebhook!.appSecret)).status).toBe(200);
    await siar.services.prisma.inboxDeadLetter.create({
      data: {
        origin: "poll",
        payloadKind: "message",
        payload: "{}",
        key: `metrics-test-${randomUUID()}`,
        reason: "test",
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await scrape();
    const receipts = (samples: Sample[]) => value(samples, "siar_webhook_receipts_total", { source: "meta" });
    expect(receipts(after.samples)).toBe(receipts(before.samples) + 1);
    const deadLetters = (samples: Sample[]) => value(samples, "siar_queue_depth", { queue: "dead_letters" });
    expect(deadLetters(after.samples)).toBe(deadLetters(before.samples) + 1);
    expect(value(after.samples, "siar_queue_oldest_age_seconds", { queue: "dead_letters" })).toBeGreaterThanOrEqual(
      119,
    );
  });

  it("counts deliveries by outcome and the polling budget of X channels", async () => {
    const channels = (await humas.get("/api/channels")).body.data as { id: string; kind: string }[];
    const facebook = channels.find((channel) => channel.kind === "facebook")!;
    const x = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "x" } });
    await siar.services.prisma.channel.update({ where: { id: x.id }, data: { monthlyRequestBudget: 1234 } });
    await siar.services.prisma.platformRequestCount.create({
      data: { channelId: x.id, month: new Date().toISOString().slice(0, 7), endpoint: "metrics-test", requests: 17 },
    });
    const before = await scrape();
    const published = (samples: Sample[]) =>
      value(samples, "siar_deliveries_total", { outcome: "published", channel_kind: "facebook" });
    await publishPagePost(siar, humas, {
      unitId: (await humas.get("/api/units?type=kabupaten")).body.data[0].id,
      channelId: facebook.id,
      title: "Metrik",
      body: "Pengumuman untuk metrik.",
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await scrape();
    expect(published(after.samples)).toBe(published(before.samples) + 1);
    expect(value(after.samples, "siar_polling_request_budget_month", { channel_kind: "x" })).toBeGreaterThanOrEqual(
      1234,
    );
    expect(value(after.samples, "siar_polling_requests_month", { channel_kind: "x" })).toBeGreaterThanOrEqual(17);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, WebhookProcessor } from "@server/inbox/webhookQueue.js";
import { refuseFiling, testInbox, webhooksFiled } from "../helpers/inbox.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { metaSignature, pageCommentChange, pageDelivery } from "../helpers/metaWebhooks.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Meta's webhooks as documented (https://developers.facebook.com/docs/graph-api/webhooks/getting-started):
// subscription handshake, X-Hub-Signature-256 over the raw body, quick acknowledgement.

let siar: TestSiar;
let humas: ApiClient;
let pageId: string;
beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  pageId = siar.services.sandbox!.credentials.graph.pageId;
});
afterAll(async () => siar?.close());

const sign = (body: string, secret = siar.services.metaWebhook!.appSecret) => metaSignature(body, secret);
const items = () => siar.services.prisma.inboxItem.findMany({ orderBy: { receivedAt: "asc" } });

const feedChange = (commentId: string, message: string, postId = `${pageId}_999`) =>
  pageCommentChange({ commentId, message, postId });

const feedComment = (commentId: string, message: string, postId = `${pageId}_999`) =>
  pageDelivery(pageId, [feedChange(commentId, message, postId)]);

async function post(body: string, signature: string | undefined) {
  return fetch(`${siar.url}/webhooks/meta`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) },
    body,
  });
}

const settle = () => webhooksFiled(siar);

describe("Meta webhook endpoint", () => {
  it("completes the subscription handshake only with the right verify token", async () => {
    const { verifyToken } = siar.services.metaWebhook!;
    const ok = await fetch(
      `${siar.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const wrong = await fetch(
      `${siar.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`,
    );
    expect(wrong.status).toBe(403);
  });

  it("files a comment the sandbox sends for a post Siar published, linked to that post", async () => {
    const created = await humas.post("/api/posts", {
      unitId: (await humas.get("/api/units?type=kabupaten")).body.data[0].id,
      title: "Jadwal vaksinasi",
      body: "Vaksinasi DBD gratis di Puskesmas Balai hari Sabtu.",
      channelIds: [
        (await humas.get("/api/channels")).body.data.find((c: { kind: string }) => c.kind === "facebook").id,
      ],
    });
    await humas.post(`/api/posts/${created.body.id}/submit`);
    await siar.worker.tick();
    const remoteId = (await humas.get(`/api/posts/${created.body.id}`)).body.deliveries[0].remoteId;
    siar.services.sandbox!.control.injectFacebookComments({
      postId: remoteId,
      texts: ["Jln ke puskesmas balai rusak parah min, tolong diperbaiki"],
    });
    await settle();
    const filed = (await items()).filter((item) => item.postRemoteId === remoteId);
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({
      source: "facebook_comment",
      postId: created.body.id,
      text: "Jln ke puskesmas balai rusak parah min, tolong diperbaiki",
    });
    // Filed as new, then triaged on arrival (possibly already).
    expect(["new", "triaged"]).toContain(filed[0]!.status);
  });

  it("refuses unsigned and forged callbacks, counts them, and stores nothing", async () => {
    const before = (await items()).length;
    const body = feedComment("c-forged", "palsu");
    expect((await post(body, undefined)).status).toBe(403);
    expect((await post(body, sign(body, "not-the-app-secret"))).status).toBe(403);
    // Signed, then altered in transit.
    expect((await post(body.replace("palsu", "diubah"), sign(body))).status).toBe(403);
    await settle();
    expect((await items()).length).toBe(before);
    const rejected = await siar.services.prisma.webhookRejection.findMany({ where: { source: "meta" } });
    expect(rejected.reduce((sum, row) => sum + row.count, 0)).toBeGreaterThanOrEqual(3);
  });

  it("stores a replayed or retried callback once", async () => {
    const body = feedComment("c-replayed", "Lampu PJU di simpang pasar mati");
    for (let i = 0; i < 3; i++) expect((await post(body, sign(body))).status).toBe(200);
    await settle();
    expect((await items()).filter((item) => item.platformId === "c-replayed")).toHaveLength(1);
  });

  it("loses nothing acknowledged when the process dies before filing it", async () => {
    const body = feedComment("c-after-crash", "Sampah di TPS belakang pasar belum diangkut");
    // Acknowledged and kept, then the process died: the row is there, unprocessed, its lease long gone.
    await siar.services.prisma.webhookReceipt.create({
      data: { source: "meta", body, attempts: 1, leaseUntil: new Date(Date.now() - 60_000) },
    });
    expect((await items()).some((item) => item.platformId === "c-after-crash")).toBe(false);
    await settle();
    expect((await items()).filter((item) => item.platformId === "c-after-crash")).toHaveLength(1);
    expect(await siar.services.prisma.webhookReceipt.count({ where: { processedAt: null } })).toBe(0);
  });

  it("answers a signed body that is not JSON with 400 and keeps nothing", async () => {
    const before = await siar.services.prisma.webhookReceipt.count();
    expect((await post("not json", sign("not json"))).status).toBe(400);
    expect(await siar.services.prisma.webhookReceipt.count()).toBe(before);
  });

  it("answers a signed JSON body that is not a Meta webhook, and a malformed signature, with 4xx and keeps nothing", async () => {
    const before = await siar.services.prisma.webhookReceipt.count();
    const notMeta = JSON.stringify({ hello: "world" });
    expect((await post(notMeta, sign(notMeta))).status).toBe(400);
    expect(
      (await post(JSON.stringify({ object: "page", entry: "x" }), sign(JSON.stringify({ object: "page", entry: "x" }))))
        .status,
    ).toBe(400);
    expect((await post(feedComment("c-bad-signature", "x"), "sha256=zz")).status).toBe(403);
    expect((await post("", sign(""))).status).toBe(400);
    expect(await siar.services.prisma.webhookReceipt.count()).toBe(before);
  });

  it("files every comment of a delivery that batches several entries and changes, triaged as it is filed", async () => {
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: pageId,
          time: 1795000000,
          changes: [
            feedChange("c-batch-1", "Jalan di desa kami berlubang besar"),
            feedChange("c-batch-2", "Lampu jalan mati sejak minggu lalu"),
          ],
        },
        {
          id: pageId,
          time: 1795000001,
          changes: [feedChange("c-batch-3", "Terima kasih atas pelayanan KTP yang cepat")],
        },
      ],
    });
    expect((await post(body, sign(body))).status).toBe(200);
    await settle();
    const filed = (await items()).filter((item) => item.platformId.startsWith("c-batch-"));
    expect(filed.map((item) => item.platformId).sort()).toEqual(["c-batch-1", "c-batch-2", "c-batch-3"]);
    for (const item of filed) {
      expect(item.status).not.toBe("new");
      expect(item.kind).not.toBeNull();
      expect(item.unitId).not.toBeNull();
      const timeline = await siar.services.prisma.inboxEvent.findMany({
        where: { itemId: item.id },
        orderBy: { id: "asc" },
      });
      expect(timeline.map((event) => event.type)).toEqual(["received", "triaged"]);
    }
  });

  it("stores a comment once when it comes twice in one delivery and again in a retry filed in the same batch", async () => {
    const twice = JSON.stringify({
      object: "page",
      entry: [
        {
          id: pageId,
          time: 1795000000,
          changes: [
            feedChange("c-twice", "Sampah menumpuk di pasar"),
            feedChange("c-twice", "Sampah menumpuk di pasar"),
          ],
        },
      ],
    });
    // Kept directly, so that one batch of the queue holds both receipts.
    await siar.services.prisma.webhookReceipt.createMany({
      data: [
        { source: "meta", body: twice },
        { source: "meta", body: twice },
      ],
    });
    await settle();
    expect((await items()).filter((item) => item.platformId === "c-twice")).toHaveLength(1);
  });

  it("files the rest of a batch when one receipt is not a webhook", async () => {
    const { prisma } = siar.services;
    await prisma.webhookReceipt.createMany({
      data: [
        { source: "meta", body: feedComment("c-beside-1", "Air PDAM keruh sejak kemarin") },
        { source: "meta", body: "{ not json" },
        { source: "meta", body: feedComment("c-beside-2", "Banjir setinggi lutut di jalan utama") },
      ],
    });
    await settle();
    const beside = (await items())
      .filter((item) => item.platformId.startsWith("c-beside-"))
      .map((item) => item.platformId)
      .sort();
    expect(beside).toEqual(["c-beside-1", "c-beside-2"]);
    // Not a webhook: set aside with the reason, never retried.
    const notJson = await prisma.webhookReceipt.findFirstOrThrow({ where: { body: "{ not json" } });
    expect(notJson.processedAt).not.toBeNull();
    expect(notJson.lastError).toMatch(/^malformed/);
  });

  it("files a comment holding NUL and a lone surrogate, made storable, beside a normal one in the same signed delivery", async () => {
    // Raw escapes as Meta may send them: "\u0000" and a lone "\ud83d" (half of an emoji).
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: pageId,
          time: 1795000000,
          changes: [feedChange("c-odd-text", "PLACEHOLDER"), feedChange("c-plain-text", "Jembatan desa retak")],
        },
      ],
    }).replace("PLACEHOLDER", String.raw`Lampu mati\u0000 di gang \ud83d mohon dicek`);
    expect((await post(body, sign(body))).status).toBe(200);
    await settle();
    const filed = (await items()).filter(
      (item) => item.platformId === "c-odd-text" || item.platformId === "c-plain-text",
    );
    expect(filed.map((item) => item.platformId).sort()).toEqual(["c-odd-text", "c-plain-text"]);
    expect(filed.find((item) => item.platformId === "c-odd-text")!.text).toBe("Lampu mati di gang \uFFFD mohon dicek");
    expect(await siar.services.prisma.webhookReceipt.count({ where: { body, processedAt: null } })).toBe(0);
  });

  it("files the good comments of a signed delivery and keeps the one the database refuses in the dead-letter list", async () => {
    const allow = await refuseFiling(siar, "TOLAK-SIMPAN");
    try {
      const body = JSON.stringify({
        object: "page",
        entry: [
          {
            id: pageId,
            time: 1795000000,
            changes: [
              feedChange("c-mixed-1", "Sampah di sungai"),
              feedChange("c-mixed-bad", "TOLAK-SIMPAN Pak Budi 0812"),
              feedChange("c-mixed-2", "Drainase tersumbat"),
            ],
          },
        ],
      });
      expect((await post(body, sign(body))).status).toBe(200);
      await settle();
      const filed = (await items())
        .filter((item) => item.platformId.startsWith("c-mixed-"))
        .map((item) => item.platformId)
        .sort();
      expect(filed).toEqual(["c-mixed-1", "c-mixed-2"]);
      const letter = await siar.services.prisma.inboxDeadLetter.findFirstOrThrow({
        where: { platformId: "c-mixed-bad" },
      });
      expect(letter).toMatchObject({
        origin: "meta_webhook",
        payloadKind: "message",
        source: "facebook_comment",
        resolution: null,
      });
      expect(letter.reason).toMatch(/23514/);
      // The reason names the failure, never the citizen's words.
      expect(letter.reason).not.toMatch(/Budi|0812|TOLAK/);
      // The receipt is done: the refused comment waits in the dead-letter list, not in the queue.
      const receipt = await siar.services.prisma.webhookReceipt.findFirstOrThrow({ where: { body } });
      expect(receipt.processedAt).not.toBeNull();
    } finally {
      await allow();
    }
  });

  it("gives each comment without an author its own conversation instead of merging them by display name", async () => {
    const anonymous = (commentId: string, message: string) => {
      const change = feedChange(commentId, message, `${pageId}_anon`);
      const { from: _from, ...value } = change.value;
      return { field: "feed", value };
    };
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: pageId,
          time: 1795000000,
          changes: [anonymous("c-anon-1", "Jalan rusak di Desa A"), anonymous("c-anon-2", "Air mati di Desa B")],
        },
      ],
    });
    expect((await post(body, sign(body))).status).toBe(200);
    await settle();
    const filed = (await items()).filter((item) => item.platformId.startsWith("c-anon-"));
    expect(filed).toHaveLength(2);
    expect(filed.every((item) => item.authorName === "Pengguna Facebook")).toBe(true);
    expect(filed[0]!.conversationId).not.toBe(filed[1]!.conversationId);
  });

  it("counts one attempt per backoff step for a receipt two filing loops fail at once, then keeps it as a dead letter", async () => {
    const { prisma } = siar.services;
    const allow = await refuseFiling(siar, "KUNCI-SIBUK", "lock_not_available");
    try {
      const body = feedComment("c-busy", "KUNCI-SIBUK jalan berlubang");
      const beside = feedComment("c-busy-beside", "Lampu taman mati");
      const receipt = await prisma.webhookReceipt.create({ data: { source: "meta", body } });
      await prisma.webhookReceipt.create({ data: { source: "meta", body: beside } });
      // Two processes, each filing with two loops, as the server does.
      const processes = [
        new WebhookProcessor(siar.services, testInbox(siar).desk),
        new WebhookProcessor(siar.services, testInbox(siar).desk),
      ];
      for (let step = 1; step <= 3; step++) {
        await Promise.all(processes.flatMap((processor) => [processor.processPending(), processor.processPending()]));
        const row = await prisma.webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } });
        expect(row.attempts).toBe(step);
        expect(row.lastError).toMatch(/55P03/);
        expect(row.processedAt).toBeNull();
        // The backoff is over: the next step may begin.
        await prisma.webhookReceipt.update({
          where: { id: receipt.id },
          data: { leaseUntil: new Date(Date.now() - 1000) },
        });
      }
      expect((await items()).some((item) => item.platformId === "c-busy-beside")).toBe(true);
      // The last attempt fails too: the receipt is given up into the dead-letter list, with its reason.
      await prisma.webhookReceipt.update({ where: { id: receipt.id }, data: { attempts: MAX_ATTEMPTS - 1 } });
      await processes[0]!.processPending();
      await processes[0]!.processPending();
      const letter = await prisma.inboxDeadLetter.findFirstOrThrow({
        where: { receiptId: receipt.id, payloadKind: "receipt" },
      });
      expect(letter.reason).toMatch(/^given up after 10 attempts: .*55P03/);
      expect((await prisma.webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).processedAt).not.toBeNull();
    } finally {
      await allow();
    }
  });
});

describe("plain SQL transactions, as filing uses them", () => {
  const receiptsOf = (body: string) => siar.services.prisma.webhookReceipt.count({ where: { body } });
  const keep = (sql: { query: (text: string, params?: unknown[]) => Promise<unknown[]> }, body: string) =>
    sql.query(`INSERT INTO "WebhookReceipt" ("source", "body", "processedAt") VALUES ('test', $1, now())`, [body]);

  it("commits what the work wrote when it resolves and returns its result", async () => {
    const result = await siar.services.db.transaction(async (sql) => (await keep(sql, "tx-committed"), "done"));
    expect(result).toBe("done");
    expect(await receiptsOf("tx-committed")).toBe(1);
  });

  it("rolls back everything the work wrote when it throws, and passes the error on", async () => {
    const failing = siar.services.db.transaction(async (sql) => {
      await keep(sql, "tx-rolled-back");
      await sql.query(`SELECT 1/0`);
    });
    await expect(failing).rejects.toThrow(/division by zero/);
    expect(await receiptsOf("tx-rolled-back")).toBe(0);
    // The connection is usable afterwards.
    expect(await siar.services.db.transaction((sql) => sql.query<{ one: number }>(`SELECT 1 AS one`))).toEqual([
      { one: 1 },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "@server/inbox/webhookQueue.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { refuseFiling, webhooksFiled } from "../helpers/inbox.js";
import { pageCommentChange, pageDelivery } from "../helpers/metaWebhooks.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// What the inbox could not file waits in the dead-letter list, where admins see why and retry it
// through the same filing path; each retry and dismissal is in the audit log.

let siar: TestSiar;
let admin: ApiClient;
let humas: ApiClient;
let pageId: string;
beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  [admin, humas] = await Promise.all([
    signedIn(siar.url, "admin@sanggau.demo"),
    signedIn(siar.url, "humas@sanggau.demo"),
  ]);
  pageId = siar.services.sandbox!.credentials.graph.pageId;
});
afterAll(async () => siar?.close());

const feedComment = (commentId: string, message: string) =>
  pageDelivery(pageId, [
    pageCommentChange({
      commentId,
      message,
      postId: `${pageId}_42`,
      from: { id: `71000${commentId.length}`, name: "Ibu Sari" },
    }),
  ]);

/** A webhook comment the database refuses, filed (and so dead-lettered) by the queue. */
async function refusedComment(commentId: string, marker: string): Promise<() => Promise<void>> {
  const allow = await refuseFiling(siar, marker);
  await siar.services.prisma.webhookReceipt.create({
    data: { source: "meta", body: feedComment(commentId, `${marker} selokan mampet di RT 3`) },
  });
  await webhooksFiled(siar);
  return allow;
}

const openLetters = async () =>
  (await admin.get("/api/inbox-dead-letters")).body.data as {
    id: string;
    platformId: string | null;
    payloadKind: string;
  }[];

describe("inbox dead letters", () => {
  it("lists what could not be filed, with source, reason and the citizen's text, to admins only", async () => {
    const allow = await refusedComment("c-dead-list", "DITOLAK-A");
    try {
      const listed = await admin.get("/api/inbox-dead-letters");
      expect(listed.status).toBe(200);
      const letter = listed.body.data.find((entry: { platformId: string }) => entry.platformId === "c-dead-list");
      expect(letter).toMatchObject({
        origin: "meta_webhook",
        source: "facebook_comment",
        payloadKind: "message",
        resolution: null,
        attempts: 1,
        channel: { kind: "facebook" },
        preview: { authorName: "Ibu Sari", text: "DITOLAK-A selokan mampet di RT 3" },
      });
      expect(letter.reason).toMatch(/23514/);
      expect((await humas.get("/api/inbox-dead-letters")).status).toBe(403);
      expect((await humas.post(`/api/inbox-dead-letters/${letter.id}/retry`)).status).toBe(403);
    } finally {
      await allow();
    }
  });

  it("retries a dead letter: a failure updates the reason, a success files it into the inbox and marks it filed, both audited", async () => {
    const allow = await refusedComment("c-dead-retry", "DITOLAK-B");
    const letter = (await openLetters()).find((entry) => entry.platformId === "c-dead-retry")!;

    const failed = await admin.post(`/api/inbox-dead-letters/${letter.id}/retry`);
    expect(failed.status).toBe(422);
    expect(failed.body.error.code).toBe("dead_letter_retry_failed");
    expect(failed.body.error.details.deadLetter).toMatchObject({ attempts: 2, resolution: null });

    await allow();
    const filed = await admin.post(`/api/inbox-dead-letters/${letter.id}/retry`);
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ resolution: "filed" });
    const item = await admin.get(`/api/inbox/${filed.body.itemId}`);
    expect(item.status).toBe(200);
    expect(JSON.stringify(item.body)).toContain("DITOLAK-B selokan mampet di RT 3");
    expect((await openLetters()).some((entry) => entry.id === letter.id)).toBe(false);
    expect((await admin.post(`/api/inbox-dead-letters/${letter.id}/retry`)).body.error.code).toBe(
      "dead_letter_resolved",
    );

    const audit = (await admin.get(`/api/audit-events?targetType=InboxDeadLetter&targetId=${letter.id}`)).body.data as {
      action: string;
      changes: { outcome: string };
    }[];
    expect(audit.map((event) => [event.action, event.changes.outcome]).sort()).toEqual([
      ["inbox_dead_letter.retry", "failed"],
      ["inbox_dead_letter.retry", "filed"],
    ]);
  });

  it("keeps a receipt given up after its attempts, and files its comments when retried", async () => {
    const { prisma } = siar.services;
    const receipt = await prisma.webhookReceipt.create({
      data: {
        source: "meta",
        body: feedComment("c-given-up", "Tiang listrik miring"),
        attempts: MAX_ATTEMPTS,
        lastError: "database error 40P01 (deadlock)",
      },
    });
    await webhooksFiled(siar);
    const letter = (await openLetters()).find((entry) => entry.payloadKind === "receipt")!;
    expect(letter).toMatchObject({
      receiptId: receipt.id.toString(),
      reason: `given up after ${MAX_ATTEMPTS} attempts: database error 40P01 (deadlock)`,
    });
    const filed = await admin.post(`/api/inbox-dead-letters/${letter.id}/retry`);
    expect(filed.body).toMatchObject({ resolution: "filed" });
    expect(await prisma.inboxItem.count({ where: { platformId: "c-given-up" } })).toBe(1);
  });

  it("dismisses a dead letter, audited, and pages through the list with a cursor", async () => {
    const allow = await refusedComment("c-dead-dismiss", "DITOLAK-C");
    await allow();
    const letter = (await openLetters()).find((entry) => entry.platformId === "c-dead-dismiss")!;
    const dismissed = await admin.post(`/api/inbox-dead-letters/${letter.id}/dismiss`);
    expect(dismissed.body).toMatchObject({ resolution: "dismissed", itemId: null });
    const audit = (await admin.get(`/api/audit-events?targetType=InboxDeadLetter&targetId=${letter.id}`)).body.data;
    expect(audit.map((event: { action: string }) => event.action)).toEqual(["inbox_dead_letter.dismiss"]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const pageOf: { body: { data: { id: string }[]; nextCursor: string | null } } = await admin.get(
        `/api/inbox-dead-letters?state=all&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...pageOf.body.data.map((entry) => entry.id));
      cursor = pageOf.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await siar.services.prisma.inboxDeadLetter.count());
    expect((await admin.get("/api/inbox-dead-letters?cursor=bm9wZQ")).status).toBe(400);
  });
});

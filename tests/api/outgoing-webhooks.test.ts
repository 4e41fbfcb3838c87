import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeIncoming } from "@server/inbox/ingest.js";
import { CATCH_UP_GRACE_MS, catchUpWebhookEvents } from "@server/webhooks/catchUp.js";
import { pruneWebhookLog } from "@server/webhooks/events.js";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, WebhookSender } from "@server/webhooks/sender.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { commentArrives, publishPagePost, testInbox } from "../helpers/inbox.js";
import { NOTICES, registeredAt } from "../helpers/ppid.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// Signed outgoing webhooks end to end: admins register receivers on 127.0.0.1, inbox and PPID
// changes reach them signed as Standard Webhooks says (checked with the standardwebhooks
// package), failures are retried with backoff, a 2xx is never sent again, an endpoint that keeps
// failing is turned off with the admins told, and a delivery can be replayed.

type Received = { path: string; id: string; body: string; headers: Record<string, string>; type: string; data: any };

let receiver: http.Server;
const received: Received[] = [];
/** The status each path answers (200 unless set). */
const answers = new Map<string, number>();
let siar: TestSiar;
let admin: ApiClient;
let humas: ApiClient;
let officer: ApiClient;
let kapuasPpid: ApiClient;
let base: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const parsed = JSON.parse(body);
      received.push({
        path: req.url!,
        id: String(req.headers["webhook-id"]),
        body,
        headers: req.headers as Record<string, string>,
        type: parsed.type,
        data: parsed.data,
      });
      res.statusCode = answers.get(req.url!) ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  siar = await startTestSiar({
    SIAR_SANDBOX: "true",
    PUBLISH_INTERVAL_SECONDS: "59",
    PUBLIC_BASE_URL: "https://siar.example.go.id",
    WEBHOOK_DISABLE_AFTER_FAILURES: "3",
  });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  kapuasPpid = await signedIn(siar.url, "ppid.kapuas@sanggau.demo");
});
afterAll(async () => {
  await siar?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let serial = 0;
/** A citizen's Facebook comment filed and triaged as on arrival; the item's id. */
async function arrives(text: string): Promise<string> {
  const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
  const id = await storeIncoming(siar.services, channel, {
    source: "facebook_comment",
    platformId: `outgoing-webhook-${++serial}`,
    parentPlatformId: null,
    postRemoteId: "p",
    threadKey: "p",
    author: { platformId: `warga-${serial}`, name: "Budi Santoso", handle: null },
    text,
    sentAt: new Date(),
    attachments: [],
  });
  await testInbox(siar).desk.receive(id!);
  return id!;
}

async function register(path: string, events: string[]): Promise<{ id: string; secret: string }> {
  const created = await admin.post("/api/webhook-endpoints", { url: `${base}${path}`, events, description: path });
  expect(created.status).toBe(201);
  return created.body;
}

const at = (path: string) => received.filter((hook) => hook.path === path);
const verified = (secret: string, hook: Received) => new Webhook(secret).verify(hook.body, hook.headers);

describe("registering endpoints", () => {
  it("answers the secret once, in the Standard Webhooks form, and stores it sealed", async () => {
    const { id, secret } = await register("/register", ["post.published"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64").length).toBeGreaterThanOrEqual(24);
    const listed = await admin.get("/api/webhook-endpoints");
    expect(listed.status).toBe(200);
    const mine = listed.body.data.find((endpoint: { id: string }) => endpoint.id === id);
    expect(mine).toMatchObject({ url: `${base}/register`, events: ["post.published"], enabled: true });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const one = await admin.get(`/api/webhook-endpoints/${id}`);
    expect(one.body.secret).toBeUndefined();
    const row = await siar.services.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(row.secretSealed).not.toContain(secret.slice(6));
    expect(siar.services.secretBox.open(row.secretSealed)).toBe(secret);
    const audit = await siar.services.prisma.auditEvent.findFirst({
      where: { action: "webhook_endpoint.create", targetId: id },
    });
    expect(JSON.stringify(audit?.changes)).not.toContain(secret.slice(6));
  });

  it("refuses an address that is not http(s), in the user's language", async () => {
    for (const url of ["ftp://127.0.0.1/x", "javascript:alert(1)", "not a url", "http://user:pw@127.0.0.1/"]) {
      const refused = await admin.post("/api/webhook-endpoints", { url, events: ["post.published"] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.code).toBe("webhook_url_invalid");
      expect(refused.body.error.message).toContain("Alamat webhook");
    }
    const unknownEvent = await admin.post("/api/webhook-endpoints", { url: `${base}/x`, events: ["inbox.nope"] });
    expect(unknownEvent.status).toBe(400);
  });

  it("is for admins only", async () => {
    for (const person of [humas, officer, kapuasPpid]) {
      expect((await person.get("/api/webhook-endpoints")).status).toBe(403);
      const created = await person.post("/api/webhook-endpoints", { url: `${base}/x`, events: ["post.published"] });
      expect(created.status).toBe(403);
    }
    expect(await siar.services.prisma.webhookEndpoint.count({ where: { url: `${base}/x` } })).toBe(0);
  });

  it("changes, rotates and removes an endpoint, each audited", async () => {
    const { id, secret } = await register("/changing", ["post.failed"]);
    const changed = await admin.patch(`/api/webhook-endpoints/${id}`, {
      events: ["post.failed", "post.published"],
      description: "Dashboard BPBD",
      enabled: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ enabled: false, description: "Dashboard BPBD" });
    const rotated = await admin.post(`/api/webhook-endpoints/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    expect((await admin.delete(`/api/webhook-endpoints/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/webhook-endpoints/${id}`)).status).toBe(404);
    const actions = await siar.services.prisma.auditEvent.findMany({
      where: { targetType: "WebhookEndpoint", targetId: id },
      select: { action: true },
    });
    expect(actions.map((row) => row.action).sort()).toEqual([
      "webhook_endpoint.create",
      "webhook_endpoint.delete",
      "webhook_endpoint.rotate_secret",
      "webhook_endpoint.update",
    ]);
  });
});

describe("events reach a receiver, signed", () => {
  let secret: string;
  let endpointId: string;
  let itemId: string;

  beforeAll(async () => {
    ({ id: endpointId, secret } = await register("/inbox", [
      "inbox.item.created",
      "inbox.item.triaged",
      "inbox.item.assigned",
      "inbox.item.status_changed",
      "ppid.request.created",
      "ppid.request.decided",
    ]));
    itemId = await arrives("Jalan di Desa Sungai Mawang rusak berat, mohon diperbaiki. Hubungi saya 081234567890");
  });

  it("sends inbox.item.created and inbox.item.triaged with ids and codes, no personal data", async () => {
    const created = await until("item created", () =>
      at("/inbox").find((hook) => hook.type === "inbox.item.created" && hook.data.item.id === itemId),
    );
    const triaged = await until("item triaged", () =>
      at("/inbox").find((hook) => hook.type === "inbox.item.triaged" && hook.data.item.id === itemId),
    );
    for (const hook of [created, triaged]) {
      expect(verified(secret, hook)).toMatchObject({ type: hook.type, data: { item: { id: itemId } } });
      expect(hook.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(hook.body).not.toContain("Budi");
      expect(hook.body).not.toContain("081234567890");
      expect(hook.body).not.toContain("rusak");
      expect(JSON.parse(hook.body).timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(triaged.data.item.category).toBeTruthy();
    expect(triaged.data.item.url).toBe(`https://siar.example.go.id/app/inbox/${itemId}`);
    // A wrong secret does not verify.
    expect(() => verified(`whsec_${Buffer.alloc(32, 7).toString("base64")}`, created)).toThrow();
  });

  it("sends inbox.item.assigned and inbox.item.status_changed when staff act", async () => {
    await siar.services.prisma.inboxItem.update({
      where: { id: itemId },
      data: { unitId: (await siar.services.prisma.unit.findFirstOrThrow({ where: { code: "kec-kapuas" } })).id },
    });
    const me = await siar.services.prisma.user.findUniqueOrThrow({ where: { email: "petugas.kapuas@sanggau.demo" } });
    const assigned = await officer.post(`/api/inbox/${itemId}/assign`, { assigneeId: me.id });
    expect(assigned.status).toBe(200);
    const hook = await until("assigned", () =>
      at("/inbox").find((h) => h.type === "inbox.item.assigned" && h.data.item.id === itemId),
    );
    expect(verified(secret, hook)).toBeTruthy();
    expect(hook.data.item.assigneeId).toBe(me.id);
    const status = await until("status changed", () =>
      at("/inbox").find(
        (h) => h.type === "inbox.item.status_changed" && h.data.item.id === itemId && h.data.item.status === "assigned",
      ),
    );
    expect(status.data.changes.status.to).toBe("assigned");
    expect((await officer.post(`/api/inbox/${itemId}/status`, { status: "in_progress" })).status).toBe(200);
    await until("in progress", () =>
      at("/inbox").find((h) => h.type === "inbox.item.status_changed" && h.data.item.status === "in_progress"),
    );
  });

  it("sends ppid.request.created and ppid.request.decided without the applicant", async () => {
    const units = await siar.services.prisma.unit.findFirstOrThrow({ where: { code: "kec-kapuas" } });
    const requestId = await registeredAt(admin, units.id);
    const created = await until("request created", () =>
      at("/inbox").find((h) => h.type === "ppid.request.created" && h.data.request.id === requestId),
    );
    expect(verified(secret, created)).toBeTruthy();
    expect(created.body).not.toContain("Antonius");
    expect(created.body).not.toContain("6103010202800003");
    expect((await kapuasPpid.post(`/api/ppid/requests/${requestId}/decide`, NOTICES.granted)).status).toBe(200);
    const decided = await until("request decided", () =>
      at("/inbox").find((h) => h.type === "ppid.request.decided" && h.data.request.id === requestId),
    );
    expect(decided.data.request).toMatchObject({ decision: "granted", status: "decided" });
  });

  it("lists the deliveries, newest first and paged", async () => {
    const first = await admin.get(`/api/webhook-endpoints/${endpointId}/deliveries?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data[0]).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200 });
    const second = await admin.get(`/api/webhook-endpoints/${endpointId}/deliveries?cursor=${first.body.nextCursor}`);
    const ids = [...first.body.data, ...second.body.data].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await siar.services.prisma.webhookDelivery.count({ where: { endpointId } }));
    expect((await humas.get(`/api/webhook-endpoints/${endpointId}/deliveries`)).status).toBe(403);
  });

  it("never sends a 2xx delivery again, even with two senders racing later", async () => {
    const before = at("/inbox").length;
    const later = new Date(Date.now() + 48 * 3600 * 1000);
    const senders = [new WebhookSender(siar.services), new WebhookSender(siar.services)];
    await Promise.all(senders.map((sender) => sender.sendDue(later)));
    await Promise.all(senders.map((sender) => sender.sendDue(later)));
    expect(at("/inbox").length).toBe(before);
    const ids = at("/inbox").map((hook) => hook.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("replays a delivery with the same webhook-id, and refuses to replay one still queued", async () => {
    const delivered = at("/inbox")[0]!;
    const replayed = await admin.post(`/api/webhook-endpoints/${endpointId}/deliveries/${delivered.id}/replay`);
    expect(replayed.status).toBe(200);
    const again = await until("replayed", () => at("/inbox").filter((hook) => hook.id === delivered.id)[1]);
    expect(verified(secret, again)).toBeTruthy();
    expect(again.body).toBe(delivered.body);
    const audit = await siar.services.prisma.auditEvent.findFirst({
      where: { action: "webhook_endpoint.replay", targetId: endpointId },
    });
    expect(audit?.changes).toMatchObject({ deliveryId: delivered.id });
    // Made pending again by hand: a replay must not start a second run beside it.
    await siar.services.prisma.webhookDelivery.update({
      where: { id: delivered.id },
      data: { status: "pending", nextAttemptAt: new Date(Date.now() + 3600_000) },
    });
    const refused = await admin.post(`/api/webhook-endpoints/${endpointId}/deliveries/${delivered.id}/replay`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("webhook_delivery_in_progress");
  });
});

describe("emergencies and publishing", () => {
  it("sends inbox.item.emergency once and post.published once, signed", async () => {
    const { secret } = await register("/news", ["inbox.item.emergency", "post.published"]);
    const fireId = await arrives("Tolong!! Kebakaran di Desa Sungai Mawang, api membesar, warga terjebak");
    const emergency = await until("emergency", () =>
      at("/news").find((hook) => hook.type === "inbox.item.emergency" && hook.data.item.id === fireId),
    );
    expect(verified(secret, emergency)).toMatchObject({ data: { item: { urgency: "darurat" } } });
    expect(emergency.body).not.toContain("Kebakaran");

    const facebook = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
    const root = await siar.services.prisma.unit.findFirstOrThrow({ where: { code: "kab-sanggau" } });
    await publishPagePost(siar, humas, {
      unitId: root.id,
      channelId: facebook.id,
      title: "Jadwal pelayanan",
      body: "Pelayanan KTP buka Sabtu.",
    });
    const post = await siar.services.prisma.post.findFirstOrThrow({ where: { title: "Jadwal pelayanan" } });
    const published = await until("published", () =>
      at("/news").find((hook) => hook.type === "post.published" && hook.data.post.id === post.id),
    );
    expect(verified(secret, published)).toMatchObject({ data: { post: { unitId: root.id } } });
    // post.changed fires again (engagement, realtime): no second event.
    siar.services.events.emit("post.changed", { postId: post.id });
    siar.services.events.emit("inbox.emergency", { itemId: fireId });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(at("/news").filter((hook) => hook.type === "post.published")).toHaveLength(1);
    expect(at("/news").filter((hook) => hook.type === "inbox.item.emergency")).toHaveLength(1);
  });
});

describe("a receiver that fails", () => {
  it("gets retries with backoff, then the endpoint is turned off and the admins are told", async () => {
    answers.set("/failing", 500);
    const { id: endpointId, secret } = await register("/failing", ["inbox.item.created"]);
    const sender = new WebhookSender(siar.services);
    const itemId = await arrives("Lampu jalan di depan kantor camat padam sejak seminggu.");
    const delivery = await until("queued", () =>
      siar.services.prisma.webhookDelivery.findFirst({ where: { endpointId } }),
    );
    // The first attempt goes out at once; the next waits 5 s.
    const first = await until("first attempt", async () => {
      const row = await siar.services.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      return row.lastStatusCode === 500 ? row : null;
    });
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
    expect(first.nextAttemptAt!.getTime() - first.lastAttemptAt!.getTime()).toBe(RETRY_DELAYS_MS[0]);
    expect(verified(secret, at("/failing")[0]!)).toMatchObject({ data: { item: { id: itemId } } });

    // Not before its time.
    await sender.sendDue(new Date(first.lastAttemptAt!.getTime() + 1000));
    expect(at("/failing")).toHaveLength(1);
    let now = new Date(first.nextAttemptAt!.getTime() + 1);
    await sender.sendDue(now);
    const second = await siar.services.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(second.attempts).toBe(2);
    expect(second.nextAttemptAt!.getTime() - now.getTime()).toBe(RETRY_DELAYS_MS[1]);
    expect(at("/failing").filter((hook) => hook.id === delivery.id)).toHaveLength(2);

    // The third failure in a row (WEBHOOK_DISABLE_AFTER_FAILURES=3) turns the endpoint off.
    now = new Date(second.nextAttemptAt!.getTime() + 1);
    await sender.sendDue(now);
    const endpoint = (await admin.get(`/api/webhook-endpoints/${endpointId}`)).body;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: "failing", consecutiveFailures: 3 });
    // Nothing more is sent to it while it is off.
    await sender.sendDue(new Date(now.getTime() + 48 * 3600_000));
    expect(at("/failing")).toHaveLength(3);

    const notifications = (await admin.get("/api/notifications")).body.data;
    const told = notifications.find(
      (notification: { kind: string; subject: { id: string } }) =>
        notification.kind === "webhook_disabled" && notification.subject.id === endpointId,
    );
    expect(told).toMatchObject({ path: `/admin/webhooks?endpoint=${endpointId}` });
    expect(
      (await humas.get("/api/notifications")).body.data.some((n: { kind: string }) => n.kind === "webhook_disabled"),
    ).toBe(false);
    expect(
      await siar.services.prisma.auditEvent.count({
        where: { action: "webhook_endpoint.disabled", targetId: endpointId },
      }),
    ).toBe(1);

    // Turned on again once the receiver is fixed: the delivery still waiting goes out and succeeds.
    answers.set("/failing", 204);
    expect((await admin.patch(`/api/webhook-endpoints/${endpointId}`, { enabled: true })).status).toBe(200);
    await sender.sendDue(new Date(now.getTime() + 48 * 3600_000));
    const done = await siar.services.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(done).toMatchObject({ status: "succeeded", attempts: 4, lastStatusCode: 204 });
  });

  it("gives a delivery up after its last attempt", async () => {
    answers.set("/gives-up", 503);
    const { id: endpointId } = await register("/gives-up", ["inbox.item.created"]);
    // Enough failures allowed that the endpoint stays on for this delivery's whole run.
    await siar.services.prisma.webhookEndpoint.update({
      where: { id: endpointId },
      data: { consecutiveFailures: -100 },
    });
    await arrives("Air PDAM di Kapuas keruh sejak kemarin.");
    const delivery = await until("queued", () =>
      siar.services.prisma.webhookDelivery.findFirst({ where: { endpointId } }),
    );
    const sender = new WebhookSender(siar.services);
    let now = Date.now();
    for (let round = 0; round < MAX_ATTEMPTS + 2; round++) {
      now += 11 * 3600_000;
      await sender.sendDue(new Date(now));
    }
    const row = await siar.services.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, nextAttemptAt: null, lastStatusCode: 503 });
    expect(at("/gives-up").filter((hook) => hook.id === delivery.id)).toHaveLength(MAX_ATTEMPTS);
  });
});

describe("several senders at once", () => {
  it("send each delivery exactly once", async () => {
    const { id: endpointId } = await register("/race", ["inbox.item.created"]);
    // Kept off while the queue fills, so the server's own sender does not take them first.
    await siar.services.prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false } });
    const event = await siar.services.prisma.webhookEvent.create({
      data: { type: "inbox.item.created", data: { item: { id: "race" } } },
    });
    await siar.services.prisma.webhookDelivery.createMany({
      data: Array.from({ length: 30 }, () => ({ endpointId, eventId: event.id })),
    });
    await siar.services.prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: true } });
    const senders = Array.from({ length: 4 }, () => new WebhookSender(siar.services));
    const later = new Date(Date.now() + 60_000);
    await Promise.all(senders.map((sender) => sender.sendDue(later, 5).then(() => sender.sendDue(later, 50))));
    await until(
      "all sent",
      async () =>
        (await siar.services.prisma.webhookDelivery.count({ where: { endpointId, status: "succeeded" } })) === 30,
    );
    const ids = at("/race").map((hook) => hook.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});

describe("the delivery log", () => {
  it("forgets finished deliveries after 30 days and keeps what is still queued", async () => {
    const { prisma } = siar.services;
    const { id: endpointId } = await register("/kept", ["post.failed"]);
    await prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false } });
    const event = await prisma.webhookEvent.create({ data: { type: "post.failed", data: {} } });
    const queued = await prisma.webhookDelivery.create({ data: { endpointId, eventId: event.id } });
    const finished = await prisma.webhookDelivery.count({ where: { status: { not: "pending" } } });
    expect(finished).toBeGreaterThan(0);
    await pruneWebhookLog(prisma, new Date(Date.now() + 29 * 24 * 3600_000));
    expect(await prisma.webhookDelivery.count({ where: { status: { not: "pending" } } })).toBe(finished);
    await pruneWebhookLog(prisma, new Date(Date.now() + 31 * 24 * 3600_000));
    expect(await prisma.webhookDelivery.count({ where: { status: { not: "pending" } } })).toBe(0);
    expect(await prisma.webhookDelivery.findUnique({ where: { id: queued.id } })).not.toBeNull();
    expect(await prisma.webhookEvent.findUnique({ where: { id: event.id } })).not.toBeNull();
  });
});

describe("a process that dies between a commit and its announcement", () => {
  /** Runs `work` as a process would that dies after each commit: nothing it announces reaches a listener. */
  async function withoutAnnouncements<T>(work: () => Promise<T>, ...alsoLost: string[]): Promise<T> {
    const { events } = siar.services;
    const emit = events.emit;
    const lost = new Set<string>(["inbox.itemReceived", "inbox.emergency", "post.changed", ...alsoLost]);
    events.emit = ((name, payload) => {
      if (!lost.has(name)) emit.call(events, name, payload);
    }) as typeof events.emit;
    try {
      return await work();
    } finally {
      events.emit = emit;
    }
  }
  const afterGrace = () => new Date(Date.now() + CATCH_UP_GRACE_MS + 1000);

  it("loses no event: the catch-up queues it, delivered once and signed", async () => {
    const before = await withoutAnnouncements(() =>
      arrives("Jembatan gantung di Sungai Mawang putus sebelum dipasang."),
    );
    const { secret } = await register("/caught-up", ["inbox.item.created", "inbox.item.emergency", "post.published"]);
    const facebook = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
    const root = await siar.services.prisma.unit.findFirstOrThrow({ where: { code: "kab-sanggau" } });
    const { itemId, fireId, postId } = await withoutAnnouncements(async () => {
      const itemId = await arrives("Jembatan gantung di Desa Sungai Mawang putus, anak sekolah menyeberang sungai.");
      const fireId = await arrives("Tolong!! Kebakaran di Desa Sungai Mawang, api membesar, warga terjebak");
      await publishPagePost(siar, humas, {
        unitId: root.id,
        channelId: facebook.id,
        title: "Jembatan",
        body: "Perbaikan.",
      });
      const post = await siar.services.prisma.post.findFirstOrThrow({ where: { title: "Jembatan" } });
      return { itemId, fireId, postId: post.id };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(at("/caught-up")).toHaveLength(0);

    // Another process (or this one, started again) looks back; two of them at once queue each event once.
    await Promise.all([1, 2].map(() => catchUpWebhookEvents(siar.services, 3600_000, afterGrace())));
    const wanted = [
      ["inbox.item.created", (hook: Received) => hook.data.item?.id === itemId],
      ["inbox.item.created", (hook: Received) => hook.data.item?.id === fireId],
      ["inbox.item.emergency", (hook: Received) => hook.data.item?.id === fireId],
      ["post.published", (hook: Received) => hook.data.post?.id === postId],
    ] as const;
    for (const [type, about] of wanted) {
      const hook = await until(type, () => at("/caught-up").find((h) => h.type === type && about(h)));
      expect(verified(secret, hook)).toMatchObject({ type });
    }
    // The late listener, and the next catch-up, find the events already queued.
    siar.services.events.emit("inbox.itemReceived", { itemId });
    siar.services.events.emit("inbox.emergency", { itemId: fireId });
    siar.services.events.emit("post.changed", { postId });
    expect(await catchUpWebhookEvents(siar.services, 3600_000, afterGrace())).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [type, about] of wanted)
      expect(
        at("/caught-up").filter((h) => h.type === type && about(h)),
        type,
      ).toHaveLength(1);
    // What happened before the endpoint was registered is not sent to it.
    expect(at("/caught-up").some((hook) => hook.data.item?.id === before)).toBe(false);
    const ids = at("/caught-up").map((hook) => hook.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sends inbox.item.created for items filed by the Meta webhook batch at once, or by the catch-up", async () => {
    const { secret } = await register("/batch", ["inbox.item.created"]);
    const facebook = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
    const root = await siar.services.prisma.unit.findFirstOrThrow({ where: { code: "kab-sanggau" } });
    const pagePost = await publishPagePost(siar, humas, {
      unitId: root.id,
      channelId: facebook.id,
      title: "Pasar Sanggau",
      body: "Pasar buka.",
    });
    const itemId = await commentArrives(siar, pagePost, "Jalan ke pasar Sanggau berlubang besar, mohon ditambal.");
    const hook = await until("batch item", () =>
      at("/batch").find((h) => h.type === "inbox.item.created" && h.data.item.id === itemId),
    );
    expect(verified(secret, hook)).toMatchObject({ data: { item: { id: itemId, source: "facebook_comment" } } });
    expect(hook.body).not.toContain("berlubang");
    // The batch's triage is in the event already.
    expect(hook.data.item.category).toBeTruthy();

    const lostId = await withoutAnnouncements(
      () => commentArrives(siar, pagePost, "Lampu jalan menuju pasar Sanggau mati semua sejak Senin."),
      "inbox.batchFiled",
    );
    expect(await catchUpWebhookEvents(siar.services, 3600_000, afterGrace())).toBeGreaterThan(0);
    await until("caught-up batch item", () =>
      at("/batch").find((h) => h.type === "inbox.item.created" && h.data.item.id === lostId),
    );
    expect(at("/batch").filter((h) => h.type === "inbox.item.created" && h.data.item.id === itemId)).toHaveLength(1);
  });

  it("does nothing for a change still within the listener's grace", async () => {
    await register("/grace", ["inbox.item.created"]);
    const itemId = await withoutAnnouncements(() => arrives("Sampah menumpuk di pasar Kapuas."));
    expect(await catchUpWebhookEvents(siar.services, 3600_000)).toBe(0);
    expect(
      await siar.services.prisma.webhookEvent.count({ where: { dedupeKey: `inbox.item.created:${itemId}` } }),
    ).toBe(0);
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { storeIncoming } from "@server/inbox/ingest.js";
import { webhookSignature } from "@server/inbox/emergencyAlerts.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { testInbox } from "../helpers/inbox.js";
import { partOf, startMailbox, subjectOf } from "../helpers/mailbox.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";
import { recordingSocket, type SocketEvent } from "../helpers/sockets.js";

// Emergencies first: routed to BPBD with the kecamatan informed, announced live, e-mailed,
// posted to the signed webhook, and pinned above every inbox list that may see them.

const WEBHOOK_SECRET = "a-shared-secret-of-at-least-32-characters-0123456789";
type Hook = { headers: http.IncomingHttpHeaders; body: string };

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let webhookServer: http.Server;
const hooks: Hook[] = [];
let failNextHook = false;
let siar: TestSiar;
let humas: ApiClient;
let kapuasOfficer: ApiClient;
let tayanHuluOfficer: ApiClient;
const units: Record<string, string> = {};

beforeAll(async () => {
  mailbox = await startMailbox();
  webhookServer = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body });
      res.statusCode = failNextHook ? 503 : 204;
      failNextHook = false;
      res.end();
    });
  });
  await new Promise<void>((resolve) => webhookServer.listen(0, "127.0.0.1", resolve));
  siar = await startTestSiar({
    SIAR_SANDBOX: "true",
    PUBLISH_INTERVAL_SECONDS: "59",
    SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
    SMTP_FROM: "Siar <siar@example.go.id>",
    PUBLIC_BASE_URL: "https://siar.example.go.id",
    EMERGENCY_WEBHOOK_URL: `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/alerts`,
    EMERGENCY_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  humas = await signedIn(siar.url, "humas@sanggau.demo");
  kapuasOfficer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
  tayanHuluOfficer = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
  for (const unit of (await humas.get("/api/units?limit=1000")).body.data) units[unit.code] = unit.id;
});
afterAll(async () => {
  await siar?.close();
  await mailbox?.close();
  await new Promise((resolve) => webhookServer?.close(resolve));
});

let serial = 0;
/** A Facebook comment filed and triaged as on arrival; returns the item's id. */
async function arrives(text: string): Promise<string> {
  const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
  const id = await storeIncoming(siar.services, channel, {
    source: "facebook_comment",
    platformId: `emergency-${++serial}`,
    parentPlatformId: null,
    postRemoteId: "p",
    threadKey: "p",
    author: { platformId: `warga-${serial}`, name: "Warga", handle: null },
    text,
    sentAt: new Date(),
    attachments: [],
  });
  await testInbox(siar).desk.receive(id!);
  return id!;
}

const alertOf = (itemId: string) => siar.services.prisma.emergencyAlert.findUnique({ where: { itemId } });
const eventsNamed = (events: SocketEvent[], name: string) => events.filter((e) => e.event === name);

describe("an item read darurat", () => {
  let fireId: string;
  let kapuasEvents: SocketEvent[];
  let tayanHuluEvents: SocketEvent[];
  const sockets: { close(): void }[] = [];

  beforeAll(async () => {
    const kapuas = await recordingSocket(siar.url, kapuasOfficer.cookie!);
    const tayanHulu = await recordingSocket(siar.url, tayanHuluOfficer.cookie!);
    sockets.push(kapuas.socket, tayanHulu.socket);
    kapuasEvents = kapuas.events;
    tayanHuluEvents = tayanHulu.events;
    fireId = await arrives("Tolong!! Kebakaran di Desa Sungai Mawang, api membesar, <b>warga</b> terjebak");
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it("goes to BPBD, keeps Kecamatan Kapuas informed, and says which words made it darurat", async () => {
    const item = (await humas.get(`/api/inbox/${fireId}`)).body.item;
    expect(item).toMatchObject({
      urgency: "darurat",
      pinned: true,
      unit: { id: units.bpbd },
      informedUnit: { id: units["kec-kapuas"], name: "Kecamatan Kapuas" },
    });
    expect(item.triage.urgency.reasons).toContainEqual(
      expect.objectContaining({ matched: "kebakaran", note: { code: "emergency", danger: "fire" } }),
    );
  });

  it("lets the informed kecamatan read it but not handle it, and keeps it from other kecamatan", async () => {
    expect((await kapuasOfficer.get(`/api/inbox/${fireId}`)).status).toBe(200);
    expect((await kapuasOfficer.patch(`/api/inbox/${fireId}/triage`, { urgency: "tinggi" })).status).toBe(403);
    expect((await tayanHuluOfficer.get(`/api/inbox/${fireId}`)).status).toBe(403);
  });

  it("is announced at once to the sockets of those who may read it", async () => {
    await vi.waitFor(() => expect(eventsNamed(kapuasEvents, "inbox.emergency").length).toBeGreaterThan(0));
    expect(eventsNamed(kapuasEvents, "inbox.emergency")[0]!.payload.item).toMatchObject({ id: fireId, pinned: true });
    expect(eventsNamed(tayanHuluEvents, "inbox.emergency")).toEqual([]);
  });

  it("is e-mailed to humas and to the officers and leaders of the units concerned, escaped", async () => {
    await vi.waitFor(async () => expect((await alertOf(fireId))?.doneAt).not.toBeNull(), { timeout: 20_000 });
    const mails = mailbox.messages.filter((mail) => subjectOf(mail.raw).includes("[DARURAT]"));
    expect(mails).toHaveLength(1);
    expect(subjectOf(mails[0]!.raw)).toBe("[DARURAT] Laporan darurat di Desa Sungai Mawang");
    expect(mails[0]!.to).toEqual(
      expect.arrayContaining(["humas@sanggau.demo", "petugas.kapuas@sanggau.demo", "camat.kapuas@sanggau.demo"]),
    );
    expect(mails[0]!.to).not.toContain("petugas.tayanhulu@sanggau.demo");
    const body = partOf(mails[0]!.raw, "text/html").toString("utf8");
    expect(body).toContain("&lt;b&gt;warga&lt;/b&gt;");
    expect(body).toContain(`https://siar.example.go.id/app/inbox/${fireId}`);
  });

  it("is posted to the webhook with a signature the receiver can check", async () => {
    const hook = hooks.find((h) => JSON.parse(h.body).item.id === fireId)!;
    expect(hook.headers["x-siar-event"]).toBe("inbox.emergency");
    const timestamp = hook.headers["x-siar-timestamp"] as string;
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
    expect(hook.headers["x-siar-signature"]).toBe(webhookSignature(WEBHOOK_SECRET, timestamp, hook.body));
    expect(hook.headers["x-siar-signature"]).not.toBe(webhookSignature("another secret", timestamp, hook.body));
    expect(JSON.parse(hook.body).item).toMatchObject({ urgency: "darurat", unit: expect.stringContaining("Bencana") });
  });

  it("records the alert on the timeline and in the audit log", async () => {
    const timeline = (await humas.get(`/api/inbox/${fireId}`)).body.timeline;
    expect(timeline).toContainEqual(
      expect.objectContaining({
        type: "emergency_alerted",
        data: { email: "sent", emailedTo: expect.any(Number), webhook: "sent" },
      }),
    );
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const audit = await admin.get(`/api/audit-events?targetId=${fireId}`);
    expect(audit.body.data.map((event: { action: string }) => event.action)).toContain("inbox.emergency_alert");
  });

  it("is pinned above newer items on the first page of every list that may see it, and only there", async () => {
    for (let i = 0; i < 3; i++)
      await arrives(`Pelayanan di kantor Desa Sungai Mawang lambat sekali, antri dari pagi (${i})`);
    for (const [client, view] of [
      [kapuasOfficer, "my_units"],
      [humas, "all"],
      [humas, "unassigned"],
    ] as const) {
      const first = await client.get(`/api/inbox?view=${view}&limit=2`);
      expect(first.body.data[0]).toMatchObject({ id: fireId, pinned: true });
      expect(first.body.data).toHaveLength(3);
      const rest = await client.get(`/api/inbox?view=${view}&limit=50&cursor=${first.body.nextCursor}`);
      expect(rest.body.data.map((item: { id: string }) => item.id)).not.toContain(fireId);
    }
    expect(
      (await tayanHuluOfficer.get("/api/inbox?view=all")).body.data.map((i: { id: string }) => i.id),
    ).not.toContain(fireId);
    // Handled, it goes back to its place in time.
    await humas.post(`/api/inbox/${fireId}/status`, { status: "resolved" });
    const after = await humas.get("/api/inbox?view=all&limit=2");
    expect(after.body.data[0].id).not.toBe(fireId);
  });
});

describe("staff reading an item as darurat", () => {
  it("alerts just as triage would, and a webhook that failed is tried again", async () => {
    const id = await arrives("Pak, di belakang pasar Sekayam ada orang mencurigakan tiap malam");
    expect(await alertOf(id)).toBeNull();
    failNextHook = true;
    const before = hooks.length;
    expect((await humas.patch(`/api/inbox/${id}/triage`, { urgency: "darurat" })).status).toBe(200);
    await vi.waitFor(async () => expect((await alertOf(id))?.doneAt).not.toBeNull(), { timeout: 40_000 });
    const alert = (await alertOf(id))!;
    expect(alert.attempts).toBeGreaterThanOrEqual(2);
    expect(alert.webhookSentAt).not.toBeNull();
    expect(hooks.slice(before).filter((hook) => JSON.parse(hook.body).item.id === id)).toHaveLength(2);
  });
});

import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimChannelsToCheck, recheckMetaConnections } from "@server/commands/channelConnections.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// A connected Facebook Page is subscribed to the app's webhooks (the sandbox, like Meta, sends a
// Page's webhooks only to apps it is subscribed to), unsubscribed when its channels are disabled,
// checked again daily; and admins see which permissions a channel's token lacks, in plain words.

let siar: TestSiar;
let admin: ApiClient;
let units: Record<string, string>;
const sandbox = () => siar.services.sandbox!;
const prisma = () => siar.services.prisma;

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
  units = Object.fromEntries(
    (await admin.get("/api/units?limit=1000")).body.data.map((unit: { code: string; id: string }) => [
      unit.code,
      unit.id,
    ]),
  );
});
afterAll(async () => siar?.close());

type Presented = {
  id: string;
  kind: string;
  status: string;
  webhooks: { status: string | null; fields: string[]; error: string | null; checkedAt: string | null } | null;
  permissions: { checkedAt: string | null; missing: { permission: string; use: string }[] } | null;
};
const channelsOf = async (client: ApiClient = admin): Promise<Presented[]> =>
  (await client.get("/api/channels")).body.data;
const pageChannels = async () => (await channelsOf()).filter((c) => c.kind === "facebook" || c.kind === "instagram");
const subscriptions = () => sandbox().control.metaApp.pageSubscriptions();

/** Connects the sandbox Page by pasting a Page token granted only these permissions. */
async function connectWithPermissions(unitCode: string, permissions: string[]) {
  const { graph } = sandbox().credentials;
  return admin.post("/api/channels", {
    unitId: units[unitCode],
    kind: "facebook",
    externalId: graph.pageId,
    credentials: { pageAccessToken: sandbox().control.metaApp.issuePageToken(permissions) },
    settings: { baseUrl: graph.baseUrl },
    // The sandbox has one Page, which the kabupaten already has.
    shareAccount: true,
  });
}

describe("the Page's webhook subscription", () => {
  it("the demo's Page is subscribed for feed and messages when it is connected, and shown so", async () => {
    const { pageId } = sandbox().credentials.graph;
    expect(subscriptions()).toEqual({ [pageId]: ["feed", "messages"] });
    for (const channel of await pageChannels()) {
      expect(channel.webhooks).toMatchObject({ status: "subscribed", fields: ["feed", "messages"], error: null });
      expect(channel.webhooks!.checkedAt).toEqual(expect.any(String));
    }
    const x = (await channelsOf()).find((c) => c.kind === "x")!;
    expect(x.webhooks).toBeNull();
    expect(x.permissions).toBeNull();
  });

  it("disabling the Page's last channel unsubscribes it, so Meta stops sending; enabling subscribes it again", async () => {
    const { pageId } = sandbox().credentials.graph;
    const fb = await channelsOfKind("facebook");
    const ig = await channelsOfKind("instagram");
    expect((await admin.patch(`/api/channels/${fb.id}`, { status: "disabled" })).status).toBe(200);
    // The Instagram account still needs the Page's webhooks.
    expect(subscriptions()).toEqual({ [pageId]: ["feed", "messages"] });
    expect((await admin.patch(`/api/channels/${ig.id}`, { status: "disabled" })).status).toBe(200);
    expect(subscriptions()).toEqual({});
    const disabled = (await channelsOf()).find((c) => c.id === ig.id)!;
    expect(disabled.webhooks).toMatchObject({ status: "unsubscribed", fields: [] });

    // A citizen's comment now reaches Siar only by polling: the sandbox withholds the webhook.
    const post = (await graphPost(`${pageId}/feed`, { message: "Uji langganan" })) as { id: string };
    sandbox().control.injectFacebookComments({ postId: post.id, texts: ["tidak dikirim"] });
    await sandbox().control.waitForWebhooks();
    expect(sandbox().control.webhookDeliveries().at(-1)).toMatchObject({ status: "withheld" });

    expect((await admin.patch(`/api/channels/${fb.id}`, { status: "connected" })).status).toBe(200);
    expect((await admin.patch(`/api/channels/${ig.id}`, { status: "connected" })).status).toBe(200);
    expect(subscriptions()).toEqual({ [pageId]: ["feed", "messages"] });
    const audit = await prisma().auditEvent.findMany({ where: { action: "channel.webhooks", targetId: fb.id } });
    expect(
      audit.map((event) => (event.changes as { webhookStatus: { to: string } }).webhookStatus.to).slice(-2),
    ).toEqual(["unsubscribed", "subscribed"]);
  });

  it("the daily check subscribes a Page again whose subscription went missing, once across processes", async () => {
    const { pageId } = sandbox().credentials.graph;
    await graphDelete(`${pageId}/subscribed_apps`);
    expect(subscriptions()).toEqual({});
    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    // Two processes at once: each channel is claimed by one of them.
    const [first, second] = await Promise.all([
      claimChannelsToCheck(siar.services, tomorrow),
      claimChannelsToCheck(siar.services, tomorrow),
    ]);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect([...first, ...second].length).toBeGreaterThanOrEqual(2);
    // Claimed ones are not due again until a day later; the check itself subscribes the Page.
    expect(await recheckMetaConnections(siar.services, tomorrow)).toBe(0);
    await prisma().channel.updateMany({ where: { kind: "facebook" }, data: { webhookCheckedAt: null } });
    expect(await recheckMetaConnections(siar.services, tomorrow)).toBeGreaterThanOrEqual(1);
    expect(subscriptions()).toEqual({ [pageId]: ["feed", "messages"] });
  });
});

describe("missing permissions", () => {
  it("a token without pages_manage_metadata and read_insights: the subscription fails and admins see both, in Bahasa Indonesia", async () => {
    const granted = [
      "pages_show_list",
      "business_management",
      "pages_read_engagement",
      "pages_manage_posts",
      "pages_read_user_content",
      "pages_manage_engagement",
      "pages_messaging",
    ];
    const connected = await connectWithPermissions("kec-kapuas", granted);
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    expect(connected.body.webhooks).toMatchObject({
      status: "failed",
      error: expect.stringContaining("pages_manage_metadata"),
    });
    expect(connected.body.permissions.checkedAt).toEqual(expect.any(String));
    expect(connected.body.permissions.missing).toEqual([
      {
        permission: "pages_manage_metadata",
        use: "mendaftarkan Halaman agar komentar dan pesan dikirim ke Siar (webhook)",
      },
      { permission: "read_insights", use: "membaca jumlah tayangan pos" },
    ]);
    // An admin who reads Siar in English.
    await prisma().user.update({ where: { email: "admin@sanggau.demo" }, data: { locale: "en" } });
    const inEnglish = (await channelsOf()).find((c) => c.id === connected.body.id)!;
    await prisma().user.update({ where: { email: "admin@sanggau.demo" }, data: { locale: "id" } });
    expect(inEnglish.permissions!.missing[1]).toEqual({
      permission: "read_insights",
      use: "read how many times posts were viewed",
    });
  });

  it("a token with every permission the Page needs shows none missing", async () => {
    const connected = await connectWithPermissions("kec-tayan-hulu", [
      "pages_show_list",
      "business_management",
      "pages_manage_metadata",
      "pages_read_engagement",
      "pages_manage_posts",
      "pages_read_user_content",
      "pages_manage_engagement",
      "pages_messaging",
      "read_insights",
    ]);
    expect(connected.status).toBe(201);
    expect(connected.body.permissions.missing).toEqual([]);
    expect(connected.body.webhooks.status).toBe("subscribed");
  });
});

describe("a token without pages_messaging", () => {
  it("subscribes the Page for feed alone: comments still come by webhook, messages by polling", async () => {
    const connected = await connectWithPermissions("kec-sekayam", [
      "pages_show_list",
      "business_management",
      "pages_manage_metadata",
      "pages_read_engagement",
      "pages_manage_posts",
      "pages_read_user_content",
      "pages_manage_engagement",
      "read_insights",
    ]);
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    expect(connected.body.webhooks).toMatchObject({ status: "subscribed", fields: ["feed"] });
    expect(connected.body.permissions.missing.map((m: { permission: string }) => m.permission)).toEqual([
      "pages_messaging",
    ]);
  });
});

describe("the way in for Meta's webhooks", () => {
  it("the test button sends a signed event to PUBLIC_BASE_URL that arrives, is audited and files nothing", async () => {
    const setup = (await admin.get("/api/channels/webhooks")).body;
    expect(setup).toMatchObject({ callbackUrl: `${siar.url}/webhooks/meta`, https: false, configured: true });
    const items = await prisma().inboxItem.count();
    const tested = await admin.post("/api/channels/webhooks/test");
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({
      url: `${siar.url}/webhooks/meta`,
      https: false,
      status: 200,
      error: null,
      arrived: true,
      receivedAt: expect.any(String),
    });
    const receipt = await prisma().webhookReceipt.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(receipt.body).toContain("siar_webhook_test");
    expect(await prisma().auditEvent.count({ where: { action: "webhook.test" } })).toBe(1);
    // Filed like any receipt, it brings nothing into the inbox.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await prisma().inboxItem.count()).toBe(items);
    const humas = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await humas.post("/api/channels/webhooks/test")).status).toBe(403);
  });

  it("an address Meta could not reach shows why the event did not arrive", async () => {
    const config = siar.services.config;
    const publicBaseUrl = config.publicBaseUrl;
    config.publicBaseUrl = `http://127.0.0.1:${await closedPort()}`;
    try {
      const tested = (await admin.post("/api/channels/webhooks/test")).body;
      expect(tested).toMatchObject({
        status: null,
        arrived: false,
        error: expect.stringMatching(/ECONNREFUSED|refused/i),
      });
    } finally {
      config.publicBaseUrl = publicBaseUrl;
    }
  });
});

describe("WordPress addresses", () => {
  it("a site over http is refused (application passwords need HTTPS); https and this machine's sandbox are accepted", async () => {
    const { wordpress } = sandbox().credentials;
    const body = (baseUrl: string) => ({
      unitId: units["kec-kapuas"],
      kind: "wordpress",
      credentials: { username: wordpress.username, applicationPassword: wordpress.applicationPassword },
      settings: { baseUrl },
    });
    const refused = await admin.post("/api/channels", body("http://humas.sanggau.go.id"));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: "https_required",
      message: expect.stringContaining("https://"),
      details: { field: "baseUrl" },
    });
    expect((await admin.post("/api/channels", body(wordpress.baseUrl))).status).toBe(201);
  });
});

/** A port nothing listens on: one the system handed out, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function channelsOfKind(kind: string): Promise<Presented> {
  const root = units["kab-sanggau"];
  const channels = (await channelsOf()).filter((c) => c.kind === kind) as (Presented & { unit: { id: string } })[];
  return channels.find((c) => c.unit.id === root)!;
}

const graphUrl = (path: string) => {
  const { baseUrl, pageAccessToken } = sandbox().credentials.graph;
  return `${baseUrl}/v26.0/${path}?access_token=${pageAccessToken}`;
};
const graphPost = async (path: string, body: unknown) =>
  (
    await fetch(graphUrl(path), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
  ).json();
const graphDelete = async (path: string) => (await fetch(graphUrl(path), { method: "DELETE" })).json();

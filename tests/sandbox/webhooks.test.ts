import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "@server/sandbox/index";
import {
  graphClient,
  publishInstagramImage,
  startMediaHost,
  startServer,
  startTestSandbox,
  type TestServer,
} from "./helpers";

const APP_SECRET = "sandbox-app-secret";
const VERIFY_TOKEN = "siar-verify-token";

interface Received {
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

/** A webhook endpoint as Siar will implement it: answers the handshake, records raw POST bodies. */
const receiver = {
  verifications: [] as URLSearchParams[],
  deliveries: [] as Received[],
  failNext: 0,
};
let server: TestServer;
let sandbox: Sandbox;

/** What a receiver must do: HMAC-SHA256 of the exact raw body with the app secret, compared in constant time. */
function verifySignature(raw: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", secret).update(raw).digest();
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

beforeAll(async () => {
  server = await startServer((req, res) => {
    const url = new URL(req.url!, "http://receiver");
    if (req.method === "GET") {
      receiver.verifications.push(url.searchParams);
      const ok =
        url.searchParams.get("hub.mode") === "subscribe" && url.searchParams.get("hub.verify_token") === VERIFY_TOKEN;
      return ok ? res.writeHead(200).end(url.searchParams.get("hub.challenge")) : res.writeHead(403).end();
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (receiver.failNext > 0) {
        receiver.failNext--;
        return res.writeHead(500).end();
      }
      receiver.deliveries.push({ raw: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(200).end("EVENT_RECEIVED");
    });
  });
  sandbox = await startTestSandbox({
    webhook: {
      callbackUrl: `${server.url}/webhooks/meta`,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      retry: { attempts: 3, baseDelayMs: 10 },
    },
  });
});
afterAll(async () => {
  await sandbox.close();
  await server.close();
});
beforeEach(async () => {
  sandbox.control.reset();
  await sandbox.control.subscribeWebhooks(`${server.url}/webhooks/meta`);
  // What Siar does when it connects the Page: only a subscribed Page's events reach the app.
  await graphClient(sandbox).post(`${sandbox.credentials.graph.pageId}/subscribed_apps`, {
    subscribed_fields: "feed,messages",
  });
  receiver.verifications = [];
  receiver.deliveries = [];
  receiver.failNext = 0;
});

async function publishFacebookPost(): Promise<string> {
  const { body } = await graphClient(sandbox).post(`${sandbox.credentials.graph.pageId}/feed`, {
    message: "Info banjir",
  });
  return body.id;
}

describe("Verification (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests)", () => {
  it("sends hub.mode=subscribe, hub.verify_token and hub.challenge, and succeeds when the challenge is echoed", async () => {
    expect(await sandbox.control.subscribeWebhooks()).toBe(true);
    expect(receiver.verifications).toHaveLength(1);
    const params = receiver.verifications[0]!;
    expect(params.get("hub.mode")).toBe("subscribe");
    expect(params.get("hub.verify_token")).toBe(VERIFY_TOKEN);
    expect(params.get("hub.challenge")).toMatch(/^\d+$/);
  });

  it("fails when the endpoint does not echo the challenge, and then nothing is delivered", async () => {
    expect(await sandbox.control.subscribeWebhooks(`${server.url.replace(/:\d+$/, ":1")}/closed`)).toBe(false);
    const postId = await publishFacebookPost();
    sandbox.control.injectFacebookComments({ postId });
    await sandbox.control.waitForWebhooks();
    expect(sandbox.control.webhookDeliveries()[0]).toMatchObject({
      status: "failed",
      attempts: [{ error: "callback verification failed" }, {}, {}],
    });
    expect(receiver.deliveries).toHaveLength(0);
  });
});

describe("Event notifications (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#event-notifications)", () => {
  it("an injected Page comment arrives as a feed change signed with X-Hub-Signature-256, and is also visible by polling", async () => {
    const postId = await publishFacebookPost();
    const [comment] = sandbox.control.injectFacebookComments({
      postId,
      texts: ["Air sudah masuk rumah di Sungai Mawang!"],
    });
    await sandbox.control.waitForWebhooks();

    expect(receiver.deliveries).toHaveLength(1);
    const { raw, headers } = receiver.deliveries[0]!;
    expect(headers["content-type"]).toBe("application/json");
    expect(verifySignature(raw, headers["x-hub-signature-256"], APP_SECRET)).toBe(true);
    // https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed
    expect(JSON.parse(raw.toString("utf8"))).toEqual({
      object: "page",
      entry: [
        {
          id: sandbox.credentials.graph.pageId,
          time: expect.any(Number),
          changes: [
            {
              field: "feed",
              value: expect.objectContaining({
                item: "comment",
                verb: "add",
                comment_id: comment!.id,
                post_id: postId,
                parent_id: postId,
                message: "Air sudah masuk rumah di Sungai Mawang!",
                from: comment!.from,
                created_time: expect.any(Number),
              }),
            },
          ],
        },
      ],
    });
    const polled = await graphClient(sandbox).get(`${postId}/comments`);
    expect(polled.body.data.map((c: { id: string }) => c.id)).toEqual([comment!.id]);
  });

  it("a signature made with another secret, or over an altered body, does not verify", async () => {
    const postId = await publishFacebookPost();
    sandbox.control.injectFacebookComments({ postId });
    await sandbox.control.waitForWebhooks();
    const { raw, headers } = receiver.deliveries[0]!;

    const forgedHeader = `sha256=${createHmac("sha256", "someone-elses-secret").update(raw).digest("hex")}`;
    expect(verifySignature(raw, forgedHeader, APP_SECRET)).toBe(false);
    const altered = Buffer.from(raw.toString("utf8").replace('"verb":"add"', '"verb":"remove"'));
    expect(altered.equals(raw)).toBe(false);
    expect(verifySignature(altered, headers["x-hub-signature-256"], APP_SECRET)).toBe(false);
    expect(verifySignature(raw, headers["x-hub-signature-256"], "wrong-secret")).toBe(false);
  });

  it("a comment on a Page video names the video's feed post, of status type added_video", async () => {
    const mediaHost = await startMediaHost();
    const { pageId } = sandbox.credentials.graph;
    const { body: video } = await graphClient(sandbox).post(`${pageId}/videos`, {
      file_url: `${mediaHost.url}/video.mp4`,
      description: "Banjir pagi ini",
    });
    await mediaHost.close();
    const feedPostId = `${pageId}_${video.id}`;
    sandbox.control.injectFacebookComments({ postId: feedPostId, texts: ["Jalan ke Entikong tergenang"] });
    await sandbox.control.waitForWebhooks();

    const { value } = JSON.parse(receiver.deliveries[0]!.raw.toString("utf8")).entry[0].changes[0];
    expect(value).toMatchObject({
      post_id: feedPostId,
      post: { id: feedPostId, status_type: "added_video" },
      message: "Jalan ke Entikong tergenang",
    });
  });

  // https://developers.facebook.com/docs/instagram-platform/webhooks#comments
  it("an injected Instagram comment arrives as an instagram `comments` change", async () => {
    const mediaHost = await startMediaHost();
    const mediaId = await publishInstagramImage(sandbox, `${mediaHost.url}/pengumuman.png`);
    await mediaHost.close();
    const [comment] = sandbox.control.injectInstagramComments({ texts: ["mantap pak"] });
    await sandbox.control.waitForWebhooks();

    const { raw, headers } = receiver.deliveries[0]!;
    expect(verifySignature(raw, headers["x-hub-signature-256"], APP_SECRET)).toBe(true);
    expect(JSON.parse(raw.toString("utf8"))).toEqual({
      object: "instagram",
      entry: [
        {
          id: sandbox.credentials.graph.igUserId,
          time: expect.any(Number),
          changes: [
            {
              field: "comments",
              value: {
                id: comment!.id,
                text: "mantap pak",
                from: { id: comment!.from.id, username: comment!.from.username },
                media: { id: mediaId, media_product_type: "FEED" },
              },
            },
          ],
        },
      ],
    });
  });

  it("a failed delivery is retried with backoff until the endpoint accepts it", async () => {
    receiver.failNext = 2;
    const postId = await publishFacebookPost();
    sandbox.control.injectFacebookComments({ postId });
    await sandbox.control.waitForWebhooks();
    const [delivery] = sandbox.control.webhookDeliveries();
    expect(delivery).toMatchObject({
      status: "delivered",
      attempts: [{ httpStatus: 500 }, { httpStatus: 500 }, { httpStatus: 200 }],
    });
    expect(receiver.deliveries).toHaveLength(1);
    expect(
      verifySignature(receiver.deliveries[0]!.raw, receiver.deliveries[0]!.headers["x-hub-signature-256"], APP_SECRET),
    ).toBe(true);
  });

  it("gives up after the configured attempts", async () => {
    receiver.failNext = 10;
    const postId = await publishFacebookPost();
    sandbox.control.injectFacebookComments({ postId });
    await sandbox.control.waitForWebhooks();
    expect(sandbox.control.webhookDeliveries()[0]).toMatchObject({
      status: "failed",
      attempts: [{ httpStatus: 500 }, { httpStatus: 500 }, { httpStatus: 500 }],
    });
  });
});

describe("What Meta does not send", () => {
  it("no Page webhook reaches an app the Page is not subscribed to (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps)", async () => {
    await graphClient(sandbox).delete(`${sandbox.credentials.graph.pageId}/subscribed_apps`);
    const postId = await publishFacebookPost();
    sandbox.control.injectFacebookComments({ postId });
    await sandbox.control.waitForWebhooks();
    expect(receiver.deliveries).toHaveLength(0);
    expect(sandbox.control.webhookDeliveries()[0]).toMatchObject({
      status: "withheld",
      withheldBecause: expect.stringContaining("not subscribed"),
    });
    // Comments still arrive by polling.
    expect((await graphClient(sandbox).get(`${postId}/comments`)).body.data).toHaveLength(1);
  });

  it("no Instagram comment webhook without Advanced Access to instagram_manage_comments (https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-instagram/)", async () => {
    const mediaHost = await startMediaHost();
    await publishInstagramImage(sandbox, `${mediaHost.url}/pengumuman.png`);
    await mediaHost.close();
    sandbox.control.metaApp.setAdvancedAccess(["instagram_basic", "instagram_content_publish"]);
    sandbox.control.injectInstagramComments({ texts: ["mantap pak"] });
    await sandbox.control.waitForWebhooks();
    expect(receiver.deliveries).toHaveLength(0);
    expect(sandbox.control.webhookDeliveries()[0]).toMatchObject({
      status: "withheld",
      withheldBecause: expect.stringContaining("Advanced Access"),
    });
    sandbox.control.metaApp.setAdvancedAccess(["instagram_manage_comments"]);
    sandbox.control.injectInstagramComments({ texts: ["sekarang sampai"] });
    await sandbox.control.waitForWebhooks();
    expect(receiver.deliveries).toHaveLength(1);
  });
});

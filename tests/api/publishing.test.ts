import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { publishNow, startPublishingSiar, tickUntilSettled as settle, uploadMedia } from "../helpers/publishing.js";
import type { TestSiar } from "../helpers/siar.js";

// The whole publishing path against the platform sandbox: compose, approve, the worker's
// claim, retries, failures per channel, and reconciliation after a crash mid-publish.

let siar: TestSiar;
let humas: ApiClient;
let channels: Record<string, string>;
let kabupatenId: string;

beforeAll(async () => {
  ({ siar, humas, channels, kabupatenId } = await startPublishingSiar());
});
afterAll(async () => siar?.close());
beforeEach(() => siar.services.sandbox!.control.clearFaults());

const sandbox = () => siar.services.sandbox!.control;

const fetchUpload = (client: ApiClient, bytes: Buffer, type: string, name: string) =>
  uploadMedia(siar, client, kabupatenId, { bytes, type, name });

async function image(width: number, height: number, type: "jpeg" | "png" = "jpeg") {
  const bytes = await sharp({ create: { width, height, channels: 3, background: "#2a6f97" } })
    [type]()
    .toBuffer();
  const uploaded = await fetchUpload(humas, bytes, `image/${type}`, `poster.${type}`);
  expect(uploaded.status).toBe(201);
  return uploaded.body;
}

let serial = 0;
function postBody(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    unitId: kabupatenId,
    title: `Pengumuman uji ${serial}`,
    body: `Pelayanan KTP elektronik keliling hadir di Kecamatan Kapuas, pengumuman nomor ${serial}.`,
    hashtags: ["SanggauMelayani"],
    channelIds: [channels.website, channels.facebook, channels.x],
    ...overrides,
  };
}

const tickUntilSettled = (postId: string, rounds?: number) => settle(siar, humas, postId, rounds);

describe("composing and publishing", () => {
  it("publishes a humas post to the website, Facebook, Instagram and X exactly once", async () => {
    const poster = await image(1080, 1080);
    const post = await publishNow(
      humas,
      postBody({
        mediaIds: [poster.id],
        channelIds: Object.values(channels).filter((id) => id !== channels.wordpress),
      }),
    );
    expect(post.status).toBe("scheduled");
    const done = await tickUntilSettled(post.id);
    expect(
      done.deliveries.map((d: { status: string; lastErrorMessage: string | null }) => [d.status, d.lastErrorMessage]),
    ).toEqual(Array(4).fill(["published", null]));
    expect(done.status).toBe("published");
    for (const delivery of done.deliveries) expect(delivery.remoteId).toEqual(expect.any(String));
    // Instagram answers media_publish with an id only; the link is read once the publication is recorded.
    const instagram = await vi.waitFor(async () => {
      const stored = await siar.services.prisma.delivery.findFirstOrThrow({
        where: { postId: post.id, channelId: channels.instagram },
      });
      expect(stored.remoteUrl).not.toBeNull();
      return stored;
    });
    expect(instagram.remoteUrl).toBe(
      sandbox()
        .published()
        .instagram.media.find((m) => m.id === instagram.remoteId)?.permalink,
    );

    const published = sandbox().published();
    expect(published.facebook.posts.filter((p) => p.message?.includes(post.body))).toHaveLength(1);
    expect(published.instagram.media.filter((m) => m.caption?.includes(post.body))).toHaveLength(1);
    expect(
      published.x.tweets.filter(
        (t: { text: string }) => t.text.includes("Pelayanan KTP") && t.text.includes(`nomor ${serial}`),
      ),
    ).toHaveLength(1);
    // More ticks send nothing again.
    await siar.worker.tick();
    expect(
      sandbox()
        .published()
        .facebook.posts.filter((p) => p.message?.includes(post.body)),
    ).toHaveLength(1);
  });

  it("refuses an Instagram post without an image, naming the media field, in Indonesian", async () => {
    const response = await humas.post("/api/posts", postBody({ channelIds: [channels.instagram] }));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("channel_rules_violated");
    expect(response.body.error.details).toEqual([
      expect.objectContaining({
        channel: "instagram",
        channelId: channels.instagram,
        field: "media",
        code: "media_required",
        message: "Instagram memerlukan gambar atau video.",
      }),
    ]);
  });

  it("refuses an X text over 280 weighted characters on the X override field", async () => {
    const response = await humas.post("/api/posts", postBody({ overrides: { [channels.x!]: "a".repeat(290) } }));
    expect(response.status).toBe(422);
    expect(response.body.error.details[0]).toMatchObject({ channel: "x", field: "override.x", code: "text_too_long" });
  });

  it("stores uploads only when the bytes match their type, and makes a JPEG for Instagram from a PNG", async () => {
    const bogus = await fetchUpload(humas, Buffer.from("not an image at all"), "image/png", "fake.png");
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.code).toBe("unreadable_media_file");
    const png = await image(1200, 1000, "png");
    expect(png).toMatchObject({ kind: "image", mimeType: "image/png", width: 1200, height: 1000 });
    const rendition = await fetch(`${png.url}.jpg`.replace(siar.services.config.publicBaseUrl, siar.url));
    expect(rendition.status).toBe(200);
    expect(rendition.headers.get("content-type")).toBe("image/jpeg");
  });
});

describe("approval", () => {
  it("sends an officer's post to review; a leader approves it and it goes out", async () => {
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const kapuas = (await officer.get("/api/auth/session")).body.user.units[0].id;
    const submitted = await publishNow(
      officer,
      postBody({ unitId: kapuas, channelIds: [channels.website, channels.facebook] }),
    );
    expect(submitted.status).toBe("in_review");
    expect(submitted.permissions.approve).toBe(false);
    expect((await officer.post(`/api/posts/${submitted.id}/approve`)).status).toBe(403);

    const leader = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
    const returned = await leader.post(`/api/posts/${submitted.id}/return`, { note: "Tambahkan jam pelayanan." });
    expect(returned.body).toMatchObject({ status: "draft", reviewNote: "Tambahkan jam pelayanan." });
    await officer.patch(`/api/posts/${submitted.id}`, { body: `${submitted.body} Buka pukul 08.00–14.00 WIB.` });
    expect((await officer.post(`/api/posts/${submitted.id}/submit`)).body.status).toBe("in_review");
    const approved = await leader.post(`/api/posts/${submitted.id}/approve`, { note: "Silakan." });
    expect(approved.body.status).toBe("scheduled");
    expect((await tickUntilSettled(submitted.id)).status).toBe("published");

    const audit = (await humas.get(`/api/posts/${submitted.id}`)).body;
    expect(audit.reviewedBy.name).toBe("Camat Kapuas");
  });

  it("keeps a scheduled post until its time, and lets it be rescheduled or cancelled", async () => {
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    const post = await publishNow(humas, postBody({ scheduledAt: inAnHour, channelIds: [channels.website] }));
    await siar.worker.tick();
    expect((await humas.get(`/api/posts/${post.id}`)).body.status).toBe("scheduled");
    const later = new Date(Date.now() + 7200_000).toISOString();
    expect((await humas.post(`/api/posts/${post.id}/reschedule`, { scheduledAt: later })).body.scheduledAt).toBe(later);
    expect(
      (await humas.post(`/api/posts/${post.id}/reschedule`, { scheduledAt: "2020-01-01T00:00:00Z" })).body.error.code,
    ).toBe("schedule_in_past");
    const cancelled = await humas.post(`/api/posts/${post.id}/cancel`);
    expect(cancelled.body.status).toBe("cancelled");
    expect(cancelled.body.deliveries[0].status).toBe("cancelled");
  });
});

describe("failures", () => {
  const copiesOn = (kind: "facebook" | "x", body: string) => {
    const published = sandbox().published();
    const texts =
      kind === "x"
        ? published.x.tweets.map((tweet) => tweet.text)
        : published.facebook.posts.map((post) => post.message ?? "");
    return texts.filter((text) => text.includes(body)).length;
  };
  /** The delivery as stored, and the retry time made due now. */
  async function waitingDelivery(postId: string) {
    const delivery = await siar.services.prisma.delivery.findFirstOrThrow({ where: { postId } });
    return {
      delivery,
      makeDue: () =>
        siar.services.prisma.delivery.update({
          where: { id: delivery.id },
          data: { leaseExpiresAt: new Date(Date.now() - 1000) },
        }),
    };
  }

  it("after a 5xx on the final call, asks X whether the post exists, then sends it once", async () => {
    sandbox().addFault({ platform: "x", method: "POST", path: "/2/tweets", status: 503, times: 1 });
    const post = await publishNow(humas, postBody({ channelIds: [channels.x] }));
    await siar.worker.tick();
    const { delivery, makeDue } = await waitingDelivery(post.id);
    // X may have made the post before failing: it stays in flight until it is looked up.
    expect(delivery).toMatchObject({ status: "in_flight", attempts: 1, lastErrorCode: "x:503", leaseOwner: null });
    expect(delivery.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await humas.get(`/api/posts/${post.id}`)).body.deliveries[0].checkAt).toBe(
      delivery.leaseExpiresAt!.toISOString(),
    );
    expect(copiesOn("x", post.body)).toBe(0);
    await makeDue();
    const done = await tickUntilSettled(post.id);
    expect(done.deliveries[0]).toMatchObject({ status: "published", attempts: 2 });
    expect(copiesOn("x", post.body)).toBe(1);
  });

  it("records the post Facebook made before answering 500, instead of posting it again", async () => {
    sandbox().addFault({
      platform: "graph",
      method: "POST",
      path: "*/feed",
      status: 500,
      afterHandling: true,
      times: 1,
    });
    const post = await publishNow(humas, postBody({ channelIds: [channels.facebook] }));
    await siar.worker.tick();
    const { delivery, makeDue } = await waitingDelivery(post.id);
    expect(delivery).toMatchObject({ status: "in_flight", lastErrorCode: "graph:2" });
    expect(copiesOn("facebook", post.body)).toBe(1);
    await makeDue();
    const done = await tickUntilSettled(post.id);
    const made = sandbox()
      .published()
      .facebook.posts.find((p) => p.message?.includes(post.body));
    expect(done.deliveries[0]).toMatchObject({ status: "published", remoteId: made!.id, attempts: 1 });
    expect(copiesOn("facebook", post.body)).toBe(1);
    const audit = (
      await siar.services.prisma.auditEvent.findMany({
        where: { targetId: post.id, action: { startsWith: "delivery." } },
      })
    ).map((event) => event.action);
    expect(audit).toEqual(["delivery.reconciled"]);
  });

  it("gives up after the last attempt when the post is still not on the platform", async () => {
    sandbox().addFault({ platform: "x", method: "POST", path: "/2/tweets", status: 502 });
    const post = await publishNow(humas, postBody({ channelIds: [channels.x] }));
    await siar.worker.tick();
    const { delivery, makeDue } = await waitingDelivery(post.id);
    await siar.services.prisma.delivery.update({ where: { id: delivery.id }, data: { attempts: 8 } });
    await makeDue();
    const done = await tickUntilSettled(post.id);
    expect(done.status).toBe("failed");
    expect(done.deliveries[0]).toMatchObject({ status: "failed", lastErrorCode: "x:502" });
    expect(copiesOn("x", post.body)).toBe(0);
  });

  it("waits for X's rate-limit reset before trying again, without asking whether it posted", async () => {
    sandbox().exhaustRateLimit({ platform: "x", endpoint: "POST /2/tweets" });
    try {
      const post = await publishNow(humas, postBody({ channelIds: [channels.x] }));
      await siar.worker.tick();
      const { delivery } = await waitingDelivery(post.id);
      expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastErrorCode: "x:429", leaseExpiresAt: null });
      // The window is a day long: the retry waits for x-rate-limit-reset, far beyond the first backoff.
      expect(delivery.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
      sandbox().resetRateLimits();
      await siar.services.prisma.delivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: new Date() } });
      const done = await tickUntilSettled(post.id);
      expect(done.deliveries[0]).toMatchObject({ status: "published", attempts: 2 });
      expect(copiesOn("x", post.body)).toBe(1);
    } finally {
      sandbox().resetRateLimits();
    }
  });

  it("fails only the channel whose token was revoked, marks it for reconnection, and still publishes the others", async () => {
    const fb = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: channels.facebook } });
    const revoked = siar.services.secretBox.seal(
      JSON.stringify({ pageAccessToken: siar.services.sandbox!.credentials.graph.revokedPageAccessToken }),
    );
    await siar.services.prisma.channel.update({ where: { id: fb.id }, data: { credentials: revoked } });
    try {
      const post = await publishNow(humas, postBody({ channelIds: [channels.website, channels.facebook] }));
      const done = await tickUntilSettled(post.id);
      expect(done.status).toBe("partially_published");
      const facebook = done.deliveries.find((d: { channel: { kind: string } }) => d.channel.kind === "facebook");
      expect(facebook).toMatchObject({ status: "failed", lastErrorCode: "graph:190" });
      expect(facebook.lastErrorMessage).toMatch(/Facebook/);
      const channel = (await humas.get("/api/channels")).body.data.find((c: { id: string }) => c.id === fb.id);
      expect(channel).toMatchObject({ status: "needs_reconnect", statusReason: expect.any(String) });
    } finally {
      await siar.services.prisma.channel.update({
        where: { id: fb.id },
        data: { credentials: fb.credentials, status: "connected", statusReason: null },
      });
    }
  });
});

describe("crash recovery", () => {
  async function crashedMidPublish(reachedPlatform: boolean) {
    const post = await publishNow(humas, postBody({ channelIds: [channels.facebook] }));
    const delivery = post.deliveries[0];
    if (reachedPlatform) {
      // The dead worker's call went through: the Page has the post, Siar has no record of it.
      const { adapterFor } = await import("@server/channels/index.js");
      const { targetOf } = await import("@server/channels/target.js");
      const channel = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: channels.facebook } });
      await adapterFor("facebook").publish(targetOf(siar.services, channel), {
        deliveryId: delivery.id,
        title: post.title,
        text: `${post.body}\n\n#SanggauMelayani`,
        link: null,
        media: [],
        websiteUrl: post.websiteUrl,
      });
    }
    await siar.services.prisma.delivery.update({
      where: { id: delivery.id },
      data: {
        status: "in_flight",
        attempts: 1,
        leaseOwner: "dead-worker",
        leaseExpiresAt: new Date(Date.now() - 1000),
        attemptStartedAt: new Date(Date.now() - 5000),
      },
    });
    await siar.services.prisma.post.update({ where: { id: post.id }, data: { status: "publishing" } });
    return post;
  }
  const copiesOf = (body: string) =>
    sandbox()
      .published()
      .facebook.posts.filter((p) => p.message?.includes(body)).length;

  it("records the post the dead worker made instead of posting it again", async () => {
    const post = await crashedMidPublish(true);
    expect(copiesOf(post.body)).toBe(1);
    const done = await tickUntilSettled(post.id);
    expect(done.status).toBe("published");
    expect(done.deliveries[0]).toMatchObject({ status: "published", remoteId: expect.any(String) });
    expect(copiesOf(post.body)).toBe(1);
  });

  it("sends the post once when the dead worker never reached the platform", async () => {
    const post = await crashedMidPublish(false);
    expect(copiesOf(post.body)).toBe(0);
    const done = await tickUntilSettled(post.id);
    expect(done.status).toBe("published");
    expect(copiesOf(post.body)).toBe(1);
  });
});

describe("preparing ahead of the scheduled time", () => {
  const deliveriesOf = (postId: string) =>
    siar.services.prisma.delivery.findMany({ where: { postId }, include: { channel: true } });
  const copies = (body: string) => {
    const published = sandbox().published();
    return {
      facebook: published.facebook.posts.filter((p) => p.message?.includes(body)).length,
      instagram: published.instagram.media.filter((m) => m.caption?.includes(body)).length,
    };
  };

  async function waitUntilSettled(postId: string) {
    for (;;) {
      const post = (await humas.get(`/api/posts/${postId}`)).body;
      if (["published", "partially_published", "failed"].includes(post.status)) return post;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it("prepares a post due within the minute, keeps it private until its time, then publishes it once", {
    timeout: 60_000,
  }, async () => {
    const poster = await image(1080, 1080);
    const scheduledAt = new Date(Date.now() + 10_000);
    const post = await publishNow(
      humas,
      postBody({
        scheduledAt: scheduledAt.toISOString(),
        mediaIds: [poster.id],
        channelIds: [channels.facebook, channels.instagram],
      }),
    );
    const containersBefore = sandbox().published().instagram.containers.length;

    await siar.worker.tick();
    // Prepared: the Instagram container is ready and the deliveries are held under this worker's lease, but nothing is public.
    expect(
      sandbox()
        .published()
        .instagram.containers.slice(containersBefore)
        .map((c) => c.status),
    ).toEqual(["FINISHED"]);
    expect((await deliveriesOf(post.id)).map((d) => [d.status, d.leaseOwner, d.attempts])).toEqual([
      ["pending", siar.worker.id, 0],
      ["pending", siar.worker.id, 0],
    ]);
    expect(copies(post.body)).toEqual({ facebook: 0, instagram: 0 });
    // Another round does not prepare them again.
    await siar.worker.tick();
    expect(sandbox().published().instagram.containers.length).toBe(containersBefore + 1);

    const done = await waitUntilSettled(post.id);
    expect(done.status).toBe("published");
    expect(copies(post.body)).toEqual({ facebook: 1, instagram: 1 });
    for (const delivery of await deliveriesOf(post.id))
      expect(delivery.publishedAt!.getTime()).toBeGreaterThanOrEqual(scheduledAt.getTime());
  });

  it("prepares again what a dead worker was preparing once its lease runs out, and leaves a live lease alone", async () => {
    const dead = await publishNow(humas, postBody({ channelIds: [channels.facebook] }));
    const busy = await publishNow(humas, postBody({ channelIds: [channels.facebook] }));
    await siar.services.prisma.delivery.updateMany({
      where: { postId: dead.id },
      data: { leaseOwner: "dead-worker", leaseExpiresAt: new Date(Date.now() - 1000) },
    });
    await siar.services.prisma.delivery.updateMany({
      where: { postId: busy.id },
      data: { leaseOwner: "other-worker", leaseExpiresAt: new Date(Date.now() + 60_000) },
    });

    await siar.worker.tick();
    expect((await humas.get(`/api/posts/${dead.id}`)).body.status).toBe("published");
    expect(copies(dead.body).facebook).toBe(1);
    expect((await deliveriesOf(busy.id)).map((d) => [d.status, d.leaseOwner])).toEqual([["pending", "other-worker"]]);
    expect(copies(busy.body).facebook).toBe(0);
    await siar.services.prisma.delivery.updateMany({
      where: { postId: busy.id },
      data: { leaseOwner: null, leaseExpiresAt: null },
    });
    expect((await tickUntilSettled(busy.id)).status).toBe("published");
  });

  it("lets go of a prepared delivery when its post is rescheduled", async () => {
    const post = await publishNow(
      humas,
      postBody({ scheduledAt: new Date(Date.now() + 30_000).toISOString(), channelIds: [channels.facebook] }),
    );
    await siar.worker.tick();
    expect((await deliveriesOf(post.id))[0]!.leaseOwner).toBe(siar.worker.id);
    const later = new Date(Date.now() + 3600_000).toISOString();
    expect((await humas.post(`/api/posts/${post.id}/reschedule`, { scheduledAt: later })).status).toBe(200);
    expect((await deliveriesOf(post.id)).map((d) => [d.status, d.leaseOwner])).toEqual([["pending", null]]);
    // The worker drops it when it next renews its leases; stopping lets it go too, and nothing is published early.
    await siar.worker.stop();
    expect(copies(post.body).facebook).toBe(0);
    expect((await humas.get(`/api/posts/${post.id}`)).body.status).toBe("scheduled");
  });
});

describe("who may do what with posts", () => {
  it("hides another kecamatan's posts from an officer", async () => {
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const other = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
    const kapuas = (await officer.get("/api/auth/session")).body.user.units[0].id;
    const created = await officer.post("/api/posts", postBody({ unitId: kapuas, channelIds: [channels.website] }));
    expect(created.status).toBe(201);
    expect((await other.get(`/api/posts/${created.body.id}`)).status).toBe(403);
    expect((await other.patch(`/api/posts/${created.body.id}`, { title: "Diubah orang lain" })).status).toBe(403);
    const tayanHulu = (await other.get("/api/auth/session")).body.user.units[0].id;
    expect(
      (await officer.post("/api/posts", postBody({ unitId: tayanHulu, channelIds: [channels.website] }))).status,
    ).toBe(403);
    const listed = (await other.get("/api/posts?limit=200")).body.data.map((p: { id: string }) => p.id);
    expect(listed).not.toContain(created.body.id);
  });

  it("lets only admins connect channels", async () => {
    const response = await humas.post("/api/channels", {
      unitId: kabupatenId,
      kind: "x",
      credentials: { oauth2UserToken: "x" },
    });
    expect(response.status).toBe(403);
  });
});

describe("after publishing", () => {
  it("edits the text on the website, Facebook and WordPress, and says X cannot be edited", async () => {
    const post = await publishNow(
      humas,
      postBody({ channelIds: [channels.website, channels.facebook, channels.wordpress, channels.x] }),
    );
    expect((await tickUntilSettled(post.id)).status).toBe("published");
    const corrected = "Ralat: pelayanan KTP keliling dipindah ke hari Senin.";
    const response = await humas.patch(`/api/posts/${post.id}/published`, { body: corrected });
    expect(response.status).toBe(200);
    const outcome = Object.fromEntries(
      response.body.channels.map((c: { kind: string; outcome: string }) => [c.kind, c.outcome]),
    );
    expect(outcome).toEqual({ website: "done", facebook: "done", wordpress: "done", x: "unsupported" });
    const fb = sandbox()
      .published()
      .facebook.posts.find(
        (p) =>
          p.id ===
          response.body.post.deliveries.find((d: { channel: { kind: string } }) => d.channel.kind === "facebook")
            .remoteId,
      );
    expect(fb?.message).toContain("Ralat");
    const page = await fetch(`${siar.url}/pengumuman/${post.slug}`);
    expect(await page.text()).toContain("Ralat: pelayanan KTP keliling");
  });

  it("withdraws a post from every channel that allows it and from the website", async () => {
    const post = await publishNow(humas, postBody({ channelIds: [channels.website, channels.facebook, channels.x] }));
    const published = await tickUntilSettled(post.id);
    const tweetId = published.deliveries.find((d: { channel: { kind: string } }) => d.channel.kind === "x").remoteId;
    const response = await humas.post(`/api/posts/${post.id}/withdraw`);
    expect(response.status).toBe(200);
    expect(response.body.post.status).toBe("withdrawn");
    expect(response.body.post.deliveries.map((d: { status: string }) => d.status)).toEqual([
      "removed",
      "removed",
      "removed",
    ]);
    expect(
      sandbox()
        .published()
        .x.tweets.some((t: { id: string }) => t.id === tweetId),
    ).toBe(false);
    expect((await fetch(`${siar.url}/pengumuman/${post.slug}`)).status).toBe(404);
  });
});

describe("connecting channels by token", () => {
  it("verifies the token with the platform, stores it sealed, and never returns it", async () => {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const { x } = siar.services.sandbox!.credentials;
    const kapuas = (await admin.get("/api/units?limit=1000")).body.data.find(
      (u: { code: string }) => u.code === "kec-kapuas",
    ).id;
    const wrong = await admin.post("/api/channels", {
      unitId: kapuas,
      kind: "x",
      credentials: {
        appKey: x.appKey,
        appSecret: "wrong-secret",
        accessToken: x.accessToken,
        accessSecret: x.accessSecret,
      },
      settings: { baseUrl: x.baseUrl },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({
      code: "channel_verification_failed",
      details: { reason: expect.stringMatching(/^X: /) },
    });

    const created = await admin.post("/api/channels", {
      unitId: kapuas,
      kind: "x",
      credentials: {
        appKey: x.appKey,
        appSecret: x.appSecret,
        accessToken: x.accessToken,
        accessSecret: x.accessSecret,
      },
      settings: { baseUrl: x.baseUrl },
      // The sandbox has one X account, which the kabupaten already has.
      shareAccount: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: "x",
      name: "diskominfo_sgu",
      externalId: x.userId,
      status: "connected",
      simulated: false,
      warning: null,
    });
    expect(JSON.stringify(created.body)).not.toContain(x.accessSecret);
    const stored = await siar.services.prisma.channel.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.credentials).not.toContain(x.accessSecret);
    const audit = await admin.get(`/api/audit-events?targetId=${created.body.id}`);
    expect(JSON.stringify(audit.body)).not.toContain(x.accessSecret);
  });

  it("warns that Instagram cannot fetch media when PUBLIC_BASE_URL is a local address", async () => {
    const admin = await signedIn(siar.url, "admin@sanggau.demo");
    const { graph } = siar.services.sandbox!.credentials;
    const tayanHulu = (await admin.get("/api/units?limit=1000")).body.data.find(
      (u: { code: string }) => u.code === "kec-tayan-hulu",
    ).id;
    const created = await admin.post("/api/channels", {
      unitId: tayanHulu,
      kind: "instagram",
      externalId: graph.igUserId,
      credentials: { accessToken: graph.pageAccessToken },
      settings: { baseUrl: graph.baseUrl, apiVersion: graph.apiVersion },
      shareAccount: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.warning).toMatchObject({
      code: "public_base_url_unreachable",
      message: expect.stringContaining("PUBLIC_BASE_URL"),
    });
  });
});

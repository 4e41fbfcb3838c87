import sharp from "sharp";
import { signedIn } from "../helpers/client.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type PublishingSiar,
  publishNow,
  startPublishingSiar,
  tickUntilSettled,
  uploadMedia,
} from "../helpers/publishing.js";

// What the Page demands of whoever publishes, and what the token was granted: the sandbox refuses
// as Meta does, and the delivery records a code the post page explains in plain words
// (web/src/publishing/deliveryProblems.ts) without marking the channel for reconnection.

let world: PublishingSiar;
let imageId: string;
const control = () => world.siar.services.sandbox!.control;

beforeAll(async () => {
  world = await startPublishingSiar();
  const bytes = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: "#2a6f97" } })
    .jpeg()
    .toBuffer();
  const uploaded = await uploadMedia(world.siar, world.humas, world.kabupatenId, {
    bytes,
    type: "image/jpeg",
    name: "poster.jpg",
  });
  imageId = uploaded.body.id;
});
afterAll(async () => world?.siar.close());
beforeEach(() => control().metaApp.setPageRequirements([]));

let serial = 0;
async function publishToPage() {
  serial += 1;
  const post = await publishNow(world.humas, {
    unitId: world.kabupatenId,
    title: `Pengumuman uji ${serial}`,
    body: `Pelayanan KTP keliling, giliran ${serial}.`,
    mediaIds: [imageId],
    channelIds: [world.channels.facebook, world.channels.instagram],
  });
  return tickUntilSettled(world.siar, world.humas, post.id);
}

const byKind = (post: { deliveries: { channel: { kind: string } }[] }, kind: string) =>
  post.deliveries.find((delivery) => delivery.channel.kind === kind) as Record<string, unknown>;

describe("a Page that demands more of the person publishing", () => {
  it("Page Publishing Authorization not completed: Facebook and Instagram fail with graph:ppa_required", async () => {
    control().metaApp.setPageRequirements(["page_publishing_authorization"]);
    const post = await publishToPage();
    expect(post.status).toBe("failed");
    for (const kind of ["facebook", "instagram"])
      expect(byKind(post, kind)).toMatchObject({
        status: "failed",
        lastErrorCode: "graph:ppa_required",
        lastErrorMessage: expect.stringContaining("Page Publishing Authorization"),
      });
    const channels = (await world.humas.get("/api/channels")).body.data as { kind: string; status: string }[];
    expect(channels.find((channel) => channel.kind === "facebook")!.status).toBe("connected");
  });

  it("two-factor authentication required: the delivery fails with graph:two_factor_required", async () => {
    control().metaApp.setPageRequirements(["two_factor_authentication"]);
    const post = await publishToPage();
    expect(byKind(post, "facebook")).toMatchObject({
      status: "failed",
      lastErrorCode: "graph:two_factor_required",
      lastErrorMessage: expect.stringContaining("Two factor authentication required"),
    });
  });

  it("once the Page's demands are met, the same post goes out", async () => {
    const post = await publishToPage();
    expect(post.status).toBe("published");
  });
});

describe("a token without the permission", () => {
  it("a Page token lacking pages_manage_posts fails with Meta's code 200 and its words", async () => {
    const { graph } = world.siar.services.sandbox!.credentials;
    const admin = await signedIn(world.siar.url, "admin@sanggau.demo");
    const units = (await admin.get("/api/units?limit=1000")).body.data as { id: string; code: string }[];
    const kapuas = units.find((unit) => unit.code === "kec-kapuas")!.id;
    const connected = await admin.post("/api/channels", {
      unitId: kapuas,
      kind: "facebook",
      externalId: graph.pageId,
      credentials: {
        pageAccessToken: control().metaApp.issuePageToken(["pages_read_engagement", "pages_show_list"]),
      },
      settings: { baseUrl: graph.baseUrl },
      // The sandbox has one Page, which the kabupaten already has.
      shareAccount: true,
    });
    expect(connected.status).toBe(201);
    expect(connected.body.permissions.missing.map((m: { permission: string }) => m.permission)).toContain(
      "pages_manage_posts",
    );
    const post = await publishNow(admin, {
      unitId: kapuas,
      title: "Pengumuman tanpa izin",
      body: "Kerja bakti hari Minggu.",
      channelIds: [connected.body.id],
    });
    const settled = await tickUntilSettled(world.siar, admin, post.id);
    expect(settled.deliveries[0]).toMatchObject({
      status: "failed",
      lastErrorCode: "graph:200",
      lastErrorMessage: expect.stringContaining("pages_manage_posts"),
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeIncoming } from "@server/inbox/ingest.js";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// The demo's first start: a month of posts and inbox items, so nothing is empty; removed in one action.

let siar: TestSiar;
let admin: ApiClient;

beforeAll(async () => {
  siar = await startTestSiar({ SIAR_DEMO_MONTH: "true", SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
}, 120_000);
afterAll(async () => siar?.close());

type Item = { id: string; status: string; source: string; unit: { name: string } | null; informedUnit: unknown };

async function allInbox(client: ApiClient, view: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: Item[]; nextCursor: string | null } } = await client.get(
      `/api/inbox?view=${view}&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    items.push(...page.body.data);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

describe("the demo's first month", () => {
  it("fills the inbox across channels, units and states, marked as demo", async () => {
    const counts = (await admin.get("/api/demo-data")).body;
    expect(counts.inboxItems).toBeGreaterThanOrEqual(300);
    expect(counts.posts).toBeGreaterThanOrEqual(40);
    const items = await allInbox(admin, "all");
    expect(new Set(items.map((item) => item.source)).size).toBeGreaterThanOrEqual(4);
    // The hotline most citizens write to is in the month too, its numbers masked in the list.
    const whatsapp = items.filter((item) => item.source === "whatsapp_message");
    expect(whatsapp.length).toBeGreaterThanOrEqual(50);
    expect((whatsapp[0] as unknown as { author: { phone: string } }).author.phone).toMatch(/^\+62 812-••••-\d{4}$/);
    expect(new Set(items.map((item) => item.status)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((item) => item.unit?.name)).size).toBeGreaterThanOrEqual(6);
  });

  it("shows a kecamatan officer their own reports on first start", async () => {
    const officer = await signedIn(siar.url, "petugas.kapuas@sanggau.demo");
    const items = await allInbox(officer, "my_units");
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.every((item) => item.unit?.name === "Kecamatan Kapuas" || item.informedUnit)).toBe(true);
  });

  it("publishes on the public site and fills the dashboard", async () => {
    const home = await (await fetch(`${siar.url}/`)).text();
    const post = await siar.services.prisma.post.findFirstOrThrow({ where: { demo: true, status: "published" } });
    expect(home).toContain(post.title);
    const kecamatanNews = await siar.services.prisma.post.findFirstOrThrow({
      where: { demo: true, status: "published", siteUnit: { code: "kec-kapuas" } },
    });
    expect(await (await fetch(`${siar.url}/kecamatan/kapuas`)).text()).toContain(kecamatanNews.title);
    const leader = await signedIn(siar.url, "pimpinan@sanggau.demo");
    const summary = await leader.get("/api/dashboard/summary");
    expect(summary.status).toBe(200);
    expect(JSON.stringify(summary.body)).not.toBe("{}");
  });

  it("is removed in one admin action, audited, leaving what staff and citizens made", async () => {
    const channel = await siar.services.prisma.channel.findFirstOrThrow({ where: { kind: "facebook" } });
    const realId = await storeIncoming(siar.services, channel, {
      source: "facebook_comment",
      platformId: "real-after-demo",
      parentPlatformId: null,
      postRemoteId: "p",
      threadKey: "p",
      author: { platformId: "warga-nyata", name: "Warga", handle: null },
      text: "Jalan di depan kantor desa rusak",
      sentAt: new Date(),
      attachments: [],
    });
    const officer = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await officer.delete("/api/demo-data")).status).toBe(403);

    const published = await siar.services.prisma.post.findMany({ where: { demo: true, status: "published" } });
    expect(await (await fetch(`${siar.url}/`)).text()).toContain(published[0]?.title);
    const removal = await admin.delete("/api/demo-data");
    expect(removal.status).toBe(200);
    expect(removal.body.removed.inboxItems).toBeGreaterThanOrEqual(300);
    expect((await admin.get("/api/demo-data")).body).toEqual({ inboxItems: 0, posts: 0 });
    expect(await siar.services.prisma.inboxItem.count({ where: { demo: true } })).toBe(0);
    // The cached home page is not served on with the removed announcements.
    const home = await (await fetch(`${siar.url}/`)).text();
    for (const post of published) expect(home).not.toContain(post.title);
    expect(await siar.services.prisma.inboxItem.findUnique({ where: { id: realId! } })).not.toBeNull();
    const audit = await admin.get("/api/audit-events?action=demo_data.remove");
    expect(audit.body.data[0]).toMatchObject({ action: "demo_data.remove" });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitWebReport } from "@server/inbox/webReports.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { publishNow, startPublishingSiar, tickUntilSettled } from "../helpers/publishing.js";
import { startTestSiar, startTestSiarsOnPostgres, type TestSiar } from "../helpers/siar.js";

// The public site's page cache on the real server: what it keeps, and that a change made by staff
// shows at once on the process that made it, and within the cache's lifetime on any other.

let siar: TestSiar;
let humas: ApiClient;
let channels: Record<string, string>;
let kabupatenId: string;

beforeAll(async () => {
  ({ siar, humas, channels, kabupatenId } = await startPublishingSiar());
});
afterAll(async () => siar?.close());

let serial = 0;
async function publishAnnouncement(client = humas, on = siar) {
  serial += 1;
  const unitId = on === siar ? kabupatenId : (await client.get("/api/units?type=kabupaten")).body.data[0].id;
  const post = await publishNow(client, {
    unitId,
    title: `Peringatan dini banjir ${serial}`,
    body: `Air Sungai Kapuas naik; warga di bantaran diminta waspada. Pembaruan ${serial}.`,
    channelIds: [on === siar ? channels.website : await websiteChannel(client)],
  });
  expect((await tickUntilSettled(on, client, post.id)).status).toBe("published");
  return post as { id: string; slug: string; title: string };
}

async function websiteChannel(client: ApiClient): Promise<string> {
  const list = (await client.get("/api/channels")).body.data as { id: string; kind: string }[];
  return list.find((channel) => channel.kind === "website")!.id;
}

async function get(path: string, headers: Record<string, string> = {}, on = siar) {
  const response = await fetch(on.url + path, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("public pages on the server", () => {
  it("serves the second reader from the cache, with a 304 for a current copy", async () => {
    const post = await publishAnnouncement();
    const first = await get(`/pengumuman/${post.slug}`);
    const second = await get(`/pengumuman/${post.slug}`);
    expect([first.headers.get("x-cache"), second.headers.get("x-cache")]).toEqual(["MISS", "HIT"]);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("cache-control")).toBe("public, max-age=20, stale-while-revalidate=20");
    const revalidated = await get(`/pengumuman/${post.slug}`, { "If-None-Match": second.headers.get("etag")! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe("");
  });

  it("shows a newly published announcement on the cached home page at once", async () => {
    await get("/");
    expect((await get("/")).headers.get("x-cache")).toBe("HIT");
    const post = await publishAnnouncement();
    const home = await get("/");
    expect(home.text).toContain(`href="/pengumuman/${post.slug}"`);
    expect((await get("/feed.xml")).text).toContain(`/pengumuman/${post.slug}</link>`);
  });

  it("shows an edit at once, and takes a withdrawn announcement down at once", async () => {
    const post = await publishAnnouncement();
    await get(`/pengumuman/${post.slug}`);
    expect((await get(`/pengumuman/${post.slug}`)).headers.get("x-cache")).toBe("HIT");

    const edited = await humas.patch(`/api/posts/${post.id}/published`, { title: "Ralat: posko pindah ke SDN 3" });
    expect(edited.status).toBe(200);
    expect((await get(`/pengumuman/${post.slug}`)).text).toContain("<h1>Ralat: posko pindah ke SDN 3</h1>");

    expect((await get("/")).text).toContain(`href="/pengumuman/${post.slug}"`);
    expect((await humas.post(`/api/posts/${post.id}/withdraw`)).status).toBe(200);
    const withdrawn = await get(`/pengumuman/${post.slug}`);
    expect(withdrawn.status).toBe(404);
    expect(withdrawn.headers.get("x-cache")).toBeNull();
    expect((await get("/")).text).not.toContain(`href="/pengumuman/${post.slug}"`);
    expect((await get("/sitemap.xml")).text).not.toContain(`/pengumuman/${post.slug}<`);
  });

  it("keeps an English reader's page apart from an Indonesian reader's", async () => {
    await get("/transparansi", { "Accept-Language": "id" });
    expect((await get("/transparansi", { "Accept-Language": "id" })).headers.get("x-cache")).toBe("HIT");
    expect((await get("/transparansi", { "Accept-Language": "en-US,en;q=0.9" })).headers.get("x-cache")).toBe("MISS");
    expect((await get("/transparansi", { "Accept-Language": "en" })).headers.get("x-cache")).toBe("HIT");
    expect((await get("/transparansi")).headers.get("vary")).toBe("Accept-Encoding, Accept-Language");
  });

  it("never keeps the aspiration form (its one-time token), a tracking page or a missing page", async () => {
    const forms = [await get("/aspirasi"), await get("/aspirasi")];
    const tokens = forms.map((form) => /name="token" value="([^"]+)"/.exec(form.text)?.[1]);
    expect(tokens[0]).toBeDefined();
    expect(tokens[1]).not.toBe(tokens[0]);
    for (const form of forms) {
      expect(form.headers.get("cache-control")).toBe("no-store");
      expect(form.headers.get("x-cache")).toBeNull();
    }

    // The page around the token is kept (a kecamatan renamed behind the cache's back is not seen yet).
    const kapuas = await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } });
    await siar.services.prisma.unit.update({ where: { id: kapuas.id }, data: { name: "Kecamatan Kapuas Raya" } });
    expect((await get("/aspirasi")).text).not.toContain("Kecamatan Kapuas Raya");
    siar.services.pageCache.invalidate();
    expect((await get("/aspirasi")).text).toContain("Kecamatan Kapuas Raya");

    const { trackingNumber } = await submitWebReport(siar.services, {
      name: "Dewi",
      contact: { phone: "+6281311112222" },
      placeUnitId: kapuas.id,
      citizenCategory: null,
      text: "Saluran air di gang kami tersumbat sampah",
      location: null,
    });
    for (let i = 0; i < 2; i++) {
      const tracking = await get(`/lacak/${trackingNumber}`);
      expect(tracking.status).toBe(200);
      expect(tracking.headers.get("cache-control")).toBe("no-store");
      expect(tracking.headers.get("x-cache")).toBeNull();
    }

    for (let i = 0; i < 2; i++) {
      const missing = await get("/pengumuman/belum-terbit");
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-cache")).toBeNull();
    }
  });
});

describe("a change that reaches a process without its event", () => {
  let other: TestSiar;
  beforeAll(async () => {
    other = await startTestSiar({ SIAR_PAGE_CACHE_SECONDS: "1" });
  });
  afterAll(async () => other?.close());

  it("shows within the cache's lifetime, as on a process that did not make the change", async () => {
    const root = await other.services.prisma.unit.findFirstOrThrow({ where: { parentId: null } });
    await get("/", {}, other);
    // Another process renamed the kabupaten: this process heard nothing.
    await other.services.prisma.unit.update({ where: { id: root.id }, data: { name: "Pemerintah Kabupaten Baru" } });
    const stale = await get("/", {}, other);
    expect(stale.headers.get("x-cache")).toBe("HIT");
    expect(stale.text).not.toContain("Pemerintah Kabupaten Baru");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await get("/", {}, other)).text).toContain("<title>Pemerintah Kabupaten Baru</title>");
  });
});

describe.runIf(process.env.DATABASE_URL)("two processes on one PostgreSQL", () => {
  // Pages live 30 s here: a change seen sooner on the other process came by its notification.
  const LIFETIME_MS = 30_000;
  let processes: TestSiar[];
  beforeAll(async () => {
    processes = await startTestSiarsOnPostgres(2, { SIAR_PAGE_CACHE_SECONDS: String(LIFETIME_MS / 1000) });
  });
  afterAll(async () => {
    for (const process of processes ?? []) await process.close();
  });

  /** Reads `path` on `on` until `seen` holds, for at most a third of the page's lifetime; whether it did. */
  async function seenWithin(on: TestSiar, path: string, seen: (page: Awaited<ReturnType<typeof get>>) => boolean) {
    const started = Date.now();
    while (Date.now() - started < LIFETIME_MS / 3) {
      if (seen(await get(path, {}, on))) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  it("takes a withdrawn announcement down on the other process when the change's notification arrives", async () => {
    const [writer, reader] = processes as [TestSiar, TestSiar];
    const staff = await signedIn(writer.url, "humas@sanggau.demo");
    const post = await publishAnnouncement(staff, writer);
    // The publication's own notifications may still empty the reader's cache once: wait for a kept copy.
    const cached = (page: Awaited<ReturnType<typeof get>>) => page.headers.get("x-cache") === "HIT";
    expect(await seenWithin(reader, `/pengumuman/${post.slug}`, cached)).toBe(true);
    expect((await staff.post(`/api/posts/${post.id}/withdraw`)).status).toBe(200);
    expect(await seenWithin(reader, `/pengumuman/${post.slug}`, (page) => page.status === 404)).toBe(true);
  });

  it("shows a renamed unit on the other process when the change's notification arrives", async () => {
    const [writer, reader] = processes as [TestSiar, TestSiar];
    const admin = await signedIn(writer.url, "admin@sanggau.demo");
    const root = (await admin.get("/api/units?type=kabupaten")).body.data[0];
    await get("/", {}, reader);
    expect((await get("/", {}, reader)).headers.get("x-cache")).toBe("HIT");
    expect((await admin.patch(`/api/units/${root.id}`, { name: "Pemerintah Kabupaten Sanggau Baru" })).status).toBe(
      200,
    );
    expect(await seenWithin(reader, "/", (page) => page.text.includes("Pemerintah Kabupaten Sanggau Baru"))).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { publishNow, startPublishingSiar, tickUntilSettled } from "../helpers/publishing.js";
import type { TestSiar } from "../helpers/siar.js";
import { unitIdOf } from "../helpers/sites.js";

// The composer's choice of site: an announcement addressed to a unit site appears in that site's
// news and feed; a site outside the author's scope, or a unit without a site, is refused.

let siar: TestSiar;
let humas: ApiClient;
let officerTayanHulu: ApiClient;
let channels: Record<string, string>;
let kabupatenId: string;
let kapuasId: string;

beforeAll(async () => {
  ({ siar, humas, channels, kabupatenId } = await startPublishingSiar());
  officerTayanHulu = await signedIn(siar.url, "petugas.tayanhulu@sanggau.demo");
  kapuasId = await unitIdOf(siar, "kec-kapuas");
});
afterAll(async () => siar?.close());

const announcement = (title: string, siteUnitId: string | null) => ({
  unitId: kabupatenId,
  title,
  body: "Pelayanan KTP elektronik keliling hadir di kantor Kecamatan Kapuas hari Sabtu.",
  channelIds: [channels.website],
  siteUnitId,
});

describe("an announcement addressed to a kecamatan's site", () => {
  it("is stored with its site and appears in that site's news and feed once published", async () => {
    const post = await publishNow(humas, announcement("KTP keliling di Kapuas", kapuasId));
    expect(post.siteUnitId).toBe(kapuasId);
    const done = await tickUntilSettled(siar, humas, post.id);
    expect(done.status).toBe("published");

    const news = await (await fetch(`${siar.url}/kecamatan/kapuas/berita`)).text();
    expect(news).toContain("KTP keliling di Kapuas");
    const feed = await (await fetch(`${siar.url}/kecamatan/kapuas/feed.xml`)).text();
    expect(feed).toContain("<title>KTP keliling di Kapuas</title>");
    // Another kecamatan's site does not carry it.
    const other = await (await fetch(`${siar.url}/kecamatan/tayan-hulu/berita`)).text();
    expect(other).not.toContain("KTP keliling di Kapuas");
  });

  it("can be moved to the main site while still a draft, and back", async () => {
    const created = await humas.post("/api/posts", announcement("Draf untuk situs utama", kapuasId));
    expect(created.status).toBe(201);
    const { title, body } = created.body;
    const moved = await humas.patch(`/api/posts/${created.body.id}`, { title, body, siteUnitId: null });
    expect(moved.status).toBe(200);
    expect(moved.body.siteUnitId).toBeNull();
    const back = await humas.patch(`/api/posts/${created.body.id}`, { title, body, siteUnitId: kapuasId });
    expect(back.body.siteUnitId).toBe(kapuasId);
  });
});

describe("a site the author may not post for", () => {
  it("refuses another kecamatan's site with a clear 403 naming the field", async () => {
    const tayanHuluId = await unitIdOf(siar, "kec-tayan-hulu");
    const refused = await officerTayanHulu.post("/api/posts", {
      ...announcement("Bukan situs saya", kapuasId),
      unitId: tayanHuluId,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("post_site_not_allowed");
    expect(refused.body.error.details).toEqual({ field: "siteUnitId" });
  });

  it("refuses a unit without a site (the kabupaten) and an unknown unit", async () => {
    const noSite = await humas.post("/api/posts", announcement("Tanpa situs", kabupatenId));
    expect(noSite.status).toBe(400);
    expect(noSite.body.error.code).toBe("site_not_available");
    const unknown = await humas.post("/api/posts", announcement("Tidak ada", "00000000-0000-4000-8000-000000000000"));
    expect(unknown.status).toBe(404);
    expect(await siar.services.prisma.post.count({ where: { title: { in: ["Tanpa situs", "Tidak ada"] } } })).toBe(0);
  });
});

import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { publishNow, startPublishingSiar, tickUntilSettled, uploadMedia } from "../helpers/publishing.js";
import type { TestSiar } from "../helpers/siar.js";

// Uploaded images reach public pages as <picture> with AVIF, WebP and JPEG in the sizes each
// place needs, made once and kept; the original stays where Instagram fetches it.

let siar: TestSiar;
let humas: ApiClient;
let channels: Record<string, string>;
let kabupatenId: string;

beforeAll(async () => {
  ({ siar, humas, channels, kabupatenId } = await startPublishingSiar());
});
afterAll(async () => siar?.close());

async function poster(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#2a6f97"/><circle cx="50%" cy="50%" r="30%" fill="#f4b400"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function publishWithImage(bytes: Buffer) {
  const uploaded = await uploadMedia(siar, humas, kabupatenId, { bytes, type: "image/png", name: "poster.png" });
  expect(uploaded.status).toBe(201);
  const post = await publishNow(humas, {
    unitId: kabupatenId,
    title: `Siaga banjir ${uploaded.body.id.slice(0, 8)}`,
    body: "Air Sungai Kapuas naik; warga di bantaran sungai diminta waspada.",
    channelIds: [channels.website],
    mediaIds: [uploaded.body.id],
  });
  expect((await tickUntilSettled(siar, humas, post.id)).status).toBe("published");
  return { storageKey: uploaded.body.url.split("/media/")[1] as string, slug: post.slug as string };
}

async function fetchImage(address: string) {
  const response = await fetch(siar.url + address);
  const body = Buffer.from(await response.arrayBuffer());
  const metadata = response.status === 200 ? await sharp(body).metadata() : null;
  return { response, metadata };
}

/** Every address in the srcset and src attributes of one <picture>. */
function addresses(picture: string): string[] {
  const lists = [...picture.matchAll(/(?:srcset|src)="([^"]+)"/g)].map((match) => match[1]!);
  return lists.flatMap((list) => list.split(", ").map((candidate) => candidate.split(" ")[0]!));
}

describe("image variants on public pages", () => {
  it("shows a 1080-pixel poster's thumbnail as 96 and 192-pixel AVIF, WebP and JPEG, never the original", async () => {
    const { storageKey } = await publishWithImage(await poster(1080, 1080));
    const home = await (await fetch(`${siar.url}/`)).text();
    const picture = home.match(new RegExp(`<picture>(?:(?!</picture>).)*${storageKey}.*?</picture>`))?.[0];
    expect(picture).toBeDefined();
    expect(home).not.toContain(`src="/media/${storageKey}"`);
    expect(picture).toContain('width="96" height="96"');
    const seen = addresses(picture!);
    expect(seen.sort()).toEqual(
      ["t96.avif", "t192.avif", "t96.webp", "t192.webp", "t96.jpg", "t192.jpg"]
        .map((v) => `/media/${storageKey}.${v}`)
        .sort(),
    );
    for (const address of seen) {
      const { response, metadata } = await fetchImage(address);
      const side = address.includes(".t96.") ? 96 : 192;
      const format = address.endsWith(".jpg") ? "jpeg" : address.endsWith(".webp") ? "webp" : "heif";
      expect(response.status, address).toBe(200);
      expect(response.headers.get("content-type"), address).toBe(
        `image/${address.endsWith(".jpg") ? "jpeg" : address.split(".").at(-1)}`,
      );
      expect(response.headers.get("cache-control"), address).toBe("public, max-age=31536000, immutable");
      expect([metadata!.format, metadata!.width, metadata!.height], address).toEqual([format, side, side]);
      // A thumbnail weighs a fraction of the poster it comes from.
      expect(Number(response.headers.get("content-length"))).toBeLessThan(10_000);
    }
  });

  it("offers the announcement page's image in column widths up to the original's, made in the background", async () => {
    const { storageKey, slug } = await publishWithImage(await poster(1080, 720));
    const page = await (await fetch(`${siar.url}/pengumuman/${slug}`)).text();
    const picture = page.match(/<div class="media"><picture>.*?<\/picture>/)![0];
    expect(picture).toContain('width="1080" height="720"');
    expect(picture).toContain('sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)"');
    for (const format of ["avif", "webp", "jpg"]) {
      expect(picture).toContain(
        [480, 720, 1080].map((width) => `/media/${storageKey}.w${width}.${format} ${width}w`).join(", "),
      );
    }
    expect(picture).not.toContain(".w1440.");

    // AVIF and WebP are made after the upload without anyone asking; JPEG only when asked for.
    const dir = path.join(siar.services.config.dataDir, "media");
    const expected = ["t96", "t192", "w480", "w720", "w1080"].flatMap((v) => [`${v}.avif`, `${v}.webp`]);
    await expect
      .poll(() => expected.filter((v) => !fs.existsSync(path.join(dir, `${storageKey}.${v}`))), { timeout: 60_000 })
      .toEqual([]);
    expect(fs.existsSync(path.join(dir, `${storageKey}.w720.jpg`))).toBe(false);

    for (const width of [480, 720, 1080]) {
      const { response, metadata } = await fetchImage(`/media/${storageKey}.w${width}.webp`);
      expect(response.status).toBe(200);
      expect([metadata!.width, metadata!.height]).toEqual([width, Math.round((width * 720) / 1080)]);
    }
    expect((await fetchImage(`/media/${storageKey}.w720.jpg`)).metadata!.format).toBe("jpeg");
    expect(fs.existsSync(path.join(dir, `${storageKey}.w720.jpg`))).toBe(true);
  });

  it("refuses sizes and names pages never use, and never resizes a citizen's photo", async () => {
    const { storageKey } = await publishWithImage(await poster(800, 800));
    for (const wanted of ["w1440.avif", "w1080.avif", "w500.webp", "t64.webp", "t96.gif"])
      expect((await fetch(`${siar.url}/media/${storageKey}.${wanted}`)).status, wanted).toBe(404);
    expect((await fetch(`${siar.url}/media/${storageKey}.w800.avif`)).status).toBe(200);

    // Citizens' photos live outside /media: a variant name pointing at one finds nothing.
    const citizenKey = `${"c".repeat(32)}.jpg`;
    const citizenDir = path.join(siar.services.config.dataDir, "citizen-photos");
    fs.mkdirSync(citizenDir, { recursive: true });
    fs.writeFileSync(
      path.join(citizenDir, citizenKey),
      await sharp(await poster(300, 300))
        .jpeg()
        .toBuffer(),
    );
    expect((await fetch(`${siar.url}/media/${citizenKey}.t96.webp`)).status).toBe(404);
  });

  it("makes variants of an image stored before variants existed on its first request, and keeps them", async () => {
    const storageKey = `${"a".repeat(32)}.png`;
    const dir = path.join(siar.services.config.dataDir, "media");
    fs.writeFileSync(path.join(dir, storageKey), await poster(600, 400));
    const first = await fetchImage(`/media/${storageKey}.w480.avif`);
    expect(first.response.status).toBe(200);
    expect([first.metadata!.format, first.metadata!.width, first.metadata!.height]).toEqual(["heif", 480, 320]);
    const made = fs.statSync(path.join(dir, `${storageKey}.w480.avif`)).mtimeMs;
    expect((await fetch(`${siar.url}/media/${storageKey}.w480.avif`)).status).toBe(200);
    expect(fs.statSync(path.join(dir, `${storageKey}.w480.avif`)).mtimeMs).toBe(made);
    expect((await fetchImage(`/media/${storageKey}.w600.webp`)).metadata!.width).toBe(600);
  });

  it("keeps serving the original and its JPEG rendition for Instagram", async () => {
    const bytes = await poster(1080, 1080);
    const { storageKey } = await publishWithImage(bytes);
    const original = await fetch(`${siar.url}/media/${storageKey}`);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).toBe(true);
    const rendition = await fetchImage(`/media/${storageKey}.jpg`);
    expect([rendition.metadata!.format, rendition.metadata!.width]).toEqual(["jpeg", 1080]);
  });
});

describe("photos on a unit site", () => {
  it("lists a desa's potential with a small thumbnail and shows its photos in grid widths", async () => {
    const operator = await signedIn(siar.url, "operator.sungaimawang@sanggau.demo");
    const camat = await signedIn(siar.url, "camat.kapuas@sanggau.demo");
    const desa = (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code: "desa-sungai-mawang" } })).id;
    const uploaded = await uploadMedia(siar, operator, desa, {
      bytes: await poster(1080, 720),
      type: "image/png",
      name: "tenun.png",
    });
    expect(uploaded.status).toBe(201);
    const storageKey = uploaded.body.url.split("/media/")[1] as string;
    const created = await operator.post(`/api/site-entries/units/${desa}`, {
      kind: "potential",
      content: { category: "produk_unggulan", title: "Tenun ikat Sungai Mawang", photos: [uploaded.body.id] },
      submit: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await camat.post(`/api/site-entries/${created.body.id}/approve`)).status).toBe(200);

    const list = await (await fetch(`${siar.url}/kecamatan/kapuas/sungai-mawang/potensi`)).text();
    const card = list.match(new RegExp(`<picture>(?:(?!</picture>).)*${storageKey}.*?</picture>`))?.[0];
    expect(card).toContain(`srcset="/media/${storageKey}.t96.avif 1x, /media/${storageKey}.t192.avif 2x"`);
    expect(card).toContain('width="96" height="96"');
    expect(list).not.toContain(`src="${uploaded.body.url}"`);

    const detail = await (await fetch(`${siar.url}/kecamatan/kapuas/sungai-mawang/potensi/${created.body.id}`)).text();
    const grid = detail.match(/<div class="photos">.*?<\/div>/)?.[0];
    // Linked to the original; the page itself shows a variant no wider than the cell needs.
    expect(grid).toContain(`<a href="${uploaded.body.url}"><picture>`);
    expect(grid).toContain(
      `<source type="image/webp" srcset="${[480, 720, 1080].map((w) => `/media/${storageKey}.w${w}.webp ${w}w`).join(", ")}" sizes="(min-width: 46rem) 11rem, 50vw">`,
    );
    expect(grid).toContain('width="1080" height="720" loading="lazy"');
  });
});

import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { uploadMedia } from "../helpers/publishing.js";
import { browserSuite } from "./browser.js";

// What a browser actually fetches for a published poster: the small AVIF its <picture> offers
// for the place on the page, never the original.

const suite = browserSuite({ PUBLISH_INTERVAL_SECONDS: "1" });

let humas: ApiClient;
let storageKey: string;
let slug: string;

beforeAll(async () => {
  humas = await signedIn(suite.siar.url, "humas@sanggau.demo");
  const unitId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
  const website = ((await humas.get("/api/channels")).body.data as { id: string; kind: string }[]).find(
    (channel) => channel.kind === "website",
  )!;
  const poster = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: "#2a6f97" } })
    .png()
    .toBuffer();
  const uploaded = await uploadMedia(suite.siar, humas, unitId, {
    bytes: poster,
    type: "image/png",
    name: "siaga.png",
  });
  storageKey = uploaded.body.url.split("/media/")[1];
  const created = await humas.post("/api/posts", {
    unitId,
    title: "Siaga banjir Sungai Kapuas",
    body: "Air Sungai Kapuas naik; warga di bantaran sungai diminta waspada.",
    channelIds: [website.id],
    mediaIds: [uploaded.body.id],
  });
  expect((await humas.post(`/api/posts/${created.body.id}/submit`)).status).toBe(200);
  slug = created.body.slug;
  await vi.waitFor(async () => expect((await fetch(`${suite.siar.url}/pengumuman/${slug}`)).status).toBe(200), {
    timeout: 20_000,
    interval: 200,
  });
});

/** What the browser chose for the page's first <picture> image, once loaded. */
async function chosenImage(page: import("playwright-core").Page, selector: string) {
  const image = page.locator(selector).first();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  return image.evaluate((img: HTMLImageElement) => ({
    src: img.currentSrc,
    naturalWidth: img.naturalWidth,
    shownWidth: img.getBoundingClientRect().width,
  }));
}

describe("images on the public site", () => {
  it("shows a list's thumbnail as the 96-pixel AVIF on a 1x screen", async () => {
    await suite.withPage(async (page) => {
      const requested: string[] = [];
      page.on("request", (request) => requested.push(new URL(request.url()).pathname));
      await page.goto("/");
      const chosen = await chosenImage(page, ".card img");
      expect(chosen.src).toMatch(new RegExp(`/media/${storageKey}\\.t96\\.avif$`));
      expect([chosen.naturalWidth, chosen.shownWidth]).toEqual([96, 96]);
      expect(requested).not.toContain(`/media/${storageKey}`);
    });
  });

  it("shows the announcement's image in the width its column needs", async () => {
    // A phone: 390 CSS pixels less the padding, at 1x, needs the 480-pixel width.
    await suite.withPage(
      async (page) => {
        await page.goto(`/pengumuman/${slug}`);
        const chosen = await chosenImage(page, ".media img");
        expect(chosen.src).toMatch(new RegExp(`/media/${storageKey}\\.w480\\.avif$`));
        expect(chosen.shownWidth).toBe(358);
      },
      { width: 390, height: 800 },
    );
  });
});

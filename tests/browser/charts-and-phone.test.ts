import { describe, expect, it } from "vitest";
import { signedIn } from "../helpers/client.js";
import { browserSuite } from "./browser.js";

// What leaders hand on and citizens read on a phone: the publishing chart names every channel,
// the areas chart is as tall as its tiles, and /transparansi fits a 390 px screen.

const suite = browserSuite({ SIAR_DEMO_MONTH: "true", SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });

describe("charts and the phone", () => {
  it("fits /transparansi into a 390 px phone without sideways scrolling", async () => {
    await suite.withPage(
      async (page) => {
        await page.goto("/transparansi");
        await page.getByRole("heading", { name: "Menurut kategori" }).waitFor();
        // The demo month gives the category table rows, the widest part of the page.
        expect(await page.locator("table.stack tbody tr").count()).toBeGreaterThan(2);
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          body: document.body.scrollWidth,
          viewport: window.innerWidth,
        }));
        expect(widths.viewport).toBe(390);
        expect(widths.page).toBeLessThanOrEqual(390);
        expect(widths.body).toBeLessThanOrEqual(390);
        // Each figure keeps its label on the phone; categories are named as the app names them.
        const label = await page
          .locator("table.stack tbody tr td.n")
          .first()
          .evaluate((cell) => getComputedStyle(cell, "::before").content);
        expect(label).toBe('"Diterima"');
        expect(await page.locator("table.stack").innerText()).not.toMatch(/pelayanan_publik|infrastruktur\b/);
      },
      { width: 390, height: 844 },
    );
  });

  it("names every channel on the publishing chart and fits the areas chart to its tiles", async () => {
    const leader = await signedIn(suite.siar.url, "pimpinan@sanggau.demo");
    const channels: string[] = (await leader.get("/api/dashboard/publishing")).body.byChannel.map(
      (row: { channelName: string }) => row.channelName,
    );
    expect(channels.length).toBeGreaterThanOrEqual(3);
    await suite.asUser("pimpinan@sanggau.demo", async (page) => {
      await page.goto("/app/dashboard");
      const publishing = page.getByRole("region", { name: "Publikasi per kanal" });
      await publishing.locator(".dashboard-chart__label").first().waitFor();
      // A wrapped name is one line per <tspan>: compared without its spaces.
      const squeezed = (name: string) => name.replace(/\s+/g, "");
      const labels = (await publishing.locator(".dashboard-chart__label").allTextContents()).map(squeezed);
      expect(labels.sort()).toEqual(channels.map(squeezed).sort());

      const areas = page.getByRole("region", { name: "Wilayah" });
      await areas.locator(".area-tiles li").first().waitFor();
      const box = await areas.locator(".dashboard-chart").boundingBox();
      const tiles = await areas.locator(".area-tiles").boundingBox();
      // No blank band below the tiles: the box ends with them (the list keeps its 0.75 rem margin).
      expect(box!.height - tiles!.height).toBeLessThan(16);
    });
  });
});

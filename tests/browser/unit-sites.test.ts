import { describe, expect, it } from "vitest";
import { smallPhoto } from "../helpers/sites.js";
import { browserSuite } from "./browser.js";

// A desa operator adds a development project with a photo and sends it for review; the camat of
// Kapuas sees the change and approves it; the project is then on the desa's public page and in
// the kecamatan's feed.

const suite = browserSuite();
const TITLE = "Jembatan Gantung Dusun Tanjung";

describe("a desa operator's project through the kecamatan's review", () => {
  it("goes from the operator's draft to the public desa page and the kecamatan's feed", async () => {
    let entryPath = "";
    await suite.asUser("operator.sungaimawang@sanggau.demo", async (page) => {
      await page.getByTestId("nav-sites").click();
      await page.getByRole("link", { name: "Tambah Pembangunan" }).click();
      await page.getByLabel("Judul", { exact: true }).fill(TITLE);
      await page.getByLabel("Lokasi", { exact: true }).fill("Dusun Tanjung RT 02");
      await page.getByLabel("Dana Desa (Rp)").fill("120000000");
      await page.getByLabel("Jumlah anggaran (Rp)").fill("120000000");
      await page.getByLabel("Kemajuan (%)").fill("30");
      await page.getByLabel("Status pekerjaan").selectOption("berjalan");
      await page.getByTestId("site-photo-input").setInputFiles({
        name: "jembatan.png",
        mimeType: "image/png",
        buffer: await smallPhoto("#8d6e63"),
      });
      await page.locator(".media-list__item img").waitFor();
      await page.getByTestId("site-entry-submit").click();
      await page.getByText("Terkirim untuk ditinjau kecamatan.").waitFor();
      await page.waitForURL(/\/app\/sites\/entries\/[0-9a-f-]{36}$/);
      entryPath = new URL(page.url()).pathname;
      expect(await page.getByTestId("site-entry-status").first().innerText()).toContain("Menunggu tinjauan");
      // Operators never publish.
      expect(await page.getByTestId("site-entry-approve").count()).toBe(0);
    });

    await suite.asUser("camat.kapuas@sanggau.demo", async (page) => {
      await page.getByTestId("nav-sites").click();
      await page.getByTestId("sites-review").click();
      await page.getByTestId("site-entries").getByRole("link", { name: TITLE }).click();
      await page.waitForURL(new RegExp(`${entryPath}$`));
      const changes = await page.getByTestId("site-entry-changes").innerText();
      expect(changes).toContain(TITLE);
      expect(changes).toContain("Dusun Tanjung RT 02");
      await page.getByTestId("site-entry-approve").click();
      await page.getByText("Disetujui dan terbit.").waitFor();
      // The notice comes first; the entry is then read again with its new status.
      await page.getByTestId("site-entry-status").filter({ hasText: "Terbit" }).first().waitFor();
    });

    const entryId = entryPath.split("/").pop();
    const desaPage = await fetch(`${suite.siar.url}/kecamatan/kapuas/sungai-mawang/pembangunan/${entryId}`);
    expect(desaPage.status).toBe(200);
    const html = await desaPage.text();
    expect(html).toContain(TITLE);
    expect(html).toContain("Diverifikasi oleh Kecamatan Kapuas");
    expect(html).toMatch(/<img[^>]+src="[^"]*\/media\//);
    const list = await (await fetch(`${suite.siar.url}/kecamatan/kapuas/sungai-mawang/pembangunan`)).text();
    expect(list).toContain(TITLE);
    const feed = await (await fetch(`${suite.siar.url}/kecamatan/kapuas/feed.xml`)).text();
    expect(feed).toContain(`<title>${TITLE} · Desa Sungai Mawang</title>`);
    expect(feed).toContain(`/kecamatan/kapuas/sungai-mawang/pembangunan/${entryId}`);
  });
});

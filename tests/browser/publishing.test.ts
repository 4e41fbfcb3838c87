import type { Page } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { browserSuite } from "./browser.js";

const suite = browserSuite({ SIAR_SANDBOX: "true" });

const asUser = suite.asUser;

/** A square photo, within every platform's size and aspect-ratio limits. */
function squarePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 800, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
}

async function writePost(page: Page, title: string, body: string) {
  await page.goto("/app/compose");
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Isi").fill(body);
}

const mediaError = (page: Page) => page.locator("fieldset.media-picker .field__error");

describe("publishing from the composer", () => {
  it("checks Instagram's media rule, previews per channel with X's counter, and schedules in the unit's zone", async () => {
    await asUser("humas@sanggau.demo", async (page) => {
      await writePost(page, "Jadwal posyandu Maret", "Posyandu balita dibuka setiap Selasa di kantor desa.");
      await page.getByLabel("Tautan").fill("https://sanggau.go.id/posyandu");
      await page.getByLabel("Tagar").fill("Sanggau, posyandu ");
      await page
        .getByRole("checkbox", { name: /^Instagram/ })
        .first()
        .check();
      await page.getByRole("checkbox", { name: /^X ·/ }).first().check();

      // No image yet: Instagram's rule is shown by the media field and blocks submitting.
      await mediaError(page).waitFor();
      expect(await mediaError(page).innerText()).toContain("Instagram memerlukan gambar atau video.");
      expect(await page.getByRole("button", { name: "Terbitkan sekarang" }).isDisabled()).toBe(true);

      await page
        .getByLabel("Tambah gambar atau video")
        .setInputFiles({ name: "posyandu.jpg", mimeType: "image/jpeg", buffer: await squarePhoto() });
      await page.locator(".media-list img").waitFor();
      await mediaError(page).waitFor({ state: "detached" });

      // X counts the link as 23: body (52) + 2 + 23 + 2 + "#Sanggau #posyandu" (18) = 97.
      expect(await page.getByTestId("counter-x").innerText()).toContain("97/280");
      expect(await page.getByTestId("preview-instagram").locator("img").count()).toBe(1);
      expect(
        await page.getByTestId("preview-x").getByRole("link", { name: "https://sanggau.go.id/posyandu" }).count(),
      ).toBe(1);

      await page.getByLabel("Pada tanggal dan jam tertentu").check();
      await page.getByLabel("Tanggal", { exact: true }).fill("2030-03-05");
      await page.getByLabel("Jam (WIB)").fill("09:30");
      await page.getByRole("button", { name: "Jadwalkan" }).click();

      await page.getByRole("heading", { name: "Jadwal posyandu Maret" }).waitFor();
      expect(await page.locator(".page-header .badge").innerText()).toBe("Terjadwal");
      expect(await page.locator(".facts").innerText()).toMatch(/5 Mar 2030.*09\.30 WIB/);
    });
  });

  it("lets an officer submit, a leader approve, and shows the post published on each channel", async () => {
    const title = "Gotong royong Kecamatan Kapuas";
    let postUrl = "";
    await asUser("petugas.kapuas@sanggau.demo", async (page) => {
      await writePost(page, title, "Mari bergotong royong membersihkan saluran air pada hari Sabtu.");
      await page.getByRole("checkbox", { name: /^X ·/ }).first().check();
      await page.getByRole("button", { name: "Ajukan" }).click();
      await page.getByRole("heading", { name: title }).waitFor();
      expect(await page.locator(".page-header .badge").innerText()).toBe("Menunggu persetujuan");
      postUrl = page.url();
    });

    await asUser("pimpinan@sanggau.demo", async (page) => {
      await page.goto("/app/posts/review");
      await page.getByRole("link", { name: title }).click();
      await page.getByLabel("Catatan untuk penulis").fill("Silakan terbitkan.");
      await page.getByRole("button", { name: "Setujui" }).click();
      // The worker publishes within seconds; the page follows through "post.updated".
      await page.locator(".page-header .badge", { hasText: /^Terbit$/ }).waitFor({ timeout: 20_000 });
      expect(page.url()).toBe(postUrl);
      const delivery = page.getByTestId("delivery-x");
      expect(await delivery.innerText()).toContain("Terbit");
      expect(await delivery.getByRole("link", { name: "Buka di X" }).count()).toBe(1);
    });
  });
});

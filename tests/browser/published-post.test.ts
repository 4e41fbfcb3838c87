import { beforeAll, describe, expect, it } from "vitest";
import { signedIn, type ApiClient } from "../helpers/client.js";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "1" });

let humas: ApiClient;
beforeAll(async () => {
  humas = await signedIn(suite.siar.url, "humas@sanggau.demo");
});

/** Composes and submits through the API (humas posts need no approval); the worker publishes it. */
async function publishedPost(title: string, body: string): Promise<{ id: string; slug: string }> {
  const channels: { id: string; kind: string }[] = (await humas.get("/api/channels")).body.data;
  const channelIds = ["website", "facebook", "x"].map((kind) => channels.find((channel) => channel.kind === kind)!.id);
  const unitId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
  const created = await humas.post("/api/posts", { unitId, title, body, hashtags: ["SanggauMelayani"], channelIds });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await humas.post(`/api/posts/${created.body.id}/submit`)).status).toBe(200);
  return created.body;
}

describe("after a post is published", () => {
  it("lets humas correct the text where platforms allow it, then withdraw the post", async () => {
    const post = await publishedPost(
      "Pelayanan KTP keliling",
      "Pelayanan KTP keliling hadir di Kecamatan Kapuas pada hari Sabtu.",
    );
    const page = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(page, "humas@sanggau.demo");
      await page.goto(`/app/posts/${post.id}`);
      await page.locator(".page-header .badge", { hasText: /^Terbit$/ }).waitFor({ timeout: 20_000 });

      // Before saving, the form says which channels get the new text and which keep the old one.
      await page.getByRole("button", { name: "Koreksi" }).click();
      expect(await page.getByTestId("plan-website").innerText()).toContain("diperbarui dengan teks baru");
      expect(await page.getByTestId("plan-x").innerText()).toContain("tetap memakai teks lama");
      const corrected = "Ralat: pelayanan KTP keliling dipindah ke hari Senin di Kecamatan Kapuas.";
      await page.getByLabel("Isi", { exact: true }).fill(corrected);
      await page.getByRole("button", { name: "Simpan koreksi" }).click();

      const correction = page.getByRole("status").filter({ hasText: "Koreksi tersimpan." });
      await correction.waitFor();
      expect(await correction.getByTestId("outcome-website").innerText()).toContain("diperbarui");
      expect(await correction.getByTestId("outcome-facebook").innerText()).toContain("diperbarui");
      expect(await correction.getByTestId("outcome-x").innerText()).toContain(
        "tidak dapat diubah di X; teks lama tetap tampil",
      );
      expect(await (await fetch(`${suite.siar.url}/pengumuman/${post.slug}`)).text()).toContain(corrected);

      // Withdrawing lists its effect per channel first and acts only on the second press.
      await page.getByRole("button", { name: "Tarik unggahan" }).click();
      const confirmation = page.getByRole("group", { name: "Tarik unggahan ini dari semua kanal?" });
      expect(await confirmation.getByTestId("plan-facebook").innerText()).toContain("unggahan dihapus dari Facebook");
      await confirmation.getByRole("button", { name: "Ya, tarik unggahan" }).click();

      await page.locator(".page-header .badge", { hasText: "Ditarik" }).waitFor();
      const withdrawal = page.getByRole("status").filter({ hasText: "Unggahan sudah ditarik." });
      expect(await withdrawal.getByTestId("outcome-x").innerText()).toContain("dihapus");
      expect(await page.getByTestId("delivery-facebook").innerText()).toContain("Dihapus");
      expect(await page.getByRole("button", { name: "Koreksi" }).count()).toBe(0);
      expect((await fetch(`${suite.siar.url}/pengumuman/${post.slug}`)).status).toBe(404);
    } finally {
      await closePage(page);
    }
  });
});

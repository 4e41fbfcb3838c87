import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tinyPdf } from "../helpers/dip.js";
import { browserSuite, selectOptionContaining } from "./browser.js";

const suite = browserSuite();

describe("the public information list, end to end", () => {
  it("a PPID officer adds an entry with a file; a citizen finds it on /ppid/dip by search and downloads it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-dip-"));
    const upload = path.join(dir, "rekap-bansos-kapuas-2026.pdf");
    fs.writeFileSync(upload, tinyPdf("Rekapitulasi penyaluran bantuan sosial Kapuas 2026"));

    let itemUrl = "";
    await suite.asUser("ppid.kapuas@sanggau.demo", async (page) => {
      await page.getByTestId("nav-dip").click();
      await page.getByTestId("dip-new").click();
      await selectOptionContaining(page, "Unit", "Kecamatan Kapuas");
      await page.getByLabel("Klasifikasi").selectOption("berkala");
      await page.getByLabel("Judul informasi").fill("Rekapitulasi Penyaluran Bantuan Sosial Kecamatan Kapuas 2026");
      await page
        .getByLabel("Ringkasan isi informasi")
        .fill("Jumlah penerima dan nilai bantuan per desa, triwulan I–III.");
      await page.getByLabel("Pejabat/unit penanggung jawab").fill("Kepala Seksi Kesejahteraan Sosial");
      await page.getByLabel("Waktu pembuatan").fill("2026-10-15");
      await page.getByLabel("Tahun").fill("2026");
      await page.getByLabel("Jangka waktu penyimpanan").fill("5 tahun");
      await page.getByRole("button", { name: "Simpan" }).click();

      // The entry's page: a draft, then a document, then published.
      await page.getByTestId("dip-publish").waitFor();
      await page.getByLabel("Nama dokumen").fill("Rekap bansos Kapuas 2026");
      await page.getByTestId("dip-file-input").setInputFiles(upload);
      await page.getByRole("button", { name: "Unggah", exact: true }).click();
      await page.getByTestId("dip-file").filter({ hasText: "Rekap bansos Kapuas 2026" }).waitFor();
      expect(await page.getByTestId("dip-file").innerText()).toContain("versi 1");
      await page.getByTestId("dip-publish").click();
      const viewPublic = page.getByRole("link", { name: "Lihat di situs" });
      await viewPublic.waitFor();
      itemUrl = (await viewPublic.getAttribute("href"))!;
    });
    expect(itemUrl).toMatch(/\/ppid\/dip\/[0-9a-f-]{36}$/);

    await suite.withPage(async (page) => {
      await page.goto("/");
      await page.getByRole("link", { name: "Informasi publik (PPID)" }).click();
      await page.getByRole("link", { name: "Daftar Informasi Publik" }).first().click();
      await page.getByLabel("Kata kunci").fill("bantuan sosial kapuas");
      await page.getByRole("button", { name: "Cari" }).click();
      await page.getByText("1 informasi ditemukan").waitFor();
      await page.getByRole("link", { name: "Rekapitulasi Penyaluran Bantuan Sosial Kecamatan Kapuas 2026" }).click();
      expect(page.url()).toBe(itemUrl);
      expect(await page.locator("dl.kolom").innerText()).toContain("Kepala Seksi Kesejahteraan Sosial");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: /Unduh Rekap bansos Kapuas 2026/ }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("rekap-bansos-kapuas-2026.pdf");
      const saved = path.join(dir, "downloaded.pdf");
      await download.saveAs(saved);
      expect(fs.readFileSync(saved).equals(fs.readFileSync(upload))).toBe(true);
    });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it("an announcement marked serta-merta in the composer joins the DIP once published, linking to its page", async () => {
    await suite.asUser("humas@sanggau.demo", async (page) => {
      await page.goto("/app/compose");
      await page.getByLabel("Judul").fill("Jalan Sanggau–Sekadau tertutup longsor");
      await page
        .getByLabel("Isi")
        .fill("Hindari ruas km 12; arus dialihkan lewat Jalan Kebadu sampai pembersihan selesai.");
      await page
        .getByRole("checkbox", { name: /^Website/ })
        .first()
        .check();
      await page.getByTestId("compose-serta-merta").check();
      await page.getByRole("button", { name: "Terbitkan sekarang" }).click();
      await page.getByRole("heading", { name: "Jalan Sanggau–Sekadau tertutup longsor", level: 1 }).waitFor();
    });
    // The worker publishes it; the DIP then lists it as serta-merta, linking to the announcement.
    await suite.withPage(async (page) => {
      await expect
        .poll(
          async () => {
            // Pages are cached for a minute: each look is a new address.
            await page.goto(`/ppid/dip?kelas=serta_merta&q=longsor+sekadau&t=${Date.now()}`);
            return page.getByRole("link", { name: "Jalan Sanggau–Sekadau tertutup longsor" }).count();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBe(1);
      await page.getByRole("link", { name: "Jalan Sanggau–Sekadau tertutup longsor" }).click();
      await page.locator('a[href^="/pengumuman/"]').click();
      await page.getByRole("heading", { name: "Jalan Sanggau–Sekadau tertutup longsor", level: 1 }).waitFor();
      expect(page.url()).toContain("/pengumuman/");
    });
  }, 90_000);

  it("a PPID writes its profile in the staff app, and its public page shows it; humas read entries without changing them", async () => {
    await suite.asUser("ppid.kapuas@sanggau.demo", async (page) => {
      await page.getByTestId("nav-dip").click();
      await page.getByTestId("ppid-profiles").click();
      await page.getByRole("link", { name: "Kecamatan Kapuas", exact: true }).click();
      await page.getByLabel("Waktu layanan").fill("Senin–Jumat 08.00–13.00 WIB, Sabtu tutup");
      await page.getByRole("button", { name: "Simpan" }).click();
      await page.getByText("Tersimpan.").waitFor();
    });
    const profile = await (await fetch(`${suite.siar.url}/ppid/kec-kapuas`)).text();
    expect(profile).toContain("Senin–Jumat 08.00–13.00 WIB, Sabtu tutup");

    await suite.asUser("humas@sanggau.demo", async (page) => {
      await page.getByTestId("nav-dip").click();
      expect(await page.getByTestId("dip-new").count()).toBe(0);
      await page.getByRole("link", { name: "APBDes Sungai Mawang 2026" }).click();
      await page.getByText("Kepala Desa Sungai Mawang").waitFor();
      expect(await page.getByRole("button", { name: "Simpan" }).count()).toBe(0);
      expect(await page.getByTestId("dip-publish").count()).toBe(0);
    });
  });
});

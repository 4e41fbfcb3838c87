import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { smallPhoto } from "../helpers/sites.js";
import { browserSuite } from "./browser.js";

// The lists inside entries, edited in the app: the operator of Desa Sungai Mawang adds two lines to
// the desa's APBDes and a progress stage with a photo to its road project, the camat of Kapuas
// reviews both in Indonesian and approves, and the public desa pages show them. Values the server
// would refuse are pointed out in the form, in Indonesian, and nothing is sent.

const suite = browserSuite();
const OPERATOR = "operator.sungaimawang@sanggau.demo";
const DESA = "/kecamatan/kapuas/sungai-mawang";
const BUDGET = "APBDes 2026 semester 1";
const PROJECT = "Jalan Rabat Beton Dusun Hilir";
/** Intl writes "Rp 45.000.000" with a no-break space; read texts with plain spaces. */
const plain = (text: string) => text.replace(/\s+/g, " ");

const row = (page: Page, name: string): Locator => page.getByRole("group", { name, exact: true });

async function openEntry(page: Page, title: string): Promise<string> {
  await page.getByTestId("site-entries").getByRole("link", { name: title }).click();
  await page.waitForURL(/\/app\/sites\/entries\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

async function submitted(page: Page) {
  await page.getByTestId("site-entry-submit").click();
  await page.getByText("Terkirim untuk ditinjau kecamatan.").waitFor();
}

describe("lists inside unit-site entries", () => {
  it("go from the operator's form through the Indonesian review to the public desa pages", async () => {
    let projectId = "";
    await suite.asUser(OPERATOR, async (page) => {
      await page.getByTestId("nav-sites").click();
      await openEntry(page, BUDGET);
      // The demo budget has four lines; two more are added, each starting in the group before it.
      await page.getByRole("button", { name: "Tambah baris anggaran" }).click();
      const fifth = row(page, "Baris anggaran 5");
      await fifth.getByLabel("Kelompok").selectOption("pendapatan");
      await fifth.getByLabel("Uraian").fill("Bagi hasil pajak daerah");
      await fifth.getByLabel("Anggaran (Rp)").fill("45.000.000");
      await fifth.getByLabel("Realisasi (Rp)").fill("20250000");
      await page.getByRole("button", { name: "Tambah baris anggaran" }).click();
      const sixth = row(page, "Baris anggaran 6");
      expect(await sixth.getByLabel("Kelompok").inputValue()).toBe("pendapatan");
      await sixth.getByLabel("Kelompok").selectOption("belanja");
      await sixth.getByLabel("Uraian").fill("Penanggulangan bencana");
      await sixth.getByLabel("Anggaran (Rp)").fill("30.000.000");
      // Amounts typed without dots read grouped once the field is left.
      expect(await fifth.getByLabel("Realisasi (Rp)").inputValue()).toBe("20.250.000");
      await submitted(page);

      await page.getByRole("link", { name: "← Kembali ke isian situs" }).click();
      projectId = await openEntry(page, PROJECT);
      await page.getByRole("button", { name: "Tambah tahap kemajuan" }).click();
      const stage = row(page, "Tahap 3");
      // A new stage starts at the progress of the last one (60 % in the demo).
      expect(await stage.getByLabel("Kemajuan (%)").inputValue()).toBe("60");
      await stage.getByLabel("Tanggal").fill("2026-08-20");
      await stage.getByLabel("Kemajuan (%)").fill("85");
      await stage.getByLabel("Keterangan").fill("Pengecoran 400 m selesai");
      await stage.getByTestId("site-photo-input").setInputFiles({
        name: "rabat-85.png",
        mimeType: "image/png",
        buffer: await smallPhoto("#795548"),
      });
      await stage.locator(".media-list__item img").waitFor();
      await submitted(page);
    });

    await suite.asUser("camat.kapuas@sanggau.demo", async (page) => {
      await page.getByTestId("nav-sites").click();
      await page.getByTestId("sites-review").click();
      await openEntry(page, BUDGET);
      const budgetChanges = plain(await page.getByTestId("site-entry-changes").innerText());
      expect(budgetChanges).toContain("Rincian APBDes");
      expect(budgetChanges).toContain("Baris anggaran 5 · baru");
      expect(budgetChanges).toContain("Kelompok Pendapatan");
      expect(budgetChanges).toContain("Uraian Bagi hasil pajak daerah");
      expect(budgetChanges).toContain("Anggaran (Rp) Rp 45.000.000");
      expect(budgetChanges).toContain("Realisasi (Rp) Rp 20.250.000");
      expect(budgetChanges).toContain("Baris anggaran 6 · baru");
      expect(budgetChanges).toContain("Kelompok Belanja");
      // No code keys or codes: the reviewer reads Indonesian.
      expect(budgetChanges).not.toMatch(/\b(lines|group|plan|realisation|pendapatan|belanja|insert)\b/);
      await page.getByTestId("site-entry-approve").click();
      await page.getByText("Disetujui dan terbit.").waitFor();

      await page.getByTestId("nav-sites").click();
      await page.getByTestId("sites-review").click();
      await openEntry(page, PROJECT);
      const projectChanges = plain(await page.getByTestId("site-entry-changes").innerText());
      expect(projectChanges).toContain("Tahap kemajuan");
      expect(projectChanges).toContain("Tahap 3 · baru");
      expect(projectChanges).toContain("Tanggal 20 Agustus 2026");
      expect(projectChanges).toContain("Kemajuan (%) 85%");
      expect(projectChanges).toContain("Keterangan Pengecoran 400 m selesai");
      expect(projectChanges).not.toMatch(/\b(stages|date|progress|note|photos|key)\b/);
      expect(await page.getByTestId("site-entry-changes").locator('img[alt="rabat-85.png"]').count()).toBe(1);
      await page.getByTestId("site-entry-approve").click();
      await page.getByText("Disetujui dan terbit.").waitFor();
    });

    const budgetPage = plain(await (await fetch(`${suite.siar.url}${DESA}/apbdes`)).text());
    expect(budgetPage).toContain("Pendapatan: Bagi hasil pajak daerah");
    expect(budgetPage).toContain("Rp 45.000.000");
    expect(budgetPage).toContain("Belanja: Penanggulangan bencana");
    const projectPage = await (await fetch(`${suite.siar.url}${DESA}/pembangunan/${projectId}`)).text();
    const newStage = /<h3>20 Agustus 2026 · 85%<\/h3><p>Pengecoran 400 m selesai<\/p>(.*?)<\/section>/s.exec(
      projectPage,
    );
    expect(newStage?.[1]).toMatch(/<img[^>]+src="[^"]*\/media\//);
  });

  it("point out a progress over 100 % and a negative amount in Indonesian and send nothing", async () => {
    await suite.asUser(OPERATOR, async (page) => {
      const writes: string[] = [];
      page.on("request", (request) => {
        if (request.method() !== "GET" && request.url().includes("/api/site-entries")) writes.push(request.url());
      });
      await page.getByTestId("nav-sites").click();
      await page.getByRole("link", { name: "Tambah Pembangunan" }).click();
      await page.getByLabel("Judul", { exact: true }).fill("Drainase Dusun Tengah");
      await page.getByRole("button", { name: "Tambah perubahan anggaran" }).click();
      const revision = row(page, "Perubahan 1");
      await revision.getByLabel("Anggaran baru (Rp)").fill("-5.000");
      await page.getByRole("button", { name: "Tambah tahap kemajuan" }).click();
      const stage = row(page, "Tahap 1");
      await stage.getByLabel("Kemajuan (%)").fill("150");

      await page.getByTestId("site-entry-submit").click();
      await page.getByTestId("site-entry-problems").waitFor();
      expect(await page.getByTestId("site-entry-problems").innerText()).toBe(
        "2 isian perlu diperbaiki; belum ada yang dikirim.",
      );
      expect(await revision.innerText()).toContain("Jumlah tidak boleh kurang dari 0.");
      expect(await stage.innerText()).toContain("Kemajuan harus bilangan bulat dari 0 sampai 100.");
      // The keyboard is taken to the first field to fix.
      expect(await revision.getByLabel("Anggaran baru (Rp)").evaluate((el) => el === document.activeElement)).toBe(
        true,
      );
      await page.getByRole("button", { name: "Simpan draf" }).click();
      expect(writes).toEqual([]);
      expect(new URL(page.url()).pathname).toMatch(/\/new\/project$/);

      // Fixed, the entry goes.
      await revision.getByLabel("Anggaran baru (Rp)").fill("5.000.000");
      await stage.getByLabel("Kemajuan (%)").fill("15");
      expect(await page.getByTestId("site-entry-problems").count()).toBe(0);
      await submitted(page);
      expect(writes).toHaveLength(1);
    });
  });
});

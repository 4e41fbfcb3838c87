import { describe, expect, it } from "vitest";
import { browserSuite } from "./browser.js";

const suite = browserSuite();

describe("the working calendar", () => {
  it("is shown to an admin with next year as estimated, and takes a cuti bersama with its decree", async () => {
    const { prisma } = suite.siar.services;
    const year = new Date().getFullYear() + 1;
    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin");
      await page.getByRole("navigation", { name: "Menu admin" }).getByRole("link", { name: "Kalender kerja" }).click();
      const status = page.getByTestId("calendar-status");
      await status.waitFor();
      expect(await status.textContent()).toContain(`Kalender ${year} masih perkiraan`);
      await page.getByTestId(`calendar-day-${year}-01-01`).waitFor();

      await page.getByLabel("Perubahan").selectOption("add");
      await page.getByLabel("Tanggal", { exact: true }).fill(`${year}-02-03`);
      await page.getByLabel("Jenis").selectOption("cuti_bersama");
      await page.getByLabel("Nama", { exact: true }).fill("Cuti bersama Tahun Baru Imlek");
      await page.getByLabel("Nomor keputusan").fill("SKB 3 Menteri No. 9 Tahun 2026");
      await page.getByRole("button", { name: "Simpan" }).click();
      await page.getByTestId("calendar-moved").waitFor();
      const row = page.getByTestId(`calendar-day-${year}-02-03`);
      await row.waitFor();
      expect(await row.textContent()).toContain("Dimasukkan admin");
      expect(await row.textContent()).toContain("SKB 3 Menteri No. 9 Tahun 2026");
    });
    expect(await prisma.auditEvent.count({ where: { action: "working_calendar.add" } })).toBe(1);
  });
});

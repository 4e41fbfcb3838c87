import { describe, expect, it } from "vitest";
import { recountRollups } from "@server/reporting/recount.js";
import { browserSuite } from "./browser.js";

const suite = browserSuite();

describe("the reporting time zone", () => {
  it("is changed by an admin on its screen, audited, and the dashboard then says WITA", async () => {
    const { prisma } = suite.siar.services;
    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin");
      await page
        .getByRole("navigation", { name: "Menu admin" })
        .getByRole("link", { name: "Zona waktu laporan" })
        .click();
      const zone = page.getByLabel("Zona waktu pelaporan");
      await zone.waitFor();
      expect(await zone.inputValue()).toBe("Asia/Jakarta");
      await zone.selectOption("Asia/Makassar");
      await page.getByLabel("Toleransi tepat waktu (menit)").fill("7");
      await page.getByRole("button", { name: "Simpan" }).click();
      await page.getByTestId("reporting-recounting").waitFor();
    });
    expect(await prisma.auditEvent.count({ where: { action: "reporting_settings.update" } })).toBe(1);
    await recountRollups(suite.siar.services);

    await suite.asUser("pimpinan@sanggau.demo", async (page) => {
      await page.goto("/app/dashboard");
      const period = page.getByText(/^Periode .* \(WITA\), dibandingkan/);
      await period.waitFor();
      expect(await page.getByText("(WIB)").count()).toBe(0);
    });
  });
});

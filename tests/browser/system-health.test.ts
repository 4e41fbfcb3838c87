import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readMigrations } from "@server/db/migrate.js";
import { browserSuite } from "./browser.js";

const suite = browserSuite();

describe("system health page", () => {
  it("shows an admin the version, migrations, queues and jobs as the server has them", async () => {
    const { prisma } = suite.siar.services;
    await prisma.inboxDeadLetter.create({
      data: { origin: "poll", payloadKind: "message", payload: "{}", key: "browser-health-1", reason: "test" },
    });
    const deadLetters = await prisma.inboxDeadLetter.count({ where: { resolution: null } });
    const version = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string }).version;
    const migrations = readMigrations();

    await suite.asUser("admin@sanggau.demo", async (page) => {
      await page.goto("/app/admin");
      await page
        .getByRole("navigation", { name: "Menu admin" })
        .getByRole("link", { name: "Kesehatan sistem" })
        .click();
      await page.getByTestId("health-version").waitFor();
      expect(await page.getByTestId("health-version").innerText()).toBe(version);
      const applied = await page.getByTestId("health-migrations").innerText();
      expect(applied).toContain(`${migrations.length} diterapkan`);
      expect(applied).toContain(migrations.at(-1)!.name);
      expect(applied).not.toContain("belum diterapkan");
      const row = page.getByTestId("health-queues").locator('tr[data-queue="dead_letters"]');
      expect(await row.innerText()).toContain(`Pesan gagal diarsipkan\t${deadLetters}`);
      expect(await page.getByTestId("health-jobs").innerText()).toContain("publishing");
      expect(await page.getByTestId("health-backup").innerText()).toContain("Belum ada cadangan");
    });

    await suite.asUser("humas@sanggau.demo", async (page) => {
      await page.goto("/app/admin");
      const menu = page.getByRole("navigation", { name: "Menu admin" });
      await menu.waitFor();
      expect(await menu.getByRole("link", { name: "Kesehatan sistem" }).count()).toBe(0);
    });
  });
});

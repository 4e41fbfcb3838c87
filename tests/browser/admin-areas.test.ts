import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createUnit } from "@server/commands/units.js";
import { browserSuite, logInToApp, openPage } from "./browser.js";

// An admin imports a kota's official areas from the units page and merges a duplicate desa.

const suite = browserSuite();
const ORIGIN = { actor: null, label: "test" };
let admin: Page;
beforeAll(async () => {
  admin = await openPage(suite.browser, suite.siar.url);
  await logInToApp(admin, "admin@sanggau.demo");
});

describe("official areas on the units page", () => {
  it("previews and imports a kota's kecamatan and kelurahan below the unit chosen", async () => {
    await createUnit(suite.siar.services.prisma, {
      origin: ORIGIN,
      unit: { name: "Pemerintah Kota Yogyakarta", type: "kabupaten", parentId: null },
    });
    await admin.goto("/app/admin/units");
    await admin.getByRole("button", { name: "Impor wilayah resmi" }).click();
    const panel = admin.getByRole("region", { name: "Impor wilayah resmi Kemendagri" });
    await panel
      .getByLabel("Kabupaten/kota")
      .locator("option", { hasText: "Kota Yogyakarta (34.71)" })
      .waitFor({ state: "attached" });
    await panel.getByLabel("Kabupaten/kota").selectOption("34.71");
    await panel.getByLabel("Di bawah unit").selectOption({ label: "Pemerintah Kota Yogyakarta" });
    await panel.getByRole("button", { name: "Pratinjau" }).click();
    await panel.getByText("Kota Yogyakarta: 14 kecamatan, 0 desa, 45 kelurahan.").waitFor();
    await panel.getByRole("button", { name: "Impor 59 wilayah" }).click();
    await panel.getByText("Selesai: 59 unit dibuat, 0 unit diberi kode resmi, 0 sudah ada.").waitFor();

    const row = admin.getByRole("row", { name: /Kecamatan Tegalrejo/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Kecamatan Tegalrejo\s+Kecamatan\s+—\s+34\.71\.01\s+WIB/);
  });

  it("merges a hand-typed desa into the official one", async () => {
    const { prisma } = suite.siar.services;
    const kapuas = await prisma.unit.findUniqueOrThrow({ where: { code: "kec-kapuas" } });
    const official = await prisma.unit.findUniqueOrThrow({ where: { code: "desa-sungai-mawang" } });
    await createUnit(prisma, { origin: ORIGIN, unit: { name: "Desa Sei Mawang", type: "desa", parentId: kapuas.id } });
    await admin.goto("/app/admin/units");
    await admin.getByRole("button", { name: "Gabungkan Desa Sei Mawang ke unit lain" }).click();
    const form = admin.getByRole("form", { name: "Gabungkan Desa Sei Mawang ke unit lain" });
    await form.getByLabel("Gabungkan ke").selectOption(official.id);
    await form.getByRole("button", { name: "Simpan" }).click();
    await admin.getByRole("rowheader", { name: "Desa Sei Mawang" }).waitFor({ state: "detached" });
    expect(await prisma.unit.count({ where: { name: "Desa Sei Mawang" } })).toBe(0);
  });
});

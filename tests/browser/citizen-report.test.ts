import { describe, expect, it } from "vitest";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

const suite = browserSuite();

// A citizen's report from the website's form to a staff reply the citizen can read.

describe("aspiration form → tracking number → staff reply → citizen sees it", () => {
  it("works end to end in the browser", async () => {
    const citizen = await openPage(suite.browser, suite.siar.url);
    await citizen.goto("/");
    await citizen.getByRole("link", { name: "Sampaikan aspirasi atau pengaduan" }).click();
    await citizen.getByLabel("Nama", { exact: true }).fill("Yohanes Ubin");
    await citizen.getByLabel("Nomor HP/WhatsApp").fill("0812 3456 7890");
    await citizen.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Kecamatan Kapuas" });
    await citizen.getByLabel("Kategori", { exact: true }).selectOption("pelayanan_publik");
    await citizen.getByLabel("Isi laporan").fill("Pelayanan di kantor camat Kapuas lambat sekali, sudah tiga kali datang belum selesai <b>tolong</b>");
    await citizen.getByRole("checkbox").check();
    // The form refuses reports sent faster than a person can fill it in.
    await citizen.waitForTimeout(3200);
    await citizen.getByRole("button", { name: "Kirim laporan" }).click();
    const number = (await citizen.locator("text=/SIAR-\\d{4}-[A-Z0-9]{6}/").first().innerText()).match(/SIAR-\d{4}-[A-Z0-9]{6}/)![0];

    const officer = await openPage(suite.browser, suite.siar.url);
    await logInToApp(officer, "petugas.kapuas@sanggau.demo");
    const item = await suite.siar.services.prisma.inboxItem.findUniqueOrThrow({ where: { trackingNumber: number } });
    for (let i = 0; i < 50 && !(await suite.siar.services.prisma.inboxItem.findUnique({ where: { id: item.id } }))?.unitId; i++) await officer.waitForTimeout(100);
    await officer.goto(`/app/inbox/${item.id}`);
    // The citizen's markup is shown as text.
    await officer.getByText("<b>tolong</b>", { exact: false }).first().waitFor();
    await officer.getByLabel("Balasan", { exact: true }).fill("Terima kasih, Pak Yohanes. Berkas Bapak selesai hari Kamis.");
    await officer.getByRole("button", { name: "Kirim balasan" }).click();
    await officer.getByText("Dijawab").first().waitFor();

    await citizen.goto(`/lacak/${number.toLowerCase()}`);
    const page = await citizen.locator("main").innerText();
    expect(page).toContain("Terima kasih, Pak Yohanes. Berkas Bapak selesai hari Kamis.");
    expect(page).toContain("Dijawab");
    expect(page).not.toContain("0812");
    expect(page).not.toContain("Budi Petugas Kapuas");
    await closePage(officer);
    await closePage(citizen);
  });
});

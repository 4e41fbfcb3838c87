import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserSuite, closePage, logInToApp, openPage, selectOptionContaining } from "./browser.js";

const suite = browserSuite({ SIAR_SANDBOX: "true" });

let admin: Page;
beforeAll(async () => {
  admin = await openPage(suite.browser, suite.siar.url);
  await logInToApp(admin, "admin@sanggau.demo");
});

const RULE = "Kesehatan, Kecamatan Tayan Hulu";

/** The rules table's rows as text, in the order shown. */
async function ruleRows(page: Page): Promise<string[]> {
  return page.getByRole("table", { name: "Aturan rute" }).locator("tbody tr").allInnerTexts();
}

/** The priority column of every row (after the category header cell: place, unit, priority), as shown. */
async function priorities(page: Page): Promise<number[]> {
  const cells = await page
    .getByRole("table", { name: "Aturan rute" })
    .locator("tbody tr td:nth-of-type(3)")
    .allInnerTexts();
  return cells.map(Number);
}

const descending = (values: number[]) => values.every((value, index) => index === 0 || values[index - 1]! >= value);

function xChannelRow(page: Page): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: "X", exact: true }) });
}

describe("canned responses administration", () => {
  it("lets an admin write a template for one unit, explains an unknown variable, and delete it", async () => {
    await admin.goto("/app/admin");
    await admin.getByRole("navigation", { name: "Menu admin" }).getByRole("link", { name: "Templat jawaban" }).click();
    const table = admin.getByRole("table", { name: "Templat jawaban" });
    await table.getByRole("rowheader", { name: "Nomor laporan untuk memantau" }).waitFor();

    await admin.getByRole("button", { name: "Templat baru" }).click();
    const form = admin.getByRole("form", { name: "Templat baru" });
    await form.getByLabel("Judul").fill("Jadwal perbaikan");
    await form.getByLabel("Isi").fill("Halo {name}, {unit} memperbaiki lampu jalan pekan ini.");
    await selectOptionContaining(admin, "Unit", "Kecamatan Kapuas");
    await form.getByRole("button", { name: "Simpan" }).click();
    await form
      .getByText(
        "Templat memakai variabel yang tidak dikenal. Gunakan hanya {nama}, {nomor}, {unit} atau {formulir_ppid}.",
      )
      .first()
      .waitFor();
    await form.getByLabel("Isi").fill("Halo {nama}, {unit} memperbaiki lampu jalan pekan ini.");
    await form.getByRole("button", { name: "Simpan" }).click();

    const row = table.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: "Jadwal perbaikan" }) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      /Halo \{nama\}, \{unit\} memperbaiki lampu jalan pekan ini\.\s+Kecamatan Kapuas\s+Bahasa Indonesia/,
    );
    await row.getByRole("button", { name: "Hapus" }).click();
    await row.getByRole("button", { name: "Ya, hapus templat Jadwal perbaikan" }).click();
    await row.waitFor({ state: "detached" });
  });
});

describe("routing rules administration", () => {
  it("lets an admin add a rule, listed by priority, change its priority and delete it", async () => {
    await admin.goto("/app/admin/routing-rules");
    await admin
      .getByText("Aturan dengan prioritas tertinggi yang cocok dengan kategori dan wilayah menentukan unit pemilik")
      .waitFor();
    await admin.getByRole("button", { name: "Aturan baru" }).click();
    const form = admin.getByRole("form", { name: "Aturan baru" });
    await form.getByLabel("Kategori").selectOption("kesehatan");
    await selectOptionContaining(admin, "Wilayah", "Kecamatan Tayan Hulu");
    await selectOptionContaining(admin, "Unit pemilik", "Kecamatan Tayan Hulu");
    await form.getByLabel("Prioritas").fill("20");
    await form.getByRole("button", { name: "Simpan" }).click();

    // The highest priority is listed first, as the server applies it.
    await admin.getByRole("button", { name: `Ubah aturan ${RULE}` }).waitFor();
    const rows = await ruleRows(admin);
    expect(rows[0]).toMatch(/^Kesehatan\s+Kecamatan Tayan Hulu\s+Kecamatan Tayan Hulu\s+20/);
    // The demo's camat rules; the rest is routed from the unit tree, without rules.
    expect(rows.some((row) => /^Ketertiban\s+Kecamatan Kapuas\s+Kecamatan Kapuas\s+10/.test(row))).toBe(true);
    expect(descending(await priorities(admin))).toBe(true);

    const ruleRow = admin.getByRole("row").filter({ has: admin.getByRole("button", { name: `Ubah aturan ${RULE}` }) });
    await ruleRow.getByRole("button", { name: `Ubah aturan ${RULE}` }).click();
    const editForm = admin.getByRole("form", { name: `Ubah aturan ${RULE}` });
    await editForm.getByLabel("Prioritas").fill("5");
    await editForm.getByRole("button", { name: "Simpan" }).click();
    await ruleRow.getByRole("cell", { name: "5", exact: true }).waitFor();
    // Now below the kecamatan rules (10).
    const shown = await priorities(admin);
    expect(descending(shown)).toBe(true);
    expect(shown).not.toContain(20);

    await ruleRow.getByRole("button", { name: "Hapus" }).click();
    await ruleRow.getByRole("button", { name: `Ya, hapus aturan ${RULE}` }).click();
    await ruleRow.waitFor({ state: "detached" });
    expect((await ruleRows(admin)).some((text) => /^Kesehatan\s+Kecamatan Tayan Hulu/.test(text))).toBe(false);
  });

  it("shows humas the rules without ways to change them", async () => {
    const humas = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(humas, "humas@sanggau.demo");
      await humas.goto("/app/admin/routing-rules");
      await humas.getByText("Hanya admin yang dapat mengubah aturan rute.").waitFor();
      expect((await ruleRows(humas)).length).toBeGreaterThan(0);
      expect(await humas.getByRole("button", { name: "Aturan baru" }).count()).toBe(0);
      expect(await humas.getByRole("button", { name: /^Ubah aturan/ }).count()).toBe(0);
    } finally {
      await closePage(humas);
    }
  });
});

describe("channel spend", () => {
  it("shows the X channel's requests this month against the budget an admin sets", async () => {
    await admin.goto("/app/admin/channels");
    await xChannelRow(admin)
      .getByRole("button", { name: /^Pemakaian/ })
      .click();
    const usage = admin.getByRole("region", { name: /^Pemakaian/ });
    await usage.getByText("X menagih setiap permintaan API", { exact: false }).waitFor();
    await usage.getByRole("heading", { name: "Permintaan per endpoint" }).waitFor();

    await usage.getByLabel("Batas permintaan per bulan").fill("500");
    await usage.getByRole("button", { name: "Simpan batas" }).click();
    await usage.getByText("Batas bulanan disimpan.").waitFor();
    await usage.getByText(/dari 500 permintaan/).waitFor();
    expect(await usage.getByTestId("usage-summary").innerText()).toMatch(/^\d+ dari 500 permintaan \(\d+%\)$/);
    const meter = usage.getByLabel("Permintaan bulan ini terhadap batas");
    expect(await meter.getAttribute("max")).toBe("500");

    // Emptied, the budget is lifted again.
    await usage.getByLabel("Batas permintaan per bulan").fill("");
    await usage.getByRole("button", { name: "Simpan batas" }).click();
    await usage.getByText(/^\d+ permintaan; tanpa batas bulanan\.$/).waitFor();
  });

  it("tells a signed-in admin at once when a platform refuses a channel's token", async () => {
    const channels: { id: string; kind: string }[] = await admin.evaluate(
      async () => (await (await fetch("/api/channels")).json()).data,
    );
    const x = channels.find((channel) => channel.kind === "x")!;
    suite.siar.services.events.emit("channel.needsReconnect", { channelId: x.id, reason: "token dicabut" });
    const notice = admin.getByRole("alert").filter({ hasText: "token dicabut" });
    await notice.waitFor();
    await notice.getByRole("button", { name: "Tutup pemberitahuan" }).click();
    await notice.waitFor({ state: "detached" });
  });
});

import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserSuite, logIn, logInToApp, openPage, selectOptionContaining } from "./browser.js";

const suite = browserSuite();
const { withPage } = suite;

let admin: Page;
beforeAll(async () => {
  admin = await openPage(suite.browser, suite.siar.url);
  await logInToApp(admin, "admin@sanggau.demo");
});

describe("units and users administration", () => {
  it("shows no simulation banner when channels are real", async () => {
    await admin.goto("/app/admin/units");
    await admin.getByRole("button", { name: "Unit baru" }).waitFor();
    expect(await admin.getByTestId("simulated-channels-banner").count()).toBe(0);
  });

  it("lets an admin create a unit, showing the server's objection next to the field first", async () => {
    await admin.goto("/app/admin/units");
    await admin.getByRole("button", { name: "Unit baru" }).click();
    await admin.getByLabel("Nama unit").fill("Desa Uji Coba");
    await admin.getByLabel("Jenis").selectOption("desa");
    await admin.getByLabel("Kode", { exact: true }).fill("desa-uji-coba");
    await admin.getByRole("button", { name: "Simpan" }).click();

    // A desa needs a kecamatan as parent: the domain error is shown by the parent field.
    const parentError = admin.locator(".field--invalid .field__error");
    await parentError.waitFor();
    expect(await parentError.innerText()).toContain("Induk unit tidak sesuai");

    await selectOptionContaining(admin, "Unit induk", "Kecamatan Kapuas");
    await admin.getByRole("button", { name: "Simpan" }).click();
    const row = admin.getByRole("row", { name: /Desa Uji Coba/ });
    await row.waitFor();
    // No official area code: a unit typed in by hand.
    expect(await row.innerText()).toMatch(/Desa Uji Coba\s+Desa\s+desa-uji-coba\s+—\s+WIB/);
  });

  it("lets an admin create a user, who must then replace the temporary password", async () => {
    await admin.goto("/app/admin/users");
    await admin.getByRole("button", { name: "Pengguna baru" }).click();
    const form = admin.getByRole("form", { name: "Pengguna baru" });
    await form.getByLabel("Email").fill("kades.ujicoba@sanggau.demo");
    await form.getByLabel("Nama", { exact: true }).fill("Kepala Desa Uji Coba");
    await form.getByLabel("Peran").selectOption("officer");
    await form.getByRole("checkbox", { name: "Desa Uji Coba" }).check();
    await form.getByRole("button", { name: "Simpan" }).click();

    const secret = admin.getByTestId("one-time-secret");
    await secret.waitFor();
    const temporaryPassword = await secret.innerText();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    const row = admin.getByRole("row", { name: /Kepala Desa Uji Coba/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/kades\.ujicoba@sanggau\.demo\s+Petugas\s+Desa Uji Coba/);

    await withPage(async (page) => {
      await logIn(page, "kades.ujicoba@sanggau.demo", temporaryPassword);
      await page.getByRole("heading", { name: "Ganti kata sandi" }).waitFor();
      await page.getByLabel("Kata sandi saat ini").fill(temporaryPassword);
      await page.getByLabel("Kata sandi baru", { exact: true }).fill("desa-uji-coba-2026");
      await page.getByLabel("Ulangi kata sandi baru").fill("desa-uji-coba-2026");
      await page.getByRole("button", { name: "Ganti kata sandi" }).click();
      await page.getByRole("heading", { name: "Selamat datang, Kepala Desa Uji Coba" }).waitFor();
    });
  });

  it("signs a deactivated user out of an open session and refuses their next sign-in", async () => {
    await withPage(async (officer) => {
      await logInToApp(officer, "petugas.tayanhulu@sanggau.demo");

      await admin.goto("/app/admin/users");
      const row = admin.getByRole("row", { name: /Siti Petugas Tayan Hulu/ });
      await row.getByRole("button", { name: "Nonaktifkan" }).click();
      await row.getByRole("button", { name: "Ya, nonaktifkan Siti Petugas Tayan Hulu" }).click();
      await row.getByRole("button", { name: "Aktifkan kembali" }).waitFor();

      // The server drops the officer's socket; the app re-checks the session and shows the login page.
      await officer.getByRole("heading", { name: "Masuk ke Siar" }).waitFor();
      await logIn(officer, "petugas.tayanhulu@sanggau.demo");
      const alert = officer.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toBe("Akun ini telah dinonaktifkan. Hubungi admin.");
    });
  });
});

describe("the audit log", () => {
  it("shows a leader the audit log, with their sign-in", async () => {
    await withPage(async (page) => {
      await logInToApp(page, "pimpinan@sanggau.demo");
      await page.getByTestId("nav-admin").click();
      await page.getByRole("heading", { name: "Log audit" }).waitFor();
      const adminNav = page.getByRole("navigation", { name: "Menu admin" });
      expect(await adminNav.getByRole("link").allInnerTexts()).toEqual(["Log audit"]);
      // The sign-in in words, not as its code.
      const loginRow = page.getByRole("row", { name: /masuk ke Siar/ }).first();
      await loginRow.waitFor();
      expect(await loginRow.innerText()).toContain("Sekretaris Daerah <pimpinan@sanggau.demo>");
    });
  });
});

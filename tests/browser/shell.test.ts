import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserSuite, logIn, logInToApp } from "./browser.js";

// As `npm start` runs the demo: channels simulated by the local sandbox.
const suite = browserSuite({ SIAR_SANDBOX: "true" });
const { withPage } = suite;

async function navLinkTestIds(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Navigasi utama" });
  return nav.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("data-testid") ?? ""));
}

describe("the signed-in navigation", () => {
  const staff = ["nav-compose", "nav-posts", "nav-calendar", "nav-inbox", "nav-sites"];
  const expected: [string, string[]][] = [
    ["admin@sanggau.demo", [...staff, "nav-dashboard", "nav-dip", "nav-admin"]],
    ["humas@sanggau.demo", [...staff, "nav-dashboard", "nav-dip", "nav-admin"]],
    ["petugas.kapuas@sanggau.demo", staff],
    // Leaders read the PPID's figures and objections, so the PPID section is theirs too.
    // Leaders read their units' inbox (the items behind the dashboard's figures).
    [
      "pimpinan@sanggau.demo",
      ["nav-posts", "nav-calendar", "nav-inbox", "nav-sites", "nav-dashboard", "nav-dip", "nav-admin"],
    ],
    ["ppid@sanggau.demo", ["nav-calendar", "nav-dip"]],
    ["operator.sungaimawang@sanggau.demo", ["nav-calendar", "nav-sites", "nav-dip"]],
    ["ppid.kapuas@sanggau.demo", ["nav-calendar", "nav-dip"]],
  ];

  it.each(expected)("shows %s exactly the sections their role allows", async (email, links) => {
    await withPage(async (page) => {
      await logInToApp(page, email);
      expect(await navLinkTestIds(page)).toEqual(links);
    });
  });

  const ppidTabs: [string, string, string[]][] = [
    ["pimpinan@sanggau.demo", "/app/ppid/objections", ["ppid-objections", "ppid-reports"]],
    ["operator.sungaimawang@sanggau.demo", "/app/ppid/dip", ["dip-list"]],
    [
      "ppid.kapuas@sanggau.demo",
      "/app/ppid/dip",
      ["dip-list", "ppid-profiles", "ppid-requests", "ppid-objections", "ppid-reports"],
    ],
  ];

  it.each(ppidTabs)("opens the PPID section for %s on %s, with only their tabs", async (email, landing, tabs) => {
    await withPage(async (page) => {
      await logInToApp(page, email);
      await page.getByTestId("nav-dip").click();
      await page.waitForURL((url) => url.pathname === landing);
      const subNav = page.getByRole("navigation", { name: "Halaman PPID" });
      const ids = await subNav
        .getByRole("link")
        .evaluateAll((links) => links.map((link) => link.getAttribute("data-testid") ?? ""));
      expect(ids).toEqual(tabs);
    });
  });

  it("says plainly that channels are simulated in demo mode", async () => {
    await withPage(async (page) => {
      await logInToApp(page, "petugas.kapuas@sanggau.demo");
      expect(await page.getByTestId("simulated-channels-banner").innerText()).toContain("disimulasikan");
    });
  });

  it("shows the signed-in user's name and role in the header", async () => {
    await withPage(async (page) => {
      await logInToApp(page, "camat.kapuas@sanggau.demo");
      expect(await page.getByTestId("current-user").innerText()).toMatch(/Camat Kapuas\s+Pimpinan/);
    });
  });
});

describe("signing in and out", () => {
  it("shows the server's Indonesian message for a wrong password", async () => {
    await withPage(async (page) => {
      await logIn(page, "admin@sanggau.demo", "not-the-password");
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toBe("Email atau kata sandi salah.");
      expect(new URL(page.url()).pathname).toBe("/app/login");
    });
  });

  it("says how long to wait, and until what time, once failed sign-ins must pause", async () => {
    await withPage(async (page) => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        await logIn(page, "belum.terdaftar@sanggau.demo", `tebakan-${attempt}-xyz`);
        await page.getByRole("alert").waitFor();
      }
      expect(await page.getByRole("alert").innerText()).toBe(
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.",
      );
      expect(await page.getByRole("status").innerText()).toMatch(
        /^Anda dapat mencoba masuk lagi mulai pukul \d{2}\.\d{2}\.$/,
      );
    });
  });

  it("returns to the login page on logout and keeps the app closed afterwards", async () => {
    await withPage(async (page) => {
      await logInToApp(page, "humas@sanggau.demo");
      await page.getByRole("button", { name: "Keluar" }).click();
      await page.getByRole("heading", { name: "Masuk ke Siar" }).waitFor();
      await page.goto("/app/dashboard");
      await page.getByRole("heading", { name: "Masuk ke Siar" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/app/login");
      expect(await page.getByRole("navigation", { name: "Navigasi utama" }).count()).toBe(0);
    });
  });

  it("switches the interface to English and keeps the choice for the account", async () => {
    await withPage(async (page) => {
      await logInToApp(page, "petugas.pupr@sanggau.demo");
      await page.getByRole("button", { name: "English" }).click();
      const nav = page.getByRole("navigation", { name: "Main navigation" });
      await nav.waitFor();
      expect(await nav.getByRole("link").allInnerTexts()).toEqual([
        "Compose",
        "Posts",
        "Calendar",
        "Inbox",
        "Unit sites",
      ]);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      // Saved to the account, not only to this browser: without localStorage it stays English.
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.getByRole("button", { name: "Sign out" }).waitFor();
    });
  });
});

describe("on a phone", () => {
  it("hides the navigation behind a menu button that opens it", async () => {
    await withPage(
      async (page) => {
        await logIn(page, "admin@sanggau.demo");
        const menu = page.getByRole("button", { name: "Menu" });
        await menu.waitFor();
        expect(await menu.getAttribute("aria-expanded")).toBe("false");
        expect(await page.getByTestId("nav-admin").isVisible()).toBe(false);
        await menu.click();
        expect(await menu.getAttribute("aria-expanded")).toBe("true");
        await page.getByTestId("nav-admin").click();
        await page.getByRole("heading", { name: "Unit", exact: true }).waitFor();
        expect(await menu.getAttribute("aria-expanded")).toBe("false");
      },
      { width: 390, height: 844 },
    );
  });
});

describe("the account page", () => {
  it("creates a personal API token, shows it once, and revokes it", async () => {
    await withPage(async (page) => {
      await logInToApp(page, "humas@sanggau.demo");
      await page.getByTestId("current-user").click();
      await page.getByLabel("Nama token").fill("Skrip rekap");
      await page.getByLabel("Berlaku (hari)").fill("30");
      // Read is chosen already; the inbox is added, and the unit limit stays "all my units".
      expect(await page.getByLabel("Baca (hanya GET)").isChecked()).toBe(true);
      await page.getByLabel("Kotak masuk").check();
      await page.getByRole("button", { name: "Buat token" }).click();

      const secret = page.getByTestId("one-time-secret");
      await secret.waitFor();
      expect(await page.getByText("hanya ditampilkan sekali").count()).toBe(1);
      const token = await secret.innerText();
      await page.getByRole("button", { name: "Sudah saya simpan" }).click();
      expect(await page.getByText(token).count()).toBe(0);

      const row = page.getByRole("row", { name: /Skrip rekap/ });
      await row.getByText("Baca (hanya GET), Kotak masuk").waitFor();
      await row.getByText("Semua unit saya").waitFor();
      await row.getByRole("button", { name: "Cabut" }).click();
      await row.getByRole("button", { name: "Ya, cabut token" }).click();
      await row.getByText(/^Dicabut/).waitFor();
    });
  });
});

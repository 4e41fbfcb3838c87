import { describe, expect, it } from "vitest";
import { browserSuite, closePage, logInToApp, openPage } from "./browser.js";

// A user sent to a page they may not open is told why, at that address, with where they can go.
const suite = browserSuite({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });

describe("a page the user may not open", () => {
  it("tells a leader why user management is closed to them, without leaving its address", async () => {
    const page = await openPage(suite.browser, suite.siar.url);
    try {
      await logInToApp(page, "pimpinan@sanggau.demo");
      await page.goto("/app/admin/users");
      const notice = page.getByTestId("no-access");
      await notice.waitFor();
      expect(await notice.innerText()).toContain("tidak tersedia untuk akun Anda sebagai Pimpinan");
      expect(new URL(page.url()).pathname).toBe("/app/admin/users");
      await page.getByRole("heading", { level: 1, name: "Halaman ini tidak dapat Anda buka" }).waitFor();
      // The ways on: the sections this user may open.
      await page.getByRole("main").getByRole("link", { name: "Dasbor" }).click();
      await page.waitForURL("**/app/dashboard");
    } finally {
      await closePage(page);
    }
  });
});
